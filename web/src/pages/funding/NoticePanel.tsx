import { useState } from 'react';
import { Alert, Button, Flex, Form, Input, Modal, Radio, Select, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CallView, ObjectionView } from '@shared/contracts/funding.js';
import * as f from '@shared/contracts/funding.js';
import type { z } from 'zod';
import { ApiError, download } from '../../api/client';
import { applyFieldErrors } from '../../api/form-errors';
import { ErrorAlert, useErrorToast, useSuccessToast } from '../../components/feedback';
import { formatDateTime } from '../../components/format';
import { usePaging } from '../../components/usePaging';
import { useSession } from '../../session/SessionContext';
import { useFundingMutations, useObjections, usePublicAwards } from './api';
import { AttachmentUpload } from '../../components/AttachmentUpload';
import { yuan } from './format';

type Call = z.infer<typeof CallView>;
type Objection = z.infer<typeof ObjectionView>;
const COLOURS = { open: 'orange', upheld: 'red', dismissed: 'default' } as const;

/** The award list as published, objections (anyone signed in files; the bureau resolves). */
export function NoticePanel({ call }: { call: Call }) {
  const { t } = useTranslation();
  const { user, hasPermission } = useSession();
  const pub = usePublicAwards();
  const bureau = hasPermission('review:funding_application');
  const objections = useObjections(call.id, bureau);
  const [objecting, setObjecting] = useState(false);
  const [resolving, setResolving] = useState<Objection | null>(null);
  const paging = usePaging(10);
  const [now] = useState(() => Date.now());
  const entry = pub.data?.items.find((i) => i.callId === call.id);
  const open = call.status === 'notice' && !!call.noticeEndsAt && now < Date.parse(call.noticeEndsAt);
  return (
    <Flex vertical gap={12}>
      <ErrorAlert error={pub.error} />
      <Alert type={call.status === 'awarded' ? 'success' : 'info'} showIcon message={call.status === 'awarded' ? t('funding.notice.final') : t('funding.notice.during', { at: formatDateTime(call.noticeEndsAt) })} action={user && open ? <Button danger onClick={() => setObjecting(true)} data-testid="object-open">{t('funding.notice.object')}</Button> : undefined} />
      <Table
        rowKey="applicationId"
        size="small"
        pagination={false}
        dataSource={entry?.awards ?? []}
        data-testid="notice-list"
        columns={[
          { title: t('funding.application.rank'), dataIndex: 'rank', width: 64 },
          { title: t('funding.application.applicant'), dataIndex: 'organisation' },
          { title: t('funding.apply.title'), dataIndex: 'title' },
          { title: t('funding.application.score'), dataIndex: 'score', align: 'right' },
          { title: t('funding.application.award'), dataIndex: 'awardFen', align: 'right', render: (v: number) => yuan(v) },
        ]}
      />
      {bureau && (
        <>
          <ErrorAlert error={objections.error} />
          <Table<Objection>
            rowKey="id"
            size="small"
            scroll={{ x: true }}
            dataSource={objections.data?.items ?? []}
            pagination={paging.pagination(objections.data?.items.length)}
            locale={{ emptyText: t('funding.notice.none') }}
            data-testid="objections-table"
            columns={[
              { title: t('funding.notice.target'), key: 'a', render: (_, o) => o.application ? `${o.application.organisation} · ${o.application.title}` : '—' },
              { title: t('funding.notice.reasons'), dataIndex: 'text' },
              { title: t('funding.notice.evidence'), key: 'e', render: (_, o) => o.evidence.map((e) => <a key={e.fileId} onClick={() => void download(f.downloadEvidence, undefined, e.filename, { id: o.id, fileId: e.fileId })}>{e.filename}</a>) },
              { title: t('funding.notice.objector'), dataIndex: 'objector' },
              { title: '', dataIndex: 'createdAt', render: formatDateTime },
              { title: t('funding.call.status'), key: 's', render: (_, o) => <><Tag color={COLOURS[o.status]}>{t(`funding.notice.status.${o.status}`)}</Tag>{o.resolution}</> },
              { title: '', key: 'r', render: (_, o) => (o.status === 'open' && call.status === 'notice' ? <Button size="small" onClick={() => setResolving(o)} data-testid={`resolve-${o.id}`}>{t('funding.notice.resolution')}</Button> : null) },
            ]}
          />
        </>
      )}
      {objecting && <ObjectModal call={call} awards={entry?.awards ?? []} onClose={() => setObjecting(false)} />}
      {resolving && <ResolveModal objection={resolving} onClose={() => setResolving(null)} />}
    </Flex>
  );
}

