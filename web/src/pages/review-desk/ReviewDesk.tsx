import { useState } from 'react';
import { Button, Progress, Segmented, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ListingKind } from '@shared/contracts/catalog-content.js';
import { useReviewQueue } from '../../api/hooks/catalog';
import { ErrorAlert } from '../../components/feedback';
import { formatDateTime } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { BulkApproveModal } from './BulkApproveModal';
import { ReviewPanel } from './ReviewPanel';
import { usePaging } from '../../components/usePaging';

/** 审核台: submitted revisions oldest first, with likely duplicates; review one or approve several. */
export function ReviewDesk() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<ListingKind | 'all'>('all');
  const paging = usePaging();
  const [selected, setSelected] = useState<string[]>([]);
  const [openId, setOpenId] = useState<string | null>(null);
  const [bulk, setBulk] = useState(false);
  const queue = useReviewQueue({ kind: kind === 'all' ? undefined : kind, ...paging.query });
  const items = queue.data?.items ?? [];
  const open = items.find((i) => i.revisionId === openId) ?? null;

  return (
    <>
      <PageTitle
        title={t('console.menu.reviewDesk')}
        extra={
          <Button type="primary" disabled={selected.length === 0} onClick={() => setBulk(true)} data-testid="bulk-approve">
            {t('catalog.review.bulkApprove', { count: selected.length })}
          </Button>
        }
      />
      <Segmented
        style={{ marginBottom: 12 }}
        value={kind}
        onChange={(v) => { setKind(v as ListingKind | 'all'); paging.reset(); setSelected([]); }}
        options={[
          { value: 'all', label: t('catalog.review.allKinds') },
          { value: 'achievement', label: t('nav.achievements') },
          { value: 'demand', label: t('nav.demands') },
        ]}
        data-testid="review-kind"
      />
      <ErrorAlert error={queue.error} />
      <Table
        rowKey="revisionId"
        scroll={{ x: true }}
        loading={queue.isFetching}
        dataSource={items}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) }}
        onRow={(r) => ({ 'data-testid': `queue-row-${r.title}` }) as React.HTMLAttributes<HTMLElement>}
        pagination={paging.pagination(queue.data?.total)}
        columns={[
          { title: t('catalog.fields.title'), dataIndex: 'title' },
          { title: t('catalog.review.kind'), dataIndex: 'kind', render: (k: ListingKind) => t(k === 'achievement' ? 'nav.achievements' : 'nav.demands') },
          { title: t('catalog.review.org'), dataIndex: 'organisationName' },
          { title: t('catalog.review.type'), key: 'edit', render: (_, r) => <Tag color={r.isEdit ? 'orange' : 'blue'}>{t(r.isEdit ? 'catalog.review.isEdit' : 'catalog.review.isNew')} #{r.number}</Tag> },
          { title: t('catalog.quality.title'), dataIndex: 'qualityScore', width: 120, render: (v: number) => <Progress percent={v} size="small" /> },
          {
            title: t('catalog.review.duplicates'),
            key: 'similar',
            render: (_, r) =>
              r.similar.length === 0 ? '—' : (
                <Space size={2} wrap>
                  {r.similar.slice(0, 3).map((s) => <Tag key={s.id} color="red" title={`${s.title} · ${s.organisationName}`}>{Math.round(s.similarity * 100)}% {s.title.slice(0, 12)}</Tag>)}
                </Space>
              ),
          },
          { title: t('catalog.review.submittedCol'), dataIndex: 'submittedAt', render: formatDateTime },
          { title: t('common.actions'), key: 'open', render: (_, r) => <Button size="small" type="primary" ghost onClick={() => setOpenId(r.revisionId)} data-testid="queue-open">{t('catalog.review.open')}</Button> },
        ]}
      />
      <ReviewPanel item={open} onClose={() => setOpenId(null)} />
      <BulkApproveModal
        open={bulk}
        ids={selected}
        titles={new Map(items.map((i) => [i.revisionId, i.title]))}
        onClose={(approved) => { setBulk(false); setSelected((s) => s.filter((id) => !approved.includes(id))); }}
      />
    </>
  );
}
