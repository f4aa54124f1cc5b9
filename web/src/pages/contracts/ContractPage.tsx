import { useState } from 'react';
import { DownloadOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Alert, App, Breadcrumb, Button, Card, Descriptions, Flex, Form, Input, Modal, Select, Skeleton, Table, Timeline, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  CONTRACT_TYPE_CODES,
  CONTRACT_TYPE_LABELS,
  CONTRACT_TYPES,
  contractCertificate,
  contractFile,
  type ContractView,
  DEDUCTION_LABELS,
  PARTY_NATURE_LABELS,
  PLAN_CATEGORY_LABELS,
  REFUSAL_REASONS,
  SUB_TYPE_LABELS,
} from '@shared/contracts/contracts.js';
import { region, techField } from '@shared/taxonomies/index.js';
import { download } from '../../api/client';
import { applyFieldErrors } from '../../api/form-errors';
import { useLocale, nameIn } from '../../catalog/locale';
import { formatFen, isYuan, yuanToFen } from '../../catalog/money';
import { ErrorAlert, useErrorToast, useSuccessToast } from '../../components/feedback';
import { formatDate, formatDateTime } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { type ContractMove, useContract, useContractMutations } from './hooks';
import { ContractStatusTag, useLabel, useTypeLabel } from './labels';

type Dialog = 'return' | 'reclassify' | 'refuse' | 'terminate' | null;

function partyText(p: ContractView['form']['seller'], label: ReturnType<typeof useLabel>, locale: 'zh-CN' | 'en') {
  const where = p.countryCode === 'CN' ? (p.regionCode ? nameIn(locale, region(p.regionCode), p.regionCode) : '') : p.countryCode;
  return [p.name, p.creditCode, where, label(PARTY_NATURE_LABELS[p.nature])].filter(Boolean).join(' · ');
}

