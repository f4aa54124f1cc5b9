import { Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { DEMAND_CLOSE_REASONS } from '@shared/contracts/catalog.js';
import type { ListingKind } from '@shared/contracts/catalog-content.js';
import { applyFieldErrors } from '../../api/form-errors';
import { useCloseDemand, useListingMutations } from '../../api/hooks/catalog';
import { useErrorToast, useSuccessToast } from '../../components/feedback';

/** Withdraw a published listing from the portal, saying why. */
export function WithdrawModal({ kind, id, open, onClose }: { kind: ListingKind; id: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const { withdraw } = useListingMutations(kind);
  const ok = useSuccessToast();
  const fail = useErrorToast();
  return (
    <Modal
      open={open}
      title={t('catalog.actions.withdraw')}
      onCancel={onClose}
      okText={t('catalog.actions.withdraw')}
      okButtonProps={{ danger: true, 'data-testid': 'withdraw-confirm' }}
      confirmLoading={withdraw.isPending}
      destroyOnHidden
      onOk={() =>
        form.validateFields().then((v) =>
          withdraw.mutateAsync({ id, reason: v.reason }).then(
            () => { ok(t('catalog.actions.withdrawn')); onClose(); },
            (e: unknown) => { if (!applyFieldErrors(form, e)) fail(e); },
          ),
        )
      }
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="reason" label={t('catalog.actions.withdrawReason')} rules={[{ required: true, min: 2, max: 500, message: t('catalog.actions.reasonRequired') }]}>
          <Input.TextArea autoSize={{ minRows: 3 }} maxLength={500} showCount data-testid="withdraw-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Close a published demand: solved here or elsewhere, or no longer needed, with a note. */
export function CloseDemandModal({ id, open, onClose }: { id: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: (typeof DEMAND_CLOSE_REASONS)[number]; note: string }>();
  const close = useCloseDemand();
  const ok = useSuccessToast();
  const fail = useErrorToast();
  return (
    <Modal
      open={open}
      title={t('catalog.actions.close')}
      onCancel={onClose}
      okText={t('catalog.actions.close')}
      okButtonProps={{ 'data-testid': 'close-confirm' }}
      confirmLoading={close.isPending}
      destroyOnHidden
      onOk={() =>
        form.validateFields().then((v) =>
          close.mutateAsync({ id, ...v }).then(
            () => { ok(t('catalog.actions.closed')); onClose(); },
            (e: unknown) => { if (!applyFieldErrors(form, e)) fail(e); },
          ),
        )
      }
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="reason" label={t('catalog.actions.closeReason')} rules={[{ required: true, message: t('catalog.actions.reasonRequired') }]}>
          <Select options={DEMAND_CLOSE_REASONS.map((r) => ({ value: r, label: t(`catalog.closeReasons.${r}`) }))} data-testid="close-reason" />
        </Form.Item>
        <Form.Item name="note" label={t('catalog.actions.closeNote')} rules={[{ required: true, min: 2, max: 1000, message: t('catalog.actions.reasonRequired') }]}>
          <Input.TextArea autoSize={{ minRows: 3 }} maxLength={1000} showCount data-testid="close-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
