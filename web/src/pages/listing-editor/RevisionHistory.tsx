import { useState } from 'react';
import { Button, Card, Descriptions, Modal, Skeleton, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ListingKind } from '@shared/contracts/catalog-content.js';
import type { ListingRecord } from '../../api/hooks/catalog';
import { useRevisionContent } from '../../api/hooks/catalog';
import { useContentRows } from '../../catalog/content-rows';
import { RevisionStatusTag } from '../../catalog/StatusTag';
import { ErrorAlert } from '../../components/feedback';
import { formatDateTime } from '../../components/format';

/** Every revision of a listing with its status and the reviewer's notes; each can be opened. */
export function RevisionHistory({ kind, record }: { kind: ListingKind; record: ListingRecord }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<string | null>(null);
  const content = useRevisionContent(kind, record.id, open);
  const rowsOf = useContentRows();
  const revisions = [...record.revisions].sort((a, b) => b.number - a.number);
  return (
    <Card size="small" title={t('catalog.editor.history')} data-testid="revision-history">
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        scroll={{ x: true }}
        dataSource={revisions}
        columns={[
          { title: '#', dataIndex: 'number', width: 48 },
          { title: t('catalog.editor.revisionStatus'), dataIndex: 'status', render: (s: string) => <RevisionStatusTag status={s} /> },
          { title: t('common.createdAt'), dataIndex: 'createdAt', render: formatDateTime },
          { title: t('catalog.editor.submittedAt'), dataIndex: 'submittedAt', render: formatDateTime },
          { title: t('catalog.editor.reviewedAt'), dataIndex: 'reviewedAt', render: formatDateTime },
          { title: t('catalog.editor.reviewNote'), dataIndex: 'reviewNote', render: (n: string | null) => n ?? '—' },
          { title: '', key: 'open', render: (_, r) => <Button size="small" type="link" onClick={() => setOpen(r.id)}>{t('common.details')}</Button> },
        ]}
      />
      <Modal open={!!open} onCancel={() => setOpen(null)} footer={null} width={820} title={t('catalog.editor.revisionN', { n: revisions.find((r) => r.id === open)?.number ?? '' })}>
        <ErrorAlert error={content.error} />
        {content.isPending ? <Skeleton active /> : content.data && (
          <Descriptions bordered size="small" column={1} items={rowsOf(kind, content.data.content).map((r) => ({ key: r.key, label: r.label, children: r.value }))} />
        )}
      </Modal>
    </Card>
  );
}
