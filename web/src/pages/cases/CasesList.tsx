import { useState } from 'react';
import { Segmented, Table, Tabs, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { CASE_STATUSES, type CaseStatus, type CaseSummary } from '@shared/contracts/matchmaking.js';
import { useCases } from '../../api/hooks/matchmaking';
import { ErrorAlert } from '../../components/feedback';
import { formatDateTime } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { useSession } from '../../session/SessionContext';
import { CaseStatusTag, caseTitle } from './status';

/** The caller's matchmaking cases by status; brokers and the bureau also see open cases without a broker. */
export function CasesList() {
  const { t } = useTranslation();
  const { hasPermission } = useSession();
  const [status, setStatus] = useState<CaseStatus | 'all'>('all');
  const [scope, setScope] = useState<'mine' | 'unclaimed'>('mine');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const q = useCases({ status: status === 'all' ? undefined : status, scope, page, pageSize });
  const canUnclaimed = hasPermission('claim:case') || hasPermission('assign:case');
  return (
    <div data-testid="cases-list">
      <PageTitle
        title={t('console.menu.cases')}
        extra={canUnclaimed && (
          <Segmented value={scope} onChange={(v) => { setScope(v as 'mine' | 'unclaimed'); setPage(1); }} data-testid="cases-scope"
            options={[{ value: 'mine', label: t(hasPermission('assign:case') ? 'cases.list.all' : 'cases.list.mine') }, { value: 'unclaimed', label: t('cases.list.unclaimed') }]} />
        )}
      />
      <Tabs activeKey={status} onChange={(k) => { setStatus(k as CaseStatus | 'all'); setPage(1); }}
        items={[{ key: 'all', label: t('cases.list.allStatuses') }, ...CASE_STATUSES.map((s) => ({ key: s, label: t(`cases.status.${s}`) }))]} />
      <ErrorAlert error={q.error} />
      <Table
        rowKey="id"
        scroll={{ x: true }}
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        pagination={{ current: page, pageSize, total: q.data?.total ?? 0, showTotal: (n) => t('common.total', { count: n }), onChange: (p, s) => { setPage(p); setPageSize(s); } }}
        columns={[
          { title: t('cases.fields.listings'), key: 'title', render: (_, c: CaseSummary) => <Link to={`/console/cases/${c.id}`} data-testid={`case-link-${c.id}`}>{caseTitle(c) || c.id.slice(0, 8)}</Link> },
          { title: t('cases.fields.parties'), key: 'parties', render: (_, c: CaseSummary) => <>{c.initiator.name} → {c.counterpart.name}</> },
          { title: t('cases.fields.status'), dataIndex: 'status', render: (s: CaseStatus) => <CaseStatusTag status={s} /> },
          {
            title: t('cases.fields.awaiting'),
            key: 'awaiting',
            render: (_, c: CaseSummary) => (c.awaiting ? <Tag>{(c.awaiting === 'initiator' ? c.initiator : c.counterpart).name}</Tag> : <Typography.Text type="secondary">—</Typography.Text>),
          },
          { title: t('cases.fields.broker'), key: 'broker', render: (_, c: CaseSummary) => c.broker?.displayName ?? '—' },
          { title: t('cases.fields.lastActivity'), dataIndex: 'lastActivityAt', render: formatDateTime },
        ]}
      />
    </div>
  );
}
