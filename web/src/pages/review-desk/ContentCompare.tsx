import { Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AchievementDraft, DemandDraft, ListingKind } from '@shared/contracts/catalog-content.js';
import { useContentRows } from '../../catalog/content-rows';

type Content = Partial<AchievementDraft> | Partial<DemandDraft>;

/**
 * The submitted content beside the published one, field by field; changed
 * fields are highlighted. With nothing published, only the submission shows.
 */
export function ContentCompare({ kind, submitted, published }: { kind: ListingKind; submitted: Content; published: Content | null }) {
  const { t } = useTranslation();
  const rowsOf = useContentRows();
  const next = rowsOf(kind, submitted);
  const prev = new Map(rowsOf(kind, published).map((r) => [r.key, r]));
  const data = next.map((r) => {
    const old = prev.get(r.key);
    return { key: r.key, label: r.label, now: r.value, before: old?.value ?? '—', changed: !!published && old?.compare !== r.compare };
  });
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="key"
      scroll={{ x: true }}
      dataSource={data}
      rowClassName={(r) => (r.changed ? 'cg-changed' : '')}
      onRow={(r) => ({ 'data-changed': r.changed, 'data-testid': `compare-${r.key}` }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        { title: t('catalog.review.field'), dataIndex: 'label', width: 140, render: (l: string, r) => <>{l} {r.changed && <Tag color="orange">{t('catalog.review.changed')}</Tag>}</> },
        ...(published ? [{ title: t('catalog.review.published'), dataIndex: 'before', render: (v: React.ReactNode) => v }] : []),
        { title: t('catalog.review.submitted'), dataIndex: 'now', render: (v: React.ReactNode) => v },
      ]}
    />
  );
}
