import { Alert, Drawer, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useIndicatorRecords } from '../../api/hooks/plans';
import { ErrorAlert } from '../../components/feedback';
import { formatDateTime } from '../../components/format';
import { SourceTag } from '../../plans/tags';
import { formatValue } from '../../plans/values';
import type { Indicator } from './IndicatorCard';
import { usePaging } from '../../components/usePaging';

/** The records or reports whose amounts sum to an indicator's figure for the year. */
export function DrillDrawer({ planId, year, ind, onClose }: { planId: string; year: number | undefined; ind: Indicator | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const paging = usePaging();
  const q = useIndicatorRecords(planId, ind?.id ?? null, { year, ...paging.query });
  const yn = { yes: t('common.yes'), no: t('common.no') };
  const name = ind ? (i18n.language === 'en' && ind.nameEn ? ind.nameEn : ind.name) : '';
  return (
    <Drawer open={!!ind} onClose={onClose} width={Math.min(820, window.innerWidth)} title={name} destroyOnHidden data-testid="drill-drawer">
      {ind && q.data && (
        <Alert
          type="info"
          style={{ marginBottom: 12 }}
          message={t('plans.drill.summary', { year: q.data.year, value: formatValue(q.data.value, ind.unit, i18n.language, yn), count: q.data.total })}
          description={<SourceTag source={q.data.source} />}
        />
      )}
      <ErrorAlert error={q.error} />
      <Table
        rowKey={(r) => `${r.kind}-${r.id}`}
        size="small"
        scroll={{ x: true }}
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        pagination={paging.pagination(q.data?.total)}
        columns={[
          { title: t('plans.drill.kind'), dataIndex: 'kind', render: (k: 'record' | 'report') => <Tag>{t(`plans.drill.kinds.${k}`)}</Tag> },
          {
            title: t('plans.drill.title'),
            key: 'title',
            render: (_, r) =>
              r.link ? (
                r.link.startsWith('/') ? <Link to={r.link} data-testid={`drill-link-${r.id}`}>{r.title}</Link> : <a href={r.link} target="_blank" rel="noopener noreferrer">{r.title}</a>
              ) : (
                <Typography.Text>{r.title}</Typography.Text>
              ),
          },
          { title: t('plans.drill.organisation'), key: 'org', render: (_, r) => r.organisation?.name ?? '—' },
          { title: t('plans.drill.at'), dataIndex: 'at', render: formatDateTime },
          { title: t('plans.drill.amount'), dataIndex: 'amount', align: 'right', render: (v: number) => (ind ? formatValue(v, ind.unit, i18n.language, yn) : v) },
        ]}
      />
    </Drawer>
  );
}
