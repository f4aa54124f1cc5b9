import { Form, Input, InputNumber, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CallView } from '@shared/contracts/funding.js';
import type { z } from 'zod';
import { applyFieldErrors } from '../../api/form-errors';
import { useErrorToast } from '../../components/feedback';
import { OrgSelectMany } from './OrgSelectMany';
import { useFundingMutations } from './api';
import { AttachmentUpload } from '../../components/AttachmentUpload';
import { toFen } from './format';

type Values = { title: string; summary: string; requested: number; docs: Record<string, string | undefined>; collaboratorOrgIds: string[]; collaboratorNames: string[] };

/** An applicant applies to an open call: one upload per required document, collaborators named for the conflict-of-interest check. */
export function ApplyModal({ call, onClose, onDone }: { call: z.infer<typeof CallView>; onClose: () => void; onDone?: (id: string) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const m = useFundingMutations();
  const fail = useErrorToast();
  const required = [{ required: true, message: t('catalog.editor.required') }];
  const submit = async () => {
    const v = await form.validateFields();
    try {
      const r = await m.apply.mutateAsync({
        callId: call.id,
        title: v.title,
        summary: v.summary,
        requestedFen: toFen(v.requested),
        documents: call.requiredDocuments.filter((d) => v.docs?.[d]).map((d) => ({ name: d, fileId: v.docs[d]! })),
        collaboratorOrgIds: v.collaboratorOrgIds ?? [],
        collaboratorNames: v.collaboratorNames ?? [],
      });
      onDone?.(r.id);
      onClose();
    } catch (e) {
      if (!applyFieldErrors(form, e)) fail(e);
    }
  };
  return (
    <Modal open width={640} title={`${t('funding.apply.button')}：${call.title}`} onCancel={onClose} onOk={submit} confirmLoading={m.apply.isPending} destroyOnHidden okText={t('funding.apply.submit')} okButtonProps={{ 'data-testid': 'apply-submit' } as never}>
      <Form form={form} layout="vertical">
        <Form.Item name="title" label={t('funding.apply.title')} rules={required}><Input maxLength={200} data-testid="apply-title" /></Form.Item>
        <Form.Item name="summary" label={t('funding.apply.summary')} rules={required}><Input.TextArea rows={3} maxLength={4000} data-testid="apply-summary" /></Form.Item>
        <Form.Item name="requested" label={t('funding.apply.requested')} rules={required}><InputNumber min={0.01} precision={2} style={{ width: '100%' }} data-testid="apply-requested" /></Form.Item>
        {call.requiredDocuments.map((d, i) => (
          <Form.Item key={d} name={['docs', d]} label={`${t('funding.apply.documents')}：${d}`} rules={required}>
            <AttachmentUpload label={t('funding.apply.upload')} testId={`apply-doc-${i}`} />
          </Form.Item>
        ))}
        <Form.Item name="collaboratorOrgIds" label={t('funding.apply.collaboratorOrgs')}><OrgSelectMany /></Form.Item>
        <Form.Item name="collaboratorNames" label={t('funding.apply.collaboratorNames')}><Select mode="tags" tokenSeparators={[',', '，', '、']} data-testid="apply-collaborators" /></Form.Item>
      </Form>
    </Modal>
  );
}
