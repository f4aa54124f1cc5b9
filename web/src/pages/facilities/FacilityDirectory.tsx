import { useState } from 'react';
import { Alert, Card, Empty, Input, List, Segmented, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { FACILITY_KINDS } from '@shared/contracts/facilities.js';
import { ErrorAlert } from '../../components/feedback';
import { useDirectory, yuan } from './api';

type Kind = (typeof FACILITY_KINDS)[number];

/** The public directory of shared labs and instruments, with Chinese full-text search. */
export function FacilityDirectory() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<Kind | 'all'>('all');
  const [page, setPage] = useState(1);
  const res = useDirectory({ q: q || undefined, kind: kind === 'all' ? undefined : kind, page, pageSize: 20 });
  return (
    <div style={{ maxWidth: 1100, margin: '0 auto', padding: 16 }} data-testid="facility-directory">
      <Typography.Title level={2}>{t('facilities.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('facilities.subtitle')}</Typography.Paragraph>
      <Input.Search allowClear enterButton data-testid="facility-search" placeholder={t('facilities.searchPlaceholder')} onSearch={(v) => { setQ(v.trim()); setPage(1); }} style={{ marginBottom: 12 }} />
      <Segmented
        value={kind}
        onChange={(v) => { setKind(v as Kind | 'all'); setPage(1); }}
        options={[{ value: 'all', label: t('facilities.all') }, ...FACILITY_KINDS.map((k) => ({ value: k, label: t(`facilities.kinds.${k}`) }))]}
        style={{ marginBottom: 12 }}
      />
      <ErrorAlert error={res.error} />
      {res.data?.mode === 'or' && <Alert type="info" showIcon message={t('facilities.broader')} style={{ marginBottom: 12 }} />}
      {res.data?.mode === 'fuzzy' && <Alert type="info" showIcon message={t('facilities.fuzzy')} style={{ marginBottom: 12 }} />}
      <List
        loading={res.isFetching}
        locale={{ emptyText: <Empty description={t('facilities.empty')} /> }}
        dataSource={res.data?.items ?? []}
        // Counts stop at 10,000: "10,000+" (docs/decisions/0024-bounded-directory-search.md).
        pagination={{ current: page, pageSize: 20, total: res.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true, showTotal: (n) => t('common.total', { count: res.data?.totalCapped ? `${n.toLocaleString()}+` : n }) }}
        renderItem={(f) => (
          <List.Item>
            <Card style={{ width: '100%' }} size="small" title={<Link to={`/facilities/${f.id}`} data-testid="facility-link">{f.name}</Link>} extra={<Tag>{t(`facilities.kinds.${f.kind}`)}</Tag>}>
              <Typography.Text type="secondary">{[f.organisation.name, f.category, f.model, f.location].filter(Boolean).join(' · ')}</Typography.Text>
              <div>
                {t('facilities.fields.fee')}: {yuan(f.feeFen)} {t(`facilities.feeUnits.${f.feeUnit}`)}
              </div>
              {f.snippet && <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>{f.snippet}</Typography.Paragraph>}
            </Card>
          </List.Item>
        )}
      />
    </div>
  );
}
