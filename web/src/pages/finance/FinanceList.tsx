import { useState } from 'react';
import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Segmented, Select, Table, Tabs, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { FINANCE_KINDS, FINANCE_STATUSES, type FinanceKind, type FinanceStatus, type FinanceSummary } from '@shared/contracts/finance.js';
import { formatFen } from '../../catalog/money';
import { useLocale } from '../../catalog/locale';
import { ErrorAlert } from '../../components/feedback';
import { formatDateTime } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { districtYear } from '../../components/district-time';
import { usePaging } from '../../components/usePaging';
import { useSession } from '../../session/SessionContext';
import { FinanceDrawer } from './FinanceDrawer';
import { useFinanceRecords } from './hooks';
import { FinanceStatusTag } from './labels';

type Scope = 'mine' | 'desk' | 'all';

/**
 * The enterprise's financing records (register one in a drawer, then submit
 * from its page), the reviewer's queue (submitted, oldest first) and all
 * records for the bureau.
 */
export function FinanceList() {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const { hasPermission } = useSession();
  const canFile = hasPermission('create:financing');
  const canReview = hasPermission('review:financing');
  const scopes: Scope[] = [...(canFile ? (['mine'] as const) : []), ...(canReview ? (['desk'] as const) : []), ...(!canFile ? (['all'] as const) : [])];
  const [scope, setScope] = useState<Scope>(scopes[0] ?? 'all');
  const [status, setStatus] = useState<FinanceStatus | 'any'>('any');
  const [kind, setKind] = useState<FinanceKind | undefined>();
  const [year, setYear] = useState<number | undefined>();
  const [q, setQ] = useState('');
  const [drawer, setDrawer] = useState(false);
  const paging = usePaging();
  const list = useFinanceRecords({ scope, status: status === 'any' || scope === 'desk' ? undefined : status, kind, year, q: q || undefined, ...paging.query });
  const thisYear = districtYear();
  return (
    <div data-testid="finance-list">
      <PageTitle
        title={t('finance.title')}
        extra={
          <>
            {scopes.length > 1 && <Segmented value={scope} onChange={(v) => { setScope(v as Scope); paging.reset(); }} options={scopes.map((s) => ({ value: s, label: t(`finance.scope.${s}`) }))} data-testid="finance-scope" />}
            {canFile && <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer(true)} data-testid="finance-new">{t('finance.new')}</Button>}
          </>
        }
      />
      <Flex gap={8} wrap style={{ marginBottom: 8 }}>
        <Input.Search allowClear placeholder={t('finance.fields.search')} onSearch={(v) => { setQ(v.trim()); paging.reset(); }} style={{ maxWidth: 280 }} />
        <Select allowClear placeholder={t('finance.fields.allKinds')} value={kind} onChange={(v: FinanceKind | undefined) => { setKind(v); paging.reset(); }} style={{ width: 180 }}
          options={FINANCE_KINDS.map((k) => ({ value: k, label: t(`finance.kind.${k}`) }))} data-testid="finance-kind-filter" />
        <Select allowClear placeholder={t('finance.fields.allYears')} value={year} onChange={(v: number | undefined) => { setYear(v); paging.reset(); }} style={{ width: 130 }}
          options={Array.from({ length: 10 }, (_, i) => thisYear - i).map((y) => ({ value: y, label: `${y}` }))} />
      </Flex>
      {scope !== 'desk' && (
        <Tabs activeKey={status} onChange={(k) => { setStatus(k as FinanceStatus | 'any'); paging.reset(); }}
          items={[{ key: 'any', label: t('cases.list.allStatuses') }, ...FINANCE_STATUSES.map((s) => ({ key: s, label: t(`finance.status.${s}`) }))]} />
      )}
      <ErrorAlert error={list.error} />
      <Table<FinanceSummary>
        rowKey="id"
        scroll={{ x: true }}
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        pagination={paging.pagination(list.data?.total)}
        columns={[
          { title: t('finance.fields.kind'), key: 'kind', render: (_, r) => <Link to={`/console/finance/records/${r.id}`} data-testid={`finance-link-${r.id}`}>{t(`finance.kind.${r.kind}`)}</Link> },
          ...(scope === 'mine' ? [] : [{ title: t('finance.fields.organisation'), key: 'org', render: (_: unknown, r: FinanceSummary) => r.organisation.name }]),
          { title: t('finance.fields.institutionName'), dataIndex: 'institutionName' },
          { title: t('finance.fields.amount'), dataIndex: 'amountFen', align: 'right', render: (v: number) => formatFen(v, locale) },
          { title: t('finance.fields.signedOn'), dataIndex: 'signedOn' },
          { title: t('finance.fields.pledgedPatents'), key: 'patents', render: (_, r) => (r.pledgedPatents.length ? <Typography.Text style={{ fontSize: 12 }}>{r.pledgedPatents.join('、')}</Typography.Text> : '—') },
          { title: t('finance.fields.subsidyAmount'), key: 'subsidy', align: 'right', render: (_, r) => (r.subsidyRequested && r.subsidyAmountFen !== null ? formatFen(r.subsidyAmountFen, locale) : '—') },
          { title: t('finance.fields.status'), dataIndex: 'status', render: (s: FinanceStatus) => <FinanceStatusTag status={s} /> },
          { title: scope === 'desk' ? t('finance.fields.submittedAt') : t('finance.fields.updatedAt'), key: 'at', render: (_, r) => formatDateTime(scope === 'desk' ? r.submittedAt : r.updatedAt) },
        ]}
      />
      <FinanceDrawer open={drawer} onClose={() => setDrawer(false)} onSaved={(v) => { setDrawer(false); void navigate(`/console/finance/records/${v.id}`); }} />
    </div>
  );
}
