import { Form, Input, InputNumber, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ENTERPRISE_SIZES, REDEEMERS, SERVICE_CATEGORIES } from '@shared/contracts/vouchers.js';
import { applyFieldErrors } from '../../api/form-errors';
import { useErrorToast } from '../../components/feedback';
import { useVoucherMutations } from './api';
import { toFen } from './money';

type Values = {
  name: string;
  description?: string;
  sizes: string[];
  regions?: string;
  serviceCategories: string[];
  coverage: number;
  cap: number;
  faces: number[];
  validityDays: number;
  redeemer: 'provider' | 'enterprise';
  budget: number;
};

/** The bureau administrator creates a programme (draft) with its budget. */
export function ProgrammeModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const m = useVoucherMutations();
  const fail = useErrorToast();
  const required = [{ required: true, message: t('catalog.editor.required') }];
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await m.createProgramme.mutateAsync({
        name: v.name,
        description: v.description,
        eligibility: { sizes: v.sizes as never, regionPrefixes: (v.regions ?? '').split(/[\s,，、]+/).filter(Boolean), verifiedOnly: true },
        serviceCategories: v.serviceCategories as never,
        providerOrgIds: [],
        coverageBp: Math.round(v.coverage * 100),
        yearlyCapFen: toFen(v.cap),
        faceValuesFen: v.faces.map((f) => toFen(Number(f))),
        validityDays: v.validityDays,
        redeemer: v.redeemer,
        budgetFen: toFen(v.budget),
      });
      onClose();
    } catch (e) {
      if (!applyFieldErrors(form, e)) fail(e);
    }
  };
  return (
    <Modal open width={640} title={t('vouchers.programme.create')} onCancel={onClose} onOk={submit} confirmLoading={m.createProgramme.isPending} destroyOnHidden okButtonProps={{ 'data-testid': 'programme-submit' } as never}>
      <Form form={form} layout="vertical" initialValues={{ sizes: ['micro', 'small', 'medium'], coverage: 50, validityDays: 180, redeemer: 'provider', serviceCategories: ['testing'] }}>
        <Form.Item name="name" label={t('vouchers.programme.name')} rules={required}><Input maxLength={200} data-testid="programme-name" /></Form.Item>
        <Form.Item name="budget" label={`${t('vouchers.programme.budget')} (${t('common.yuanUnit')})`} rules={required}><InputNumber min={0.01} precision={2} style={{ width: '100%' }} data-testid="programme-budget" /></Form.Item>
        <Form.Item name="sizes" label={t('vouchers.programme.sizes')}><Select mode="multiple" options={ENTERPRISE_SIZES.map((s) => ({ value: s, label: t(`vouchers.sizes.${s}`) }))} /></Form.Item>
        <Form.Item name="regions" label={t('vouchers.programme.regions')}><Input placeholder="620602" /></Form.Item>
        <Form.Item name="serviceCategories" label={t('vouchers.programme.categories')} rules={required}><Select mode="multiple" options={SERVICE_CATEGORIES.map((c) => ({ value: c, label: t(`vouchers.categories.${c}`) }))} /></Form.Item>
        <Form.Item name="coverage" label={`${t('vouchers.programme.coverage')} (%)`} rules={required}><InputNumber min={0.01} max={100} precision={2} style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="cap" label={t('vouchers.programme.cap')} rules={required}><InputNumber min={0.01} precision={2} style={{ width: '100%' }} data-testid="programme-cap" /></Form.Item>
        <Form.Item name="faces" label={t('vouchers.programme.faces')} rules={required}><Select mode="tags" tokenSeparators={[',', '，', ' ']} data-testid="programme-faces" /></Form.Item>
        <Form.Item name="validityDays" label={t('vouchers.programme.validity')} rules={required}><InputNumber min={1} max={1098} style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="redeemer" label={t('vouchers.programme.redeemer')} rules={required}><Select options={REDEEMERS.map((r) => ({ value: r, label: t(`vouchers.programme.redeemers.${r}`) }))} /></Form.Item>
        <Form.Item name="description" label={t('vouchers.programme.note')}><Input.TextArea rows={2} /></Form.Item>
      </Form>
    </Modal>
  );
}
