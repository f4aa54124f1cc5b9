import { Alert, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ENTERPRISE_SIZES, type ProgrammeView } from '@shared/contracts/vouchers.js';
import { applyFieldErrors } from '../../api/form-errors';
import { OrgSelect } from '../../components/OrgSelect';
import { useErrorToast, useSuccessToast } from '../../components/feedback';
import { useVoucherMutations } from './api';
import { toFen, yuan } from './money';

type Values = { enterpriseSize: (typeof ENTERPRISE_SIZES)[number]; townshipOrgId?: string | null; serviceCategory: string; providerOrgId?: string | null; serviceDescription: string; requested: number };

/** An enterprise applies to an open programme for the service it plans to buy. */
export function ApplyModal({ programme, onClose }: { programme: ProgrammeView; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const m = useVoucherMutations();
  const fail = useErrorToast();
  const ok = useSuccessToast();
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await m.apply.mutateAsync({
        programmeId: programme.id,
        enterpriseSize: v.enterpriseSize,
        townshipOrgId: v.townshipOrgId ?? undefined,
        serviceCategory: v.serviceCategory as 'testing',
        providerOrgId: v.providerOrgId ?? undefined,
        serviceDescription: v.serviceDescription,
        requestedFen: toFen(v.requested),
      });
      ok(t('vouchers.apply.done'));
      onClose();
    } catch (e) {
      if (!applyFieldErrors(form, e)) fail(e);
    }
  };
  const required = [{ required: true, message: t('catalog.editor.required') }];
  return (
    <Modal open title={t('vouchers.apply.title', { name: programme.name })} onCancel={onClose} onOk={submit} okText={t('vouchers.apply.submit')} confirmLoading={m.apply.isPending} okButtonProps={{ 'data-testid': 'apply-submit' } as never} destroyOnHidden>
      <Alert type="info" showIcon style={{ marginBottom: 12 }}
        message={`${t('vouchers.programme.coverage')} ${programme.coverageBp / 100}% · ${t('vouchers.programme.cap')} ${t('vouchers.yuan', { v: yuan(programme.yearlyCapFen) })} · ${t('vouchers.programme.faces')} ${programme.faceValuesFen.map(yuan).join(' / ')}`} />
      <Form form={form} layout="vertical" data-testid="apply-form">
        <Form.Item name="enterpriseSize" label={t('vouchers.apply.size')} rules={required}>
          <Select data-testid="apply-size" options={ENTERPRISE_SIZES.map((s) => ({ value: s, label: t(`vouchers.sizes.${s}`) }))} />
        </Form.Item>
        <Form.Item name="townshipOrgId" label={t('vouchers.apply.township')}><OrgSelect /></Form.Item>
        <Form.Item name="serviceCategory" label={t('vouchers.apply.category')} rules={required}>
          <Select data-testid="apply-category" options={programme.serviceCategories.map((c) => ({ value: c, label: t(`vouchers.categories.${c}`) }))} />
        </Form.Item>
        <Form.Item name="providerOrgId" label={t('vouchers.apply.provider')}><OrgSelect /></Form.Item>
        <Form.Item name="serviceDescription" label={t('vouchers.apply.description')} rules={required}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="apply-description" />
        </Form.Item>
        <Form.Item name="requested" label={t('vouchers.apply.requested')} rules={required}>
          <InputNumber min={0.01} precision={2} style={{ width: '100%' }} data-testid="apply-requested" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
