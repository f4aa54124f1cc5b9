import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, InputNumber, Modal, Select, Switch } from 'antd';
import { DatePicker } from '../../components/DistrictDatePicker';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { CALL_KINDS } from '@shared/contracts/funding.js';
import { applyFieldErrors } from '../../api/form-errors';
import { fromPicker } from '../../components/district-time';
import { useErrorToast } from '../../components/feedback';
import { useFundingMutations } from './api';
import { toFen } from './format';

type Values = {
  kind: (typeof CALL_KINDS)[number];
  title: string;
  description?: string;
  orgTypes: string[];
  regions?: string;
  verifiedOnly: boolean;
  maxRequest?: number | null;
  requiredDocuments: string[];
  window: [Dayjs, Dayjs];
  reviewDeadline: Dayjs;
  budget: number;
  noticeDays: number;
  scoreForm: { key: string; label: string; max: number }[];
};

const ORG_TYPES = ['enterprise', 'university', 'research_institute', 'hospital', 'service_institution', 'maker_space'] as const;

/** The bureau administrator creates a call (draft): kind, eligibility, documents, window, budget in yuan (stored in fen), scoring form. */
export function CallModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const m = useFundingMutations();
  const fail = useErrorToast();
  const required = [{ required: true, message: t('catalog.editor.required') }];
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await m.createCall.mutateAsync({
        kind: v.kind,
        title: v.title,
        description: v.description ?? '',
        eligibility: { orgTypes: v.orgTypes ?? [], regionPrefixes: (v.regions ?? '').split(/[\s,，、]+/).filter(Boolean), verifiedOnly: v.verifiedOnly, maxRequestFen: v.maxRequest ? toFen(v.maxRequest) : null },
        requiredDocuments: v.requiredDocuments ?? [],
        opensAt: fromPicker(v.window[0]),
        closesAt: fromPicker(v.window[1]),
        reviewDeadline: fromPicker(v.reviewDeadline),
        budgetFen: toFen(v.budget),
        scoreForm: v.scoreForm.map((i) => ({ key: i.key, label: i.label, max: Number(i.max) })),
        noticeDays: v.noticeDays,
      });
      onClose();
    } catch (e) {
      if (!applyFieldErrors(form, e)) fail(e);
    }
  };
  return (
    <Modal open width={720} title={t('funding.call.create')} onCancel={onClose} onOk={submit} confirmLoading={m.createCall.isPending} destroyOnHidden okButtonProps={{ 'data-testid': 'call-submit' } as never}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: 'post_subsidy', orgTypes: ['enterprise'], verifiedOnly: true, noticeDays: 7, requiredDocuments: ['项目申报书'], scoreForm: [{ key: 'innovation', label: '技术创新性', max: 40 }, { key: 'benefit', label: '经济社会效益', max: 40 }, { key: 'team', label: '团队与条件', max: 20 }] }}
      >
        <Form.Item name="kind" label={t('funding.call.kind')} rules={required}>
          <Select options={CALL_KINDS.map((k) => ({ value: k, label: t(`funding.kinds.${k}`) }))} data-testid="call-kind" />
        </Form.Item>
        <Form.Item name="title" label={t('funding.call.title')} rules={required}><Input maxLength={200} data-testid="call-title" /></Form.Item>
        <Form.Item name="description" label={t('funding.call.description')}><Input.TextArea rows={2} maxLength={4000} /></Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="budget" label={t('funding.call.budget')} rules={required} style={{ flex: 1, minWidth: 200 }}><InputNumber min={0.01} precision={2} style={{ width: '100%' }} data-testid="call-budget" /></Form.Item>
          <Form.Item name="maxRequest" label={t('funding.call.maxRequest')} style={{ flex: 1, minWidth: 200 }}><InputNumber min={0.01} precision={2} style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="noticeDays" label={t('funding.call.noticeDays')} rules={required} style={{ width: 120 }}><InputNumber min={1} max={30} style={{ width: '100%' }} /></Form.Item>
        </Flex>
        <Form.Item name="window" label={t('funding.call.windowBeijing')} rules={required}><DatePicker.RangePicker showTime style={{ width: '100%' }} data-testid="call-window" /></Form.Item>
        <Form.Item name="reviewDeadline" label={t('funding.call.reviewDeadlineBeijing')} rules={required}><DatePicker showTime style={{ width: '100%' }} data-testid="call-review-deadline" /></Form.Item>
        <Form.Item name="orgTypes" label={t('funding.call.orgTypes')}><Select mode="multiple" options={ORG_TYPES.map((o) => ({ value: o, label: t(`orgTypes.${o}`) }))} /></Form.Item>
        <Form.Item name="regions" label={t('funding.call.regions')}><Input placeholder="620602" /></Form.Item>
        <Form.Item name="verifiedOnly" label={t('funding.call.verifiedOnly')} valuePropName="checked"><Switch /></Form.Item>
        <Form.Item name="requiredDocuments" label={t('funding.call.requiredDocuments')}><Select mode="tags" tokenSeparators={[',', '，', '、']} data-testid="call-documents" /></Form.Item>
        <Form.Item label={t('funding.call.scoreForm')} required>
          <Form.List name="scoreForm">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Flex key={f.key} gap={8} align="baseline">
                    <Form.Item name={[f.name, 'label']} rules={required} style={{ flex: 2 }}><Input placeholder={t('funding.call.item')} /></Form.Item>
                    <Form.Item name={[f.name, 'key']} rules={[...required, { pattern: /^[a-z][a-z0-9_]{0,30}$/, message: 'a-z, 0-9, _' }]} style={{ flex: 1 }}><Input placeholder={t('funding.call.itemKey')} /></Form.Item>
                    <Form.Item name={[f.name, 'max']} rules={required} style={{ width: 100 }}><InputNumber min={1} max={100} placeholder={t('funding.call.itemMax')} /></Form.Item>
                    <MinusCircleOutlined onClick={() => remove(f.name)} />
                  </Flex>
                ))}
                <Button type="dashed" onClick={() => add({ max: 10 })} icon={<PlusOutlined />}>{t('funding.call.addItem')}</Button>
              </>
            )}
          </Form.List>
        </Form.Item>
      </Form>
    </Modal>
  );
}
