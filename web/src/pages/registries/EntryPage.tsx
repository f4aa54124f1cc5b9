import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Flex, Input, Modal, Tag, Timeline, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { KIND_ENDPOINTS, KIND_PATH, type EntryView, type RegistryKind } from '@shared/contracts/registries.js';
import { api } from '../../api/client';
import { ErrorAlert, useErrorToast, useSuccessToast } from '../../components/feedback';
import { formatDateTime } from '../../components/format';
import { NotFound } from '../portal/NotFound';
import { pillarIndustry, techField } from '@shared/taxonomies/index.js';
import type { Locale } from '@shared/roles.js';
import { nameIn, useLocale } from '../../catalog/locale';
import { enumOf, FORM_FIELDS, kindOfPath } from './kinds';
import { RecordTabs } from './records/RecordTabs';

type T = ReturnType<typeof useTranslation>['t'];
type Row = Record<string, unknown>;

function valueText(t: T, locale: Locale, kind: RegistryKind, field: string, v: unknown): string {
  if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return '—';
  if (field === 'techField') return nameIn(locale, techField(String(v)), String(v));
  if (field === 'pillarIndustry') return nameIn(locale, pillarIndustry(String(v)), String(v));
  const e = enumOf(kind, field);
  const label = t as unknown as (key: string) => string;
  const one = (x: unknown): string => (e ? label(`registries.${e.group}.${String(x)}`) : String(x));
  return Array.isArray(v) ? v.map(one).join('、') : one(v);
}

/** An institution's demonstration certificate when it has expired or expires within 90 days. */
function CertificateState({ view }: { view: EntryView }) {
  const { t } = useTranslation();
  const cert = view.details.certificate as { state: string | null; daysLeft: number | null } | undefined;
  if (!cert?.state || cert.state === 'valid') return null;
  return (
    <Alert style={{ marginTop: 12 }} type={cert.state === 'expired' ? 'error' : 'warning'} showIcon data-testid="certificate-state"
      message={`${t('registries.details.certificate')}: ${cert.state === 'expired' ? t('registries.details.expired') : t('registries.details.expiring', { days: cert.daysLeft })}`} />
  );
}

/**
 * One entry: the public page (approved content) and, for its owner and the
 * bureau, the pending change, the revision history and the workflow actions.
 */