function ObjectModal({ call, awards, onClose }: { call: Call; awards: { applicationId: string; title: string; organisation: string }[]; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ applicationId?: string; text: string; evidence?: string }>();
  const { hasPermission } = useSession();
  const m = useFundingMutations();
  const fail = useErrorToast();
  const ok = useSuccessToast();
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await m.object.mutateAsync({ id: call.id, body: { applicationId: v.applicationId, text: v.text, evidenceFileIds: v.evidence ? [v.evidence] : [] } });
      ok(t('funding.notice.filed'));
      onClose();
    } catch (e) {
      // The server names the evidence by its index (`evidenceFileIds.0`); the form holds one file.
      const evidence = e instanceof ApiError ? e.fields.find((x) => x.path.startsWith('evidenceFileIds')) : undefined;
      if (evidence) form.setFields([{ name: 'evidence', errors: [evidence.message] }]);
      else if (!applyFieldErrors(form, e)) fail(e);
    }
  };
  return (
    <Modal open title={t('funding.notice.object')} onCancel={onClose} onOk={submit} confirmLoading={m.object.isPending} destroyOnHidden okButtonProps={{ 'data-testid': 'object-submit' } as never}>
      <Form form={form} layout="vertical">
        <Form.Item name="applicationId" label={t('funding.notice.target')}><Select allowClear options={awards.map((a) => ({ value: a.applicationId, label: `${a.organisation} · ${a.title}` }))} data-testid="object-target" /></Form.Item>
        <Form.Item name="text" label={t('funding.notice.reasons')} rules={[{ required: true, message: t('catalog.editor.required') }]}><Input.TextArea rows={4} maxLength={4000} data-testid="object-text" /></Form.Item>
        {hasPermission('upload:file') && <Form.Item name="evidence" label={t('funding.notice.evidence')}><AttachmentUpload label={t('funding.apply.upload')} testId="object-evidence" /></Form.Item>}
      </Form>
    </Modal>
  );
}

function ResolveModal({ objection, onClose }: { objection: Objection; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ decision: 'uphold' | 'dismiss'; resolution: string }>();
  const m = useFundingMutations();
  const fail = useErrorToast();
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await m.resolve.mutateAsync({ id: objection.id, body: v });
      onClose();
    } catch (e) {
      if (!applyFieldErrors(form, e)) fail(e);
    }
  };
  return (
    <Modal open title={t('funding.notice.resolution')} onCancel={onClose} onOk={submit} confirmLoading={m.resolve.isPending} destroyOnHidden okButtonProps={{ 'data-testid': 'resolve-submit' } as never}>
      <p>{objection.text}</p>
      <Form form={form} layout="vertical" initialValues={{ decision: 'dismiss' }}>
        <Form.Item name="decision"><Radio.Group options={[{ value: 'uphold', label: t('funding.notice.uphold') }, { value: 'dismiss', label: t('funding.notice.dismiss') }]} /></Form.Item>
        <Form.Item name="resolution" label={t('funding.notice.resolution')} rules={[{ required: true, message: t('catalog.editor.required') }]}><Input.TextArea rows={3} maxLength={2000} data-testid="resolve-text" /></Form.Item>
      </Form>
    </Modal>
  );
}
