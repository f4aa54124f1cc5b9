import { useState } from 'react';
import { PaperClipOutlined } from '@ant-design/icons';
import { Alert, Breadcrumb, Button, Card, Descriptions, Flex, Form, Input, List, Modal, Radio, Skeleton, Tag, Typography, Upload } from 'antd';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { FILE_RULES, uploadFile } from '@shared/contracts/files.js';
import * as c from '@shared/contracts/trading.js';
import type { ObjectionView } from '@shared/contracts/trading.js';
import { api, uploadMultipart } from '../../api/client';
import { applyFieldErrors } from '../../api/form-errors';
import { useEnumLabel } from '../../catalog/locale';
import { ErrorAlert, useErrorToast, useSuccessToast } from '../../components/feedback';
import { formatDateTime } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { useSession } from '../../session/SessionContext';
import { DealConfirmationCard } from './DealConfirmationCard';
import { DealStatusTag, Fen } from './format';
import { useDeal, useTradingMutation } from './hooks';

const RULE = FILE_RULES.attachment;
const OBJECTION_COLOURS: Record<string, string> = { open: 'orange', upheld: 'red', dismissed: 'default' };

/** A reviewer's decision on an objection, with the reasoning. */
export function ResolveButton({ o }: { o: ObjectionView }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ decision: 'uphold' | 'dismiss'; resolution: string }>();
  const fail = useErrorToast();
  const resolve = useTradingMutation((b: { decision: 'uphold' | 'dismiss'; resolution: string }) => api(c.resolveObjection, { params: { id: o.id }, body: b }));
  if (!o.actions.includes('resolve')) return null;
  return (
    <>
      <Button size="small" type="primary" onClick={() => setOpen(true)} data-testid="resolve-objection">{t('trading.actions.resolve')}</Button>
      <Modal open={open} title={t('trading.actions.resolve')} destroyOnHidden onCancel={() => setOpen(false)} confirmLoading={resolve.isPending}
        onOk={() => void form.validateFields().then((v) => resolve.mutateAsync(v).then(() => setOpen(false)).catch((e: unknown) => { if (!applyFieldErrors(form, e)) fail(e); }))}>
        <Form form={form} layout="vertical" initialValues={{ decision: 'dismiss' }} preserve={false}>
          <Form.Item name="decision" rules={[{ required: true }]}>
            <Radio.Group options={[{ value: 'dismiss', label: t('trading.actions.dismiss') }, { value: 'uphold', label: t('trading.actions.uphold') }]} />
          </Form.Item>
          <Form.Item name="resolution" label={t('trading.objection.resolution')} rules={[{ required: true, whitespace: true }]}><Input.TextArea rows={4} maxLength={4000} /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}

export function ObjectionItem({ o }: { o: ObjectionView }) {
  const { t } = useTranslation();
  return (
    <List.Item data-testid="objection" extra={<ResolveButton o={o} />}>
      <List.Item.Meta
        title={<><Tag color={OBJECTION_COLOURS[o.status]}>{t(`trading.objectionStatus.${o.status}`)}</Tag>{o.filedOrg?.name ?? o.filedBy?.displayName ?? ''} · {formatDateTime(o.createdAt)}</>}
        description={
          <>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>{o.reasons}</Typography.Paragraph>
            {o.evidence.map((f) => <div key={f.id}><PaperClipOutlined /> <a href={`/api/v1/trading/objections/${o.id}/evidence/${f.id}`}>{f.filename}</a></div>)}
            {o.resolution && <Alert style={{ marginTop: 8 }} type={o.status === 'upheld' ? 'error' : 'info'} message={`${t('trading.objection.resolution')}：${o.resolution}`} />}
          </>
        }
      />
    </List.Item>
  );
}