export function EntryPage({ console: inConsole = false }: { console?: boolean }) {
  const { t } = useTranslation();
  const params = useParams();
  const kind = kindOfPath(params.kind);
  const id = params.id!;
  const qc = useQueryClient();
  const nav = useNavigate();
  const fail = useErrorToast();
  const ok = useSuccessToast();
  const locale = useLocale();
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const view = useQuery({ queryKey: ['registries', kind, id], queryFn: () => api(KIND_ENDPOINTS[kind!].get, { params: { id } }), enabled: !!kind });
  const act = useMutation({
    mutationFn: async (a: 'submit' | 'approve' | 'return' | 'withdraw') => {
      const ep = KIND_ENDPOINTS[kind!];
      if (a === 'submit') return api(ep.submit, { params: { id } });
      if (a === 'approve') return api(ep.approve, { params: { id } });
      if (a === 'return') return api(ep.reject, { params: { id }, body: { reason } });
      return api(ep.withdraw, { params: { id }, body: { reason: reason || null } });
    },
    onSuccess: (data, a) => {
      qc.setQueryData(['registries', kind, id], data);
      void qc.invalidateQueries({ queryKey: ['registries', kind] });
      ok(t(`registries.console.${a === 'submit' ? 'submitted' : a === 'approve' ? 'approved' : a === 'return' ? 'returned' : 'withdrawn'}`));
      setReturning(false);
    },
    onError: fail,
  });
  if (!kind) return <NotFound />;
  const v = view.data;
  const shown = inConsole && v?.pending ? (v.pending.content as Row) : ((v?.content ?? {}) as Row);
  return (
    <div style={{ maxWidth: 1100, margin: '0 auto', padding: inConsole ? 0 : 16 }} data-testid="registry-entry">
      <ErrorAlert error={view.error} />
      {v && (
        <>
          <Flex justify="space-between" align="center" wrap gap={8}>
            <Typography.Title level={2} style={{ margin: 0 }} data-testid="entry-name">{String(shown.name ?? '')}</Typography.Title>
            <Flex gap={8} wrap>
              {inConsole && <Tag data-testid="entry-status">{t(`registries.statuses.${v.status}`)}</Tag>}
              {inConsole && v.actions.includes('edit') && <Button onClick={() => void nav(`/console/registries/${KIND_PATH[kind]}/${id}/edit`)} data-testid="entry-edit">{t('registries.console.edit')}</Button>}
              {inConsole && v.actions.includes('submit') && <Button type="primary" loading={act.isPending} onClick={() => act.mutate('submit')} data-testid="entry-submit">{t('registries.console.submit')}</Button>}
              {inConsole && v.actions.includes('approve') && <Button type="primary" loading={act.isPending} onClick={() => act.mutate('approve')} data-testid="entry-approve">{t('registries.console.approve')}</Button>}
              {inConsole && v.actions.includes('return') && <Button danger onClick={() => setReturning(true)} data-testid="entry-return">{t('registries.console.return')}</Button>}
              {inConsole && v.actions.includes('withdraw') && (
                <Button onClick={() => Modal.confirm({ title: t('registries.console.withdraw'), content: <Input.TextArea onChange={(e) => setReason(e.target.value)} placeholder={t('registries.console.reason')} />, onOk: () => act.mutateAsync('withdraw') })} data-testid="entry-withdraw">
                  {t('registries.console.withdraw')}
                </Button>
              )}
            </Flex>
          </Flex>
          {v.organisation && <Typography.Text type="secondary">{v.organisation.name}</Typography.Text>}
          {inConsole && v.pending && v.status === 'published' && <Alert style={{ marginTop: 12 }} type="info" showIcon message={t('registries.console.pendingChange')} />}
          {inConsole && v.pending?.status === 'returned' && v.pending.reviewNote && <Alert style={{ marginTop: 12 }} type="warning" showIcon data-testid="entry-review-note" message={t('registries.console.returnedNote', { note: v.pending.reviewNote })} />}
          <Descriptions style={{ marginTop: 12 }} bordered size="small" column={{ xs: 1, sm: 2 }}
            items={FORM_FIELDS[kind].map(([f]) => ({ key: f, label: t(`registries.fields.${f}` as 'registries.fields.name'), children: valueText(t, locale, kind, f, shown[f]), span: f === 'summary' || f === 'bio' || f === 'sharedResources' ? 2 : 1 }))} />
          <CertificateState view={v} />
          <RecordTabs kind={kind} view={v} inConsole={inConsole} />
          {inConsole && v.history.length > 0 && (
            <Card size="small" title={t('registries.console.history')} style={{ marginTop: 12 }}>
              <Timeline items={v.history.map((h) => ({
                key: h.id,
                children: `${t('registries.console.revision', { n: h.number })} · ${t(`registries.revisionStatuses.${h.status}`)} · ${formatDateTime(h.reviewedAt ?? h.submittedAt ?? h.createdAt)}${h.reviewNote ? ` · ${h.reviewNote}` : ''}`,
              }))} />
            </Card>
          )}
          {!inConsole && <Typography.Paragraph style={{ marginTop: 12 }}><Link to={`/directory/${KIND_PATH[kind]}`}>← {t(`registries.kinds.${kind}`)}</Link></Typography.Paragraph>}
        </>
      )}
      <Modal open={returning} title={t('registries.console.return')} onCancel={() => setReturning(false)} onOk={() => act.mutate('return')} confirmLoading={act.isPending}
        okButtonProps={{ disabled: !reason.trim(), 'data-testid': 'return-confirm' } as never} destroyOnHidden>
        <Input.TextArea rows={4} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('registries.console.reasonRequired')} data-testid="return-reason" />
      </Modal>
    </div>
  );
}
