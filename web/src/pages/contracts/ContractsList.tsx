import { useState } from 'react';
import { PlusOutlined } from '@ant-design/icons';
import { Button, Input, Segmented, Table, Tabs, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { CONTRACT_STATUSES, type ContractStatus, type ContractSummary } from '@shared/contracts/contracts.js';
import { formatFen } from '../../catalog/money';
import { useLocale } from '../../catalog/locale';
import { ErrorAlert } from '../../components/feedback';
import { formatDate } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { useSession } from '../../session/SessionContext';
import { useContracts } from './hooks';
import { ContractStatusTag, useTypeLabel } from './labels';

type Scope = 'mine' | 'desk' | 'all';

/** Registrations of the caller's organisation, the registrar's desk (oldest deadline first), or all of them for the bureau. */
export function ContractsList() {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const typeLabel = useTypeLabel();
  const { hasPermission } = useSession();
  const scopes: Scope[] = [
    ...(hasPermission('create:contract') ? (['mine'] as const) : []),
    ...(hasPermission('register:contract') ? (['desk'] as const) : []),
    ...(hasPermission('register:contract') || hasPermission('read:contract') && !hasPermission('create:contract') ? (['all'] as const) : []),
  ];
  const [scope, setScope] = useState<Scope>(scopes[0] ?? 'mine');
  const [status, setStatus] = useState<ContractStatus | 'all'>('all');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const list = useContracts({ scope, status: status === 'all' ? undefined : status, q: q || undefined, page, pageSize });
  return (
    <div data-testid="contracts-list">
      <PageTitle
        title={t('contracts.menu.contracts')}
        extra={
          <>
            {scopes.length > 1 && <Segmented value={scope} onChange={(v) => { setScope(v as Scope); setPage(1); }} options={scopes.map((s) => ({ value: s, label: t(`contracts.scope.${s}`) }))} data-testid="contracts-scope" />}
            {hasPermission('create:contract') && <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/console/contracts/new')} data-testid="contract-new">{t('contracts.new')}</Button>}
          </>
        }
      />
      <Input.Search allowClear placeholder={`${t('contracts.fields.projectName')} / ${t('contracts.fields.registrationNumber')}`} onSearch={(v) => { setQ(v.trim()); setPage(1); }} style={{ maxWidth: 360, marginBottom: 8 }} />
      <Tabs activeKey={status} onChange={(k) => { setStatus(k as ContractStatus | 'all'); setPage(1); }}
        items={[{ key: 'all', label: t('cases.list.allStatuses') }, ...CONTRACT_STATUSES.map((s) => ({ key: s, label: t(`contracts.status.${s}`) }))]} />
      <ErrorAlert error={list.error} />
      <Table<ContractSummary>
        rowKey="id"
        scroll={{ x: true }}
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showTotal: (n) => t('common.total', { count: n }), onChange: (p, s) => { setPage(p); setPageSize(s); } }}
        columns={[
          { title: t('contracts.fields.projectName'), key: 'name', render: (_, c) => <Link to={`/console/contracts/${c.id}`} data-testid={`contract-link-${c.id}`}>{c.projectName}</Link> },
          { title: t('contracts.fields.type'), key: 'type', render: (_, c) => <>{typeLabel(c.type, c.subType)}{c.kind !== 'original' && <Typography.Text type="secondary"> ({t(`contracts.kind.${c.kind}`)})</Typography.Text>}</> },
          { title: t('contracts.fields.parties'), key: 'parties', render: (_, c) => <>{c.sellerName} → {c.buyerName}</> },
          { title: t('contracts.fields.techAmount'), dataIndex: 'techAmountFen', align: 'right', render: (v: number) => formatFen(v, locale) },
          { title: t('contracts.fields.status'), dataIndex: 'status', render: (s: ContractStatus) => <ContractStatusTag status={s} /> },
          {
            title: scope === 'desk' ? t('contracts.fields.daysLeft') : t('contracts.fields.registrationNumber'),
            key: 'n',
            render: (_, c) => (scope === 'desk' ? <Typography.Text type={c.daysLeft !== null && c.daysLeft <= 7 ? 'danger' : undefined}>{c.daysLeft ?? '—'}</Typography.Text> : c.registrationNumber ?? '—'),
          },
          { title: t('contracts.fields.registeredAt'), dataIndex: 'registeredAt', render: formatDate },
        ]}
      />
    </div>
  );
}
