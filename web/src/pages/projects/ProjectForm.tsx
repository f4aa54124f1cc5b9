import { Form, Input, Modal } from 'antd';
import { DatePicker } from '../../components/DistrictDatePicker';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors } from '../../api/form-errors';
import { useProjectMutations } from '../../api/hooks/projects';
import { isYuan, yuanToFen } from '../../catalog/money';
import { useErrorToast, useSuccessToast } from '../../components/feedback';
import { OrgSelect } from '../../components/OrgSelect';

type Values = { programme: string; projectNo: string; title: string; undertakingOrgId: string; period: [Dayjs, Dayjs]; amountYuan: string };

/** Register a fiscally funded project (bureau). */
export function ProjectForm({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const { register } = useProjectMutations();
  const ok = useSuccessToast();
  const fail = useErrorToast();
  const req = { required: true, message: t('catalog.editor.required') };
  const submit = () =>
    form.validateFields().then((v) =>
      register
        .mutateAsync({
          programme: v.programme,
          projectNo: v.projectNo,
          title: v.title,
          undertakingOrgId: v.undertakingOrgId,
          startDate: v.period[0].format('YYYY-MM-DD'),
          endDate: v.period[1].format('YYYY-MM-DD'),
          amountFen: yuanToFen(v.amountYuan) ?? 0,
        })
        .then(
          () => { ok(t('catalog.projects.registered')); form.resetFields(); onClose(); },
          (e: unknown) => {
            const fields = e as { fields?: { path: string }[] };
            fields.fields?.forEach((f) => { if (f.path === 'amountFen') f.path = 'amountYuan'; if (f.path === 'startDate' || f.path === 'endDate') f.path = 'period'; });
            if (!applyFieldErrors(form, e)) fail(e);
          },
        ),
    );
  return (
    <Modal open={open} title={t('catalog.projects.register')} onCancel={onClose} onOk={submit} confirmLoading={register.isPending} width={640} okButtonProps={{ 'data-testid': 'project-save' }}>
      <Form form={form} layout="vertical">
        <Form.Item name="programme" label={t('catalog.projects.programme')} rules={[req]}><Input maxLength={60} placeholder={t('catalog.projects.programmeHint')} /></Form.Item>
        <Form.Item name="projectNo" label={t('catalog.projects.projectNo')} rules={[req]}><Input maxLength={60} /></Form.Item>
        <Form.Item name="title" label={t('catalog.projects.title')} rules={[req]}><Input maxLength={200} /></Form.Item>
        <Form.Item name="undertakingOrgId" label={t('catalog.projects.unit')} rules={[req]}><OrgSelect /></Form.Item>
        <Form.Item name="period" label={t('catalog.projects.period')} rules={[req]}><DatePicker.RangePicker style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="amountYuan" label={t('catalog.projects.amount')} rules={[req, { validator: async (_, v: string) => { if (v && !isYuan(v)) throw new Error(t('catalog.editor.yuanInvalid')); } }]}>
          <Input addonAfter={t('catalog.yuan')} inputMode="decimal" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