/** A deal: its public notice (公示), the objections the caller may see, filing an objection. */
export function DealPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const label = useEnumLabel();
  const { user } = useSession();
  const q = useDeal(id);
  const ok = useSuccessToast();
  const fail = useErrorToast();
  const [open, setOpen] = useState(false);
  const [files, setFiles] = useState<{ id: string; filename: string }[]>([]);
  const [form] = Form.useForm<{ reasons: string }>();
  const object = useTradingMutation((b: { reasons: string; evidenceFileIds: string[] }) => api(c.fileObjection, { params: { id: id! }, body: b }));
  const d = q.data;
  if (!d) return <div style={{ maxWidth: 1100, margin: '0 auto', padding: 16 }}><ErrorAlert error={q.error} />{q.isPending && <Skeleton active />}</div>;
  return (
    <div data-testid="deal-page" style={{ maxWidth: 1100, margin: '0 auto', padding: 16 }}>
      <Breadcrumb style={{ marginBottom: 12 }} items={[{ title: <Link to="/trading">{t('trading.title')}</Link> }, { title: <Link to={`/trading/listings/${d.listingId}`}>{d.achievement.title}</Link> }, { title: t('trading.tabs.notices') }]} />
      <PageTitle title={<>{d.achievement.title} <DealStatusTag status={d.status} /></>} extra={d.actions.includes('object') ? <Button danger onClick={() => setOpen(true)} data-testid="object">{t('trading.actions.object')}</Button> : !user && d.status === 'notice' ? <Link to={`/login?next=/trading/deals/${d.id}`}>{t('trading.signIn')}</Link> : null} />
      {d.status === 'notice' && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('trading.notice.inNotice', { time: formatDateTime(d.noticeEndsAt) })} description={d.openObjections > 0 ? t('trading.objection.openCount', { count: d.openObjections }) : undefined} />}
      {d.status === 'final' && <Alert type="success" showIcon style={{ marginBottom: 12 }} data-testid="deal-final" message={t('trading.notice.final', { time: formatDateTime(d.finalisedAt) })}
        action={d.actions.includes('register_contract') ? <Link to={`/console/contracts/new?dealId=${d.id}`} data-testid="register-contract"><Button type="primary" size="small">{t('trading.actions.registerContract')}</Button></Link> : undefined} />}
      {d.status === 'cancelled' && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={t('trading.notice.cancelled', { reason: d.cancelReason ?? '' })} />}
      <Flex vertical gap={16}>
        <Card size="small">
          <Descriptions size="small" column={{ xs: 1, md: 2 }} items={[
            { key: 'a', label: t('trading.fields.achievement'), children: <Link to={`/achievements/${d.achievement.id}`}>{d.achievement.title}</Link> },
            { key: 'k', label: t('trading.fields.mode'), children: d.kind === 'auction' ? t('trading.mode.auction') : t('trading.tabs.listings') },
            { key: 's', label: t('trading.fields.seller'), children: d.seller.name },
            { key: 'b', label: t('trading.fields.buyer'), children: <span data-testid="deal-buyer">{d.buyer.name}</span> },
            { key: 'm', label: t('trading.fields.amount'), children: <Typography.Text strong data-testid="deal-amount"><Fen fen={d.amountFen} /></Typography.Text> },
            { key: 't', label: t('trading.fields.transferMode'), children: label('transferMode', d.transferMode) },
            { key: 'n', label: t('trading.fields.noticeEndsAt'), children: formatDateTime(d.noticeEndsAt) },
          ]} />
        </Card>
        {d.actions.includes('confirmation') && <DealConfirmationCard dealId={d.id} />}
        {d.objections.length > 0 && (
          <Card size="small" title={t('trading.fields.objections')}>
            <List dataSource={d.objections} renderItem={(o) => <ObjectionItem o={o} />} />
          </Card>
        )}
      </Flex>
      <Modal open={open} title={t('trading.objection.title')} destroyOnHidden onCancel={() => setOpen(false)} confirmLoading={object.isPending}
        onOk={() => void form.validateFields().then((v) => object.mutateAsync({ reasons: v.reasons, evidenceFileIds: files.map((f) => f.id) }).then(() => { ok(t('trading.objection.filed')); setOpen(false); setFiles([]); }).catch((e: unknown) => { if (!applyFieldErrors(form, e)) fail(e); }))}>
        <Typography.Paragraph type="secondary">{t('trading.objection.hint')}</Typography.Paragraph>
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="reasons" label={t('trading.objection.reasons')} rules={[{ required: true, whitespace: true }]}><Input.TextArea rows={5} maxLength={8000} /></Form.Item>
          <Form.Item label={t('trading.objection.evidence')}>
            <Upload accept={RULE.types.join(',')} showUploadList={false}
              customRequest={({ file: f, onSuccess, onError }) => {
                uploadMultipart(uploadFile, { purpose: 'attachment' }, f as File)
                  .then((v) => { setFiles((x) => [...x, { id: v.id, filename: v.filename }]); onSuccess?.(v); })
                  .catch((e: unknown) => { fail(e); onError?.(e instanceof Error ? e : new Error(String(e))); });
              }}>
              <Button icon={<PaperClipOutlined />}>{t('trading.objection.upload')}</Button>
            </Upload>
            {files.map((f) => <div key={f.id}><PaperClipOutlined /> {f.filename}</div>)}
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