/** One registration: the form as registered, the amounts, the deadline, the moves the caller may make, the certificate and the history. */
export function ContractPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const locale = useLocale();
  const label = useLabel();
  const typeLabel = useTypeLabel();
  const navigate = useNavigate();
  const q = useContract(id);
  const m = useContractMutations();
  const fail = useErrorToast();
  const ok = useSuccessToast();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [form] = Form.useForm();
  const { modal } = App.useApp();
  const v = q.data;
  if (!v) return <><ErrorAlert error={q.error} />{q.isPending && <Skeleton active />}</>;
  const money = (f: number) => formatFen(f, locale);
  const f = v.form;
  const field = techField(f.techField);

  const move = async (mv: ContractMove, body: unknown = {}) => {
    try {
      await m.move.mutateAsync({ move: mv, id: v.id, body });
      ok(t('contracts.actions.done'));
      setDialog(null);
      form.resetFields();
    } catch (e) {
      if (!applyFieldErrors(form, e)) fail(e);
    }
  };
  const terminate = async (vals: { performedAmount: string; performedTech: string; note: string }) => {
    try {
      const view = await m.terminate.mutateAsync({ id: v.id, body: { performedAmountFen: yuanToFen(vals.performedAmount) ?? 0, performedTechFen: yuanToFen(vals.performedTech) ?? 0, note: vals.note } });
      setDialog(null);
      void navigate(`/console/contracts/${view.id}`);
    } catch (e) {
      fail(e);
    }
  };
  const confirm = (mv: ContractMove, text: string) => modal.confirm({ title: text, onOk: () => move(mv), okButtonProps: { 'data-testid': 'confirm-ok' } as never });

  return (
    <div data-testid="contract-page">
      <Breadcrumb style={{ marginBottom: 12 }} items={[{ title: <Link to="/console/contracts">{t('contracts.menu.contracts')}</Link> }, { title: v.projectName }]} />
      <PageTitle title={<>{v.projectName} <ContractStatusTag status={v.status} /></>} />
      <Flex vertical gap={16}>
        {v.status === 'submitted' && v.daysLeft !== null && (
          <Alert type={v.daysLeft < 0 ? 'error' : v.daysLeft <= 7 ? 'warning' : 'info'} showIcon data-testid="review-due"
            message={v.daysLeft < 0 ? t('contracts.view.overdue', { days: -v.daysLeft }) : t('contracts.view.due', { date: formatDate(v.reviewDueAt), days: v.daysLeft })} />
        )}
        {v.status === 'returned' && v.returnReason && <Alert type="warning" showIcon message={t('contracts.view.returned', { reason: v.returnReason })} data-testid="return-reason" />}
        {v.status === 'refused' && <Alert type="error" showIcon message={t('contracts.view.refused', { reason: t(`contracts.refusal.${v.refusalReason ?? 'other'}`) })} description={v.refusalNote ?? undefined} />}
        {v.reclassifiedFrom && <Alert type="info" showIcon message={t('contracts.view.reclassified', { from: typeLabel(...(v.reclassifiedFrom.split('.') as [string, string])) })} />}
        <Card size="small">
          <Descriptions size="small" column={{ xs: 1, md: 2 }} items={[
            ...(v.registrationNumber ? [{ key: 'n', label: t('contracts.fields.registrationNumber'), children: <Typography.Text strong copyable data-testid="registration-number">{v.registrationNumber}</Typography.Text> }] : []),
            ...(v.registeredAt ? [{ key: 'r', label: t('contracts.fields.registeredAt'), children: formatDate(v.registeredAt) }] : []),
            { key: 'k', label: t('contracts.fields.type'), children: <>{typeLabel(v.type, v.subType)} {v.kind !== 'original' && `(${t(`contracts.kind.${v.kind}`)})`}</> },
            { key: 'o', label: t('contracts.fields.organisation'), children: v.organisation.name },
            { key: 's', label: t('contracts.fields.seller'), children: partyText(f.seller, label, locale) },
            { key: 'b', label: t('contracts.fields.buyer'), children: partyText(f.buyer, label, locale) },
            { key: 'sg', label: t('contracts.fields.signedOn'), children: `${f.signedOn} · ${f.signedPlace}` },
            { key: 'va', label: t('contracts.fields.validity'), children: `${f.validFrom} — ${f.validTo}` },
            { key: 'tf', label: t('contracts.fields.techField'), children: field ? `${field.code} ${nameIn(locale, field)}` : f.techField },
            { key: 'pc', label: t('contracts.fields.planCategory'), children: label(PLAN_CATEGORY_LABELS[f.planCategory]) },
            { key: 'ca', label: t('contracts.fields.contractAmount'), children: money(v.contractAmountFen) },
            { key: 'ta', label: t('contracts.fields.techAmount'), children: <Typography.Text strong data-testid="tech-amount">{money(v.techAmountFen)}</Typography.Text> },
            ...(f.expectedInvestmentFen !== undefined ? [{ key: 'ei', label: t('contracts.fields.expectedInvestment'), children: money(f.expectedInvestmentFen) }] : []),
            ...(f.expectedOutputFen !== undefined ? [{ key: 'eo', label: t('contracts.fields.expectedOutput'), children: money(f.expectedOutputFen) }] : []),
            ...(v.performedAmountFen !== null ? [{ key: 'pa', label: t('contracts.fields.performedAmount'), children: money(v.performedAmountFen) }] : []),
            ...(v.performedTechFen !== null ? [{ key: 'pt', label: t('contracts.fields.performedTech'), children: money(v.performedTechFen) }] : []),
            ...(f.achievementId ? [{ key: 'a', label: t('contracts.fields.achievement'), children: <Link to={`/achievements/${f.achievementId}`}>{f.achievementId.slice(0, 8)}</Link> }] : []),
            ...(v.status === 'approved' ? [{ key: 'cn', label: t('contracts.fields.counted'), children: t('contracts.view.counted', { contracts: v.counted.contracts, contractFen: money(v.counted.contractFen), techFen: money(v.counted.techFen) }) }] : []),
          ]} />
          <Flex gap={8} wrap style={{ marginTop: 12 }} data-testid="contract-actions">
            {v.actions.includes('edit') && <Button onClick={() => void navigate(`/console/contracts/${v.id}/edit`)} data-testid="contract-edit">{t('contracts.actions.edit')}</Button>}
            {v.actions.includes('submit') && <Button type="primary" onClick={() => void move('submit')} loading={m.move.isPending} data-testid="contract-submit">{t('contracts.actions.submit')}</Button>}
            {v.actions.includes('approve') && <Button type="primary" onClick={() => confirm('approve', t('contracts.actions.approveConfirm'))} data-testid="contract-approve">{t('contracts.actions.approve')}</Button>}
            {v.actions.includes('return') && <Button onClick={() => setDialog('return')} data-testid="contract-return">{t('contracts.actions.return')}</Button>}
            {v.actions.includes('reclassify') && <Button onClick={() => setDialog('reclassify')} data-testid="contract-reclassify">{t('contracts.actions.reclassify')}</Button>}
            {v.actions.includes('refuse') && <Button danger onClick={() => setDialog('refuse')} data-testid="contract-refuse">{t('contracts.actions.refuse')}</Button>}
            {v.actions.includes('certificate') && (
              <Button type="primary" icon={<DownloadOutlined />} data-testid="contract-certificate" onClick={() => download(contractCertificate, undefined, `certificate-${v.registrationNumber}.pdf`, { id: v.id }).catch(fail)}>
                {t('contracts.actions.certificate')}
              </Button>
            )}
            {v.contractFile && <Button icon={<PaperClipOutlined />} onClick={() => download(contractFile, undefined, v.contractFile!.filename, { id: v.id }).catch(fail)}>{t('contracts.actions.file')}</Button>}
            {v.actions.includes('amend') && <Button onClick={() => void navigate(`/console/contracts/new?amend=${v.id}`)} data-testid="contract-amend">{t('contracts.actions.amend')}</Button>}
            {v.actions.includes('terminate') && <Button danger onClick={() => setDialog('terminate')} data-testid="contract-terminate">{t('contracts.actions.terminate')}</Button>}
            {v.actions.includes('withdraw') && <Button danger onClick={() => confirm('withdraw', t('contracts.actions.withdrawConfirm'))} data-testid="contract-withdraw">{t('contracts.actions.withdraw')}</Button>}
          </Flex>
        </Card>
        {(f.deductions.length > 0 || f.paymentSchedule.length > 0) && (
          <div className="cg-grid-2" style={{ rowGap: 16 }}>
            <Card size="small" title={t('contracts.fields.deductions')}>
              <Table size="small" pagination={false} rowKey={(_, i) => String(i)} dataSource={f.deductions}
                columns={[{ title: t('contracts.fields.deductionKind'), dataIndex: 'kind', render: (k: keyof typeof DEDUCTION_LABELS) => label(DEDUCTION_LABELS[k]) }, { title: t('contracts.fields.description'), dataIndex: 'description' }, { title: t('contracts.fields.amount'), dataIndex: 'amountFen', align: 'right', render: money }]} />
            </Card>
            <Card size="small" title={t('contracts.fields.paymentSchedule')}>
              <Table size="small" pagination={false} rowKey={(_, i) => String(i)} dataSource={f.paymentSchedule}
                columns={[{ title: t('contracts.fields.dueOn'), dataIndex: 'dueOn' }, { title: t('contracts.fields.amount'), dataIndex: 'amountFen', align: 'right', render: money }, { title: t('contracts.fields.note'), dataIndex: 'note' }]} />
            </Card>
          </div>
        )}
        {v.related.length > 0 && (
          <Card size="small" title={t('contracts.view.related')}>
            <Table size="small" pagination={false} rowKey="id" dataSource={v.related}
              columns={[
                { title: t('contracts.fields.type'), dataIndex: 'kind', render: (k: ContractView['kind'], r) => <Link to={`/console/contracts/${r.id}`}>{t(`contracts.kind.${k}`)}</Link> },
                { title: t('contracts.fields.status'), dataIndex: 'status', render: (s) => <ContractStatusTag status={s} /> },
                { title: t('contracts.fields.registrationNumber'), dataIndex: 'registrationNumber' },
                { title: t('contracts.fields.registeredAt'), dataIndex: 'registeredAt', render: formatDate },
                { title: t('contracts.fields.techAmount'), dataIndex: 'techAmountFen', align: 'right', render: money },
              ]} />
          </Card>
        )}
        <Card size="small" title={t('contracts.view.history')}>
          <Timeline items={v.events.map((e) => ({ key: e.id, children: <><b>{t(`contracts.events.${e.type}`, { defaultValue: e.type })}</b> · {e.actor?.displayName ?? '—'} · {formatDateTime(e.createdAt)}{e.body && <div style={{ color: '#666' }}>{e.body}</div>}</> }))} />
        </Card>
      </Flex>
      <Modal open={dialog !== null} title={dialog ? t(`contracts.actions.${dialog}`) : ''} onCancel={() => { setDialog(null); form.resetFields(); }} onOk={() => form.submit()} destroyOnHidden
        confirmLoading={m.move.isPending || m.terminate.isPending} okButtonProps={{ 'data-testid': 'dialog-ok', danger: dialog === 'refuse' || dialog === 'terminate' } as never}>
        <Form form={form} layout="vertical" preserve={false} onFinish={(vals) => {
          if (dialog === 'return') void move('return', { reason: vals.reason });
          if (dialog === 'reclassify') void move('reclassify', { type: vals.type, subType: vals.subType, note: vals.note });
          if (dialog === 'refuse') void move('refuse', { reason: vals.reason, note: vals.note || undefined });
          if (dialog === 'terminate') void terminate(vals);
        }}>
          {dialog === 'return' && <Form.Item name="reason" label={t('contracts.actions.reason')} rules={[{ required: true, whitespace: true }]}><Input.TextArea rows={4} maxLength={2000} data-testid="dialog-reason" /></Form.Item>}
          {dialog === 'reclassify' && (
            <>
              <Form.Item name="type" label={t('contracts.fields.type')} rules={[{ required: true }]}><Select options={CONTRACT_TYPE_CODES.map((c) => ({ value: c, label: label(CONTRACT_TYPE_LABELS[c]) }))} onChange={(tp: keyof typeof CONTRACT_TYPES) => form.setFieldValue('subType', CONTRACT_TYPES[tp][0])} /></Form.Item>
              <Form.Item noStyle shouldUpdate>{() => {
                const tp = form.getFieldValue('type') as keyof typeof CONTRACT_TYPES | undefined;
                return <Form.Item name="subType" label={t('contracts.fields.subType')} rules={[{ required: true }]}><Select options={(tp ? CONTRACT_TYPES[tp] : []).map((s) => ({ value: s, label: label(SUB_TYPE_LABELS[`${tp}.${s}`]) }))} /></Form.Item>;
              }}</Form.Item>
              <Form.Item name="note" label={t('contracts.actions.reason')} rules={[{ required: true, whitespace: true }]}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
            </>
          )}
          {dialog === 'refuse' && (
            <>
              <Form.Item name="reason" label={t('contracts.actions.refusalReason')} rules={[{ required: true }]}><Select options={REFUSAL_REASONS.map((r) => ({ value: r, label: t(`contracts.refusal.${r}`) }))} data-testid="dialog-refusal" /></Form.Item>
              <Form.Item name="note" label={t('contracts.fields.note')}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
            </>
          )}
          {dialog === 'terminate' && (
            <>
              <Form.Item name="performedAmount" label={t('contracts.fields.performedAmount')} rules={[{ required: true }, { validator: (_, x: string) => (!x || isYuan(x) ? Promise.resolve() : Promise.reject(new Error('0.00'))) }]}><Input inputMode="decimal" /></Form.Item>
              <Form.Item name="performedTech" label={t('contracts.fields.performedTech')} rules={[{ required: true }, { validator: (_, x: string) => (!x || isYuan(x) ? Promise.resolve() : Promise.reject(new Error('0.00'))) }]}><Input inputMode="decimal" /></Form.Item>
              <Form.Item name="note" label={t('contracts.actions.reason')} rules={[{ required: true, whitespace: true }]}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </div>
  );
}
