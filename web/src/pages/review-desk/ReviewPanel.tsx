import { useState } from 'react';
import { Alert, Button, Card, Drawer, Flex, Form, Input, List, Modal, Progress, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { QueueItem } from '@shared/contracts/catalog.js';
import { applyFieldErrors } from '../../api/form-errors';
import { useListingRecord, useReviewMutations, useRevisionContent } from '../../api/hooks/catalog';
import { ListingStatusTag } from '../../catalog/StatusTag';
import { ErrorAlert, useErrorToast, useSuccessToast } from '../../components/feedback';
import { formatDateTime } from '../../components/format';
import { allChecked, Checklist, type ChecklistItem } from './Checklist';
import { ContentCompare } from './ContentCompare';

type Item = z.infer<typeof QueueItem>;

/** One submitted revision: its content (against the published one for edits), duplicates, checklist, decision. */
export function ReviewPanel({ item, onClose }: { item: Item | null; onClose: () => void }) {
  return (
    <Drawer open={!!item} onClose={onClose} width="min(980px, 100vw)" title={item?.title} destroyOnHidden data-testid="review-panel">
      {item && <PanelBody key={item.revisionId} item={item} onDone={onClose} />}
    </Drawer>
  );
}

function PanelBody({ item, onDone }: { item: Item; onDone: () => void }) {
  const { t } = useTranslation();
  const record = useListingRecord(item.kind, item.recordId);
  const revision = useRevisionContent(item.kind, item.recordId, item.revisionId);
  const r = useReviewMutations();
  const ok = useSuccessToast();
  const fail = useErrorToast();
  const [checks, setChecks] = useState<ChecklistItem[]>([]);
  const [note, setNote] = useState('');
  const [returning, setReturning] = useState(false);
  const [form] = Form.useForm<{ reasons: string }>();

  const approve = () =>
    r.approve.mutateAsync({ id: item.revisionId, checklist: checks, note: note.trim() || undefined }).then(() => {
      ok(t('catalog.review.approved'));
      onDone();
    }, fail);

  const sendBack = () =>
    form.validateFields().then((v) =>
      r.return.mutateAsync({ id: item.revisionId, reasons: v.reasons }).then(
        () => {
          ok(t('catalog.review.returned'));
          setReturning(false);
          onDone();
        },
        (e: unknown) => { if (!applyFieldErrors(form, e)) fail(e); },
      ),
    );

  const submitted = revision.data?.content ?? record.data?.working;
  return (
    <Flex vertical gap={16}>
      <Space wrap>
        <Tag color={item.isEdit ? 'orange' : 'blue'}>{t(item.isEdit ? 'catalog.review.isEdit' : 'catalog.review.isNew')}</Tag>
        <Typography.Text>{item.organisationName}</Typography.Text>
        <Typography.Text type="secondary">{t('catalog.review.submittedAt', { time: formatDateTime(item.submittedAt) })}</Typography.Text>
        <span style={{ width: 120, display: 'inline-block' }}><Progress percent={item.qualityScore} size="small" /></span>
      </Space>
      {item.similar.length > 0 && (
        <Alert
          type="warning"
          showIcon
          message={t('catalog.review.similar')}
          data-testid="review-similar"
          description={
            <List
              size="small"
              dataSource={item.similar}
              renderItem={(s) => (
                <List.Item>
                  <Space wrap>
                    <Tag color="red">{Math.round(s.similarity * 100)}%</Tag>
                    <span>{s.title}</span>
                    <Typography.Text type="secondary">{s.organisationName}</Typography.Text>
                    <ListingStatusTag status={s.status} />
                  </Space>
                </List.Item>
              )}
            />
          }
        />
      )}
      <ErrorAlert error={record.error ?? revision.error} />
      {!submitted ? (
        <Skeleton active />
      ) : (
        <ContentCompare kind={item.kind} submitted={submitted} published={item.isEdit ? (record.data?.published ?? null) : null} />
      )}
      <Card size="small" title={t('catalog.review.checklistTitle')}>
        <Checklist value={checks} onChange={setChecks} />
        <Input.TextArea style={{ marginTop: 12 }} placeholder={t('catalog.review.note')} value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} autoSize={{ minRows: 2 }} />
        <Flex gap={8} wrap style={{ marginTop: 12 }}>
          <Button type="primary" disabled={!allChecked(checks)} loading={r.approve.isPending} onClick={approve} data-testid="review-approve">
            {t('catalog.review.approve')}
          </Button>
          <Button danger onClick={() => setReturning(true)} data-testid="review-return">
            {t('catalog.review.return')}
          </Button>
          {!allChecked(checks) && <Typography.Text type="secondary">{t('catalog.review.checkAll')}</Typography.Text>}
        </Flex>
      </Card>
      <Modal
        open={returning}
        title={t('catalog.review.return')}
        onCancel={() => setReturning(false)}
        onOk={sendBack}
        okText={t('catalog.review.return')}
        okButtonProps={{ danger: true, 'data-testid': 'return-confirm' }}
        confirmLoading={r.return.isPending}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="reasons" label={t('catalog.review.reasons')} rules={[{ required: true, min: 4, max: 2000, message: t('catalog.review.reasonsRequired') }]}>
            <Input.TextArea autoSize={{ minRows: 4 }} maxLength={2000} showCount data-testid="return-reasons" />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
