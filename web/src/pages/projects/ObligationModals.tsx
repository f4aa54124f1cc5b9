import { useState } from 'react';
import { UploadOutlined } from '@ant-design/icons';
import { Button, Form, Input, Modal, Progress, Select, Upload } from 'antd';
import { DatePicker } from '../../components/DistrictDatePicker';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FILE_RULES, uploadFile } from '@shared/contracts/files.js';
import { OBLIGATION_KINDS, type ObligationView } from '@shared/contracts/projects.js';
import { uploadMultipart } from '../../api/client';
import { applyFieldErrors } from '../../api/form-errors';
import { useMyListings } from '../../api/hooks/catalog';
import { useProjectMutations } from '../../api/hooks/projects';
import { useErrorToast, useSuccessToast } from '../../components/feedback';

/** Add an obligation (achievement to register, or 科技报告) to a project. */
export function ObligationForm({ projectId, open, onClose }: { projectId: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ kind: (typeof OBLIGATION_KINDS)[number]; title: string; dueDate: Dayjs }>();
  const { defineObligation } = useProjectMutations();
  const ok = useSuccessToast();
  const fail = useErrorToast();
  const req = { required: true, message: t('catalog.editor.required') };
  return (
    <Modal
      open={open}
      title={t('catalog.projects.addObligation')}
      onCancel={onClose}
      confirmLoading={defineObligation.isPending}
      destroyOnHidden
      onOk={() =>
        form.validateFields().then((v) =>
          defineObligation.mutateAsync({ id: projectId, body: { kind: v.kind, title: v.title, dueDate: v.dueDate.format('YYYY-MM-DD') } }).then(
            () => { ok(t('common.saved')); onClose(); },
            (e: unknown) => { if (!applyFieldErrors(form, e)) fail(e); },
          ),
        )
      }
    >
      <Form form={form} layout="vertical" preserve={false} initialValues={{ kind: 'report' }}>
        <Form.Item name="kind" label={t('catalog.projects.obligationKind')} rules={[req]}>
          <Select options={OBLIGATION_KINDS.map((k) => ({ value: k, label: t(`catalog.projects.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="title" label={t('catalog.projects.obligationTitle')} rules={[req]}><Input maxLength={200} /></Form.Item>
        <Form.Item name="dueDate" label={t('catalog.projects.dueDate')} rules={[req]}><DatePicker /></Form.Item>
      </Form>
    </Modal>
  );
}

/** The undertaking unit submits: an achievement of its own, or a report number with the report's PDF. */
export function SubmitObligationModal({ obligation, onClose }: { obligation: ObligationView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ achievementId?: string; reportNumber?: string }>();
  const { submit } = useProjectMutations();
  const achievements = useMyListings('achievement', { pageSize: 100 });
  const ok = useSuccessToast();
  const fail = useErrorToast();
  const [file, setFile] = useState<{ id: string; name: string } | null>(null);
  const [pct, setPct] = useState<number | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const isReport = obligation?.kind === 'report';
  return (
    <Modal
      open={!!obligation}
      title={obligation?.title}
      onCancel={onClose}
      confirmLoading={submit.isPending}
      destroyOnHidden
      okText={t('common.submit')}
      onOk={() =>
        form.validateFields().then((v) => {
          if (isReport && !file) { setFileError(t('catalog.projects.pdfRequired')); return; }
          return submit
            .mutateAsync({ id: obligation!.id, body: isReport ? { reportNumber: v.reportNumber, fileId: file!.id } : { achievementId: v.achievementId } })
            .then(() => { ok(t('catalog.projects.submittedOk')); setFile(null); onClose(); }, (e: unknown) => { if (!applyFieldErrors(form, e)) fail(e); });
        })
      }
    >
      <Form form={form} layout="vertical" preserve={false}>
        {isReport ? (
          <>
            <Form.Item name="reportNumber" label={t('catalog.projects.reportNumber')} rules={[{ required: true, message: t('catalog.editor.required') }]} extra={t('catalog.projects.reportNumberHint')}>
              <Input maxLength={60} />
            </Form.Item>
            <Form.Item label={t('catalog.projects.reportPdf')} required validateStatus={fileError ? 'error' : undefined} help={fileError ?? file?.name}>
              <Upload
                accept="application/pdf"
                showUploadList={false}
                beforeUpload={(f) => {
                  setFileError(null);
                  if (f.type !== 'application/pdf') { setFileError(t('catalog.projects.pdfOnly')); return Upload.LIST_IGNORE; }
                  if (f.size > FILE_RULES.attachment.maxBytes) { setFileError(t('catalog.editor.fileSize', { name: f.name, max: FILE_RULES.attachment.maxBytes / 1024 / 1024 })); return Upload.LIST_IGNORE; }
                  setPct(0);
                  uploadMultipart(uploadFile, { purpose: 'attachment' }, f, setPct)
                    .then((v) => setFile({ id: v.id, name: v.filename }))
                    .catch((e: unknown) => setFileError(e instanceof Error ? e.message : String(e)))
                    .finally(() => setPct(null));
                  return false;
                }}
              >
                <Button icon={<UploadOutlined />} loading={pct !== null}>{t('catalog.editor.upload')}</Button>
              </Upload>
              {pct !== null && <Progress percent={pct} size="small" />}
            </Form.Item>
          </>
        ) : (
          <Form.Item name="achievementId" label={t('catalog.projects.achievement')} rules={[{ required: true, message: t('catalog.editor.required') }]}>
            <Select
              showSearch
              optionFilterProp="label"
              loading={achievements.isFetching}
              options={(achievements.data?.items ?? []).map((a) => ({ value: a.id, label: a.title }))}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** The bureau returns a submission with a note. */
export function ReturnObligationModal({ obligation, onClose }: { obligation: ObligationView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ note: string }>();
  const m = useProjectMutations();
  const fail = useErrorToast();
  return (
    <Modal
      open={!!obligation}
      title={t('catalog.projects.return')}
      onCancel={onClose}
      destroyOnHidden
      confirmLoading={m.return.isPending}
      onOk={() => form.validateFields().then((v) => m.return.mutateAsync({ id: obligation!.id, note: v.note }).then(onClose, fail))}
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="note" label={t('catalog.projects.returnNote')} rules={[{ required: true, message: t('catalog.editor.required') }]}>
          <Input.TextArea autoSize={{ minRows: 3 }} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
