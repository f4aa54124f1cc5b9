import { useState } from 'react';
import { Alert, Form, Input, InputNumber, Modal, Select } from 'antd';
import { DatePicker } from '../../components/DistrictDatePicker';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { SERVICE_CATEGORIES } from '@shared/contracts/vouchers.js';
import { applyFieldErrors } from '../../api/form-errors';
import { OrgSelect } from '../../components/OrgSelect';
import { useErrorToast, useSuccessToast } from '../../components/feedback';
import { useSession } from '../../session/SessionContext';
import { useVoucherMutations } from './api';
import { AttachmentUpload } from '../../components/AttachmentUpload';
import { toFen } from './money';

type Values = { providerOrgId?: string | null; code: string; serviceCategory: string; contractNo: string; price: number; dates: [Dayjs, Dayjs]; contractFileId: string; invoiceFileId: string; ownShareProofFileId: string };

/**
 * Redeem a voucher with evidence. The idempotency key is made once when the
 * form opens, so a double click or a retry after a network error never
 * redeems twice (the server returns the same claim).
 */
export function RedeemModal({ onClose, providerOrgId }: { onClose: () => void; providerOrgId?: string }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const [form] = Form.useForm<Values>();
  const [key] = useState(() => `web-${crypto.randomUUID()}`);
  const m = useVoucherMutations();
  const fail = useErrorToast();
  const ok = useSuccessToast();
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await m.redeem.mutateAsync({
        code: v.code,
        idempotencyKey: key,
        providerOrgId: v.providerOrgId ?? providerOrgId ?? user!.organisation!.id,
        serviceCategory: v.serviceCategory as 'testing',
        contractNo: v.contractNo,
        servicePriceFen: toFen(v.price),
        serviceStart: v.dates[0].format('YYYY-MM-DD'),
        serviceEnd: v.dates[1].format('YYYY-MM-DD'),
        contractFileId: v.contractFileId,
        invoiceFileId: v.invoiceFileId,
        ownShareProofFileId: v.ownShareProofFileId,
      });
      ok(t('vouchers.redeem.done'));
      onClose();
    } catch (e) {
      if (!applyFieldErrors(form, e)) fail(e);
    }
  };
  const required = [{ required: true, message: t('catalog.editor.required') }];
  return (
    <Modal open title={t('vouchers.redeem.title')} onCancel={onClose} onOk={submit} okText={t('vouchers.redeem.submit')} confirmLoading={m.redeem.isPending} okButtonProps={{ 'data-testid': 'redeem-submit' } as never} destroyOnHidden>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('vouchers.redeem.hint')} />
      <Form form={form} layout="vertical" data-testid="redeem-form">
        <Form.Item name="code" label={t('vouchers.redeem.code')} rules={required}><Input data-testid="redeem-code" placeholder="CQ26-XXXX-XXXX-XXXX" /></Form.Item>
        <Form.Item name="providerOrgId" label={t('vouchers.apply.provider')} initialValue={user?.organisation?.id}>
          <OrgSelect initial={user?.organisation ? { id: user.organisation.id, name: user.organisation.name } : null} />
        </Form.Item>
        <Form.Item name="serviceCategory" label={t('vouchers.redeem.category')} rules={required}>
          <Select data-testid="redeem-category" options={SERVICE_CATEGORIES.map((c) => ({ value: c, label: t(`vouchers.categories.${c}`) }))} />
        </Form.Item>
        <Form.Item name="contractNo" label={t('vouchers.redeem.contractNo')} rules={required}><Input maxLength={100} data-testid="redeem-contract-no" /></Form.Item>
        <Form.Item name="price" label={t('vouchers.redeem.price')} rules={required}><InputNumber min={0.01} precision={2} style={{ width: '100%' }} data-testid="redeem-price" /></Form.Item>
        <Form.Item name="dates" label={t('vouchers.redeem.dates')} rules={required}><DatePicker.RangePicker data-testid="redeem-dates" /></Form.Item>
        <Form.Item name="contractFileId" label={t('vouchers.redeem.contract')} rules={required}><AttachmentUpload label={t('vouchers.redeem.upload')} testId="redeem-contract-file" /></Form.Item>
        <Form.Item name="invoiceFileId" label={t('vouchers.redeem.invoice')} rules={required}><AttachmentUpload label={t('vouchers.redeem.upload')} testId="redeem-invoice-file" /></Form.Item>
        <Form.Item name="ownShareProofFileId" label={t('vouchers.redeem.proof')} rules={required}><AttachmentUpload label={t('vouchers.redeem.upload')} testId="redeem-proof-file" /></Form.Item>
      </Form>
    </Modal>
  );
}
