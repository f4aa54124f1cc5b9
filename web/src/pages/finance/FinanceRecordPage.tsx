import { useState } from 'react';
import { PaperClipOutlined } from '@ant-design/icons';
import { Alert, App, Breadcrumb, Button, Card, Descriptions, Flex, Form, Input, Modal, Skeleton, Timeline, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { financeEvidence } from '@shared/contracts/finance.js';
import { download } from '../../api/client';
import { applyFieldErrors } from '../../api/form-errors';
import { formatFen } from '../../catalog/money';
import { useLocale } from '../../catalog/locale';
import { ErrorAlert, useErrorToast, useSuccessToast } from '../../components/feedback';
import { formatDateTime } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { FinanceDrawer } from './FinanceDrawer';
import { type FinanceMove, useFinanceMutations, useFinanceRecord } from './hooks';
import { FinanceStatusTag, useAmountLabel } from './labels';

/**
 * One financing record: what was registered, the subsidy asked, the contract
 * or policy, the moves the caller may make (the filer edits, submits,
 * withdraws; the reviewer returns with a note or verifies) and the history.
 */
export function FinanceRecordPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const locale = useLocale();
  const q = useFinanceRecord(id);
  const m = useFinanceMutations();
  const fail = useErrorToast();
  const ok = useSuccessToast();
  const amountLabel = useAmountLabel();
  const [editing, setEditing] = useState(false);
  const [dialog, setDialog] = useState<'return' | 'verify' | null>(null);
  const [form] = Form.useForm();
  const { modal } = App.useApp();
  const v = q.data;
  if (!v) return <><ErrorAlert error={q.error} />{q.isPending && <Skeleton active />}</>;
  const money = (f: number | null | undefined) => (f === null || f === undefined ? '—' : formatFen(f, locale));
  const f = v.form;

  const move = async (mv: FinanceMove, body: unknown = {}) => {
    try {
      await m.move.mutateAsync({ move: mv, id: v.id, body });
      ok(t('finance.actions.done'));
      setDialog(null);
    } catch (e) {
      if (!applyFieldErrors(form, e)) fail(e);
    }
  };

  return (
    <div data-testid="finance-record">
      <Breadcrumb style={{ marginBottom: 12 }} items={[{ title: <Link to="/console/finance/records">{t('finance.title')}</Link> }, { title: t(`finance.kind.${v.kind}`) }]} />
      <PageTitle title={<>{t(`finance.kind.${v.kind}`)} · {v.institutionName} <FinanceStatusTag status={v.status} /></>} />
      <Flex vertical gap={16}>
        {v.status === 'returned' && v.returnNote && <Alert type="warning" showIcon message={t('finance.view.returned', { note: v.returnNote })} data-testid="finance-return-note" />}
        {v.status === 'submitted' && <Alert type="info" showIcon message={t('finance.view.submitted')} />}
        {v.status === 'verified' && <Alert type="success" showIcon message={t('finance.view.verified')} />}
        {v.pledgeConflicts.length > 0 && (
          <Alert type="warning" showIcon data-testid="finance-pledge-conflicts" message={t('finance.view.pledgeConflicts')}
            description={<Flex vertical>{v.pledgeConflicts.map((c) => (
              <span key={`${c.recordId}-${c.patent}`}>
                {c.patent} · <Link to={`/console/finance/records/${c.recordId}`}>{c.organisationName} · {c.institutionName}</Link> · {c.signedOn} — {c.termEndOn ?? '…'} · {t(`finance.status.${c.status}`)}
              </span>
            ))}</Flex>} />
        )}
        <Card size="small">
          <Descriptions size="small" column={{ xs: 1, md: 2 }} items={[
            { key: 'o', label: t('finance.fields.organisation'), children: v.organisation.name },
            { key: 'k', label: t('finance.fields.kind'), children: t(`finance.kind.${v.kind}`) },
            { key: 'i', label: t('finance.fields.institutionName'), children: <>{v.institutionName}{v.institution && <Typography.Text type="secondary"> · {t('finance.view.linkedInstitution', { name: v.institution.name })}</Typography.Text>}</> },
            { key: 'a', label: amountLabel(v.kind), children: <Typography.Text strong data-testid="finance-amount">{money(v.amountFen)}</Typography.Text> },
            ...(v.kind === 'tech_insurance' ? [{ key: 'p', label: t('finance.fields.premium'), children: money(v.premiumFen) }] : []),
            { key: 's', label: t('finance.fields.signedOn'), children: v.signedOn },
            { key: 'e', label: t('finance.fields.termEndOn'), children: v.termEndOn ?? '—' },
            ...(v.kind === 'patent_pledge_loan'
              ? [
                  { key: 'pp', label: t('finance.fields.pledgedPatents'), children: <Flex vertical data-testid="finance-patents">{v.pledgedPatents.map((p) => <Typography.Text key={p} copyable>{p}</Typography.Text>)}</Flex> },
                  { key: 'ev', label: t('finance.fields.evaluatedValue'), children: `${money(f.evaluatedValueFen)} · ${f.evaluationInstitution ?? '—'}` },
                ]
              : []),
            { key: 'sub', label: t('finance.fields.subsidyRequested'), children: <span data-testid="finance-subsidy">{v.subsidyRequested ? t('finance.view.subsidy', { amount: money(v.subsidyAmountFen) }) : t('finance.view.noSubsidy')}</span> },
            { key: 'ef', label: t('finance.fields.evidence'), children: v.evidenceFile ? v.evidenceFile.filename : '—' },
            ...(f.note ? [{ key: 'n', label: t('finance.fields.note'), children: f.note }] : []),
            ...(v.verifiedAt ? [{ key: 'va', label: t('finance.fields.verifiedAt'), children: `${formatDateTime(v.verifiedAt)} · ${v.reviewer?.displayName ?? ''}` }] : []),
          ]} />
          <Flex gap={8} wrap style={{ marginTop: 12 }} data-testid="finance-actions">
            {v.actions.includes('edit') && <Button onClick={() => setEditing(true)} data-testid="finance-edit">{t('finance.actions.edit')}</Button>}
            {v.actions.includes('submit') && <Button type="primary" onClick={() => void move('submit')} loading={m.move.isPending} data-testid="finance-submit">{t('finance.actions.submit')}</Button>}
            {v.actions.includes('verify') && <Button type="primary" onClick={() => setDialog('verify')} data-testid="finance-verify">{t('finance.actions.verify')}</Button>}
            {v.actions.includes('return') && <Button onClick={() => setDialog('return')} data-testid="finance-return">{t('finance.actions.return')}</Button>}
            {v.evidenceFile && <Button icon={<PaperClipOutlined />} onClick={() => download(financeEvidence, undefined, v.evidenceFile!.filename, { id: v.id }).catch(fail)} data-testid="finance-evidence">{t('finance.actions.evidence')}</Button>}
            {v.actions.includes('withdraw') && (
              <Button danger data-testid="finance-withdraw" onClick={() => modal.confirm({ title: t('finance.actions.withdrawConfirm'), onOk: () => move('withdraw'), okButtonProps: { 'data-testid': 'confirm-ok' } as never })}>
                {t('finance.actions.withdraw')}
              </Button>
            )}
          </Flex>
        </Card>
        <Card size="small" title={t('finance.view.history')}>
          <Timeline items={v.events.map((e) => ({ key: e.id, children: <><b>{t(`finance.events.${e.type}` as 'finance.events.created', { defaultValue: e.type })}</b> · {e.actor?.displayName ?? '—'} · {formatDateTime(e.createdAt)}{e.body && <div style={{ color: '#666' }}>{e.body}</div>}</> }))} />
        </Card>
      </Flex>
      <FinanceDrawer open={editing} record={v} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} />
      <Modal open={dialog !== null} title={dialog === 'verify' ? t('finance.actions.verifyConfirm') : t('finance.actions.return')} onCancel={() => setDialog(null)} onOk={() => form.submit()} destroyOnHidden
        confirmLoading={m.move.isPending} okButtonProps={{ 'data-testid': 'dialog-ok' } as never}>
        <Form form={form} layout="vertical" preserve={false} onFinish={(vals: { note?: string }) => void (dialog === 'return' ? move('return', { note: vals.note }) : move('verify', { note: vals.note?.trim() || undefined }))}>
          {dialog === 'return' && (
            <Form.Item name="note" label={t('finance.actions.returnNote')} extra={t('finance.actions.returnNoteHint')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
              <Input.TextArea rows={4} maxLength={2000} data-testid="dialog-note" />
            </Form.Item>
          )}
          {dialog === 'verify' && (
            <Form.Item name="note" label={t('finance.actions.verifyNote')}>
              <Input.TextArea rows={2} maxLength={2000} data-testid="dialog-note" />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </div>
  );
}
