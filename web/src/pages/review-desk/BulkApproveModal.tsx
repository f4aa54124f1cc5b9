import { useState } from 'react';
import { Alert, Modal, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useReviewMutations } from '../../api/hooks/catalog';
import { useErrorToast } from '../../components/feedback';
import { allChecked, Checklist, type ChecklistItem } from './Checklist';

type Result = { approved: string[]; failed: { revisionId: string; code: string; message: string }[] };

/** Approve the selected revisions with one checklist; each succeeds or fails on its own. */
export function BulkApproveModal({
  open,
  ids,
  titles,
  onClose,
}: {
  open: boolean;
  ids: string[];
  titles: Map<string, string>;
  onClose: (approved: string[]) => void;
}) {
  const { t } = useTranslation();
  const { bulk } = useReviewMutations();
  const fail = useErrorToast();
  const [checks, setChecks] = useState<ChecklistItem[]>([]);
  const [result, setResult] = useState<Result | null>(null);
  const close = () => {
    const approved = result?.approved ?? [];
    setResult(null);
    setChecks([]);
    onClose(approved);
  };
  return (
    <Modal
      open={open}
      title={t('catalog.review.bulkTitle', { count: ids.length })}
      onCancel={close}
      okText={result ? t('common.close') : t('catalog.review.approve')}
      okButtonProps={{ disabled: !result && !allChecked(checks), 'data-testid': 'bulk-confirm' }}
      confirmLoading={bulk.isPending}
      onOk={() => (result ? close() : bulk.mutateAsync({ revisionIds: ids, checklist: checks }).then(setResult, fail))}
      width={640}
    >
      {!result ? (
        <>
          <Typography.Paragraph>{t('catalog.review.bulkExplain')}</Typography.Paragraph>
          <Checklist value={checks} onChange={setChecks} />
        </>
      ) : (
        <div data-testid="bulk-result">
          <Alert type={result.failed.length ? 'warning' : 'success'} showIcon message={t('catalog.review.bulkResult', { ok: result.approved.length, failed: result.failed.length })} style={{ marginBottom: 12 }} />
          {result.failed.length > 0 && (
            <Table
              size="small"
              rowKey="revisionId"
              pagination={false}
              dataSource={result.failed}
              columns={[
                { title: t('catalog.fields.title'), dataIndex: 'revisionId', render: (id: string) => titles.get(id) ?? id },
                { title: t('catalog.review.failure'), dataIndex: 'message' },
              ]}
            />
          )}
        </div>
      )}
    </Modal>
  );
}
