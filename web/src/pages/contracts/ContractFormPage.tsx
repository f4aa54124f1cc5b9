import { useEffect, useMemo, useRef, useState } from 'react';
import { DeleteOutlined, PaperClipOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Cascader, Flex, Form, Input, Select, Skeleton, TreeSelect, Typography, Upload } from 'antd';
import { DatePicker } from '../../components/DistrictDatePicker';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  CONTRACT_IP_TYPES,
  CONTRACT_TYPE_CODES,
  CONTRACT_TYPE_LABELS,
  CONTRACT_TYPES,
  type ContractForm,
  DEDUCTION_KINDS,
  DEDUCTION_LABELS,
  PARTY_NATURE_LABELS,
  PARTY_NATURES,
  PLAN_CATEGORIES,
  PLAN_CATEGORY_LABELS,
  SUB_TYPE_LABELS,
} from '@shared/contracts/contracts.js';
import { uploadFile } from '@shared/contracts/files.js';
import { industrySections, regionPath } from '@shared/taxonomies/index.js';
import { applyFieldErrors } from '../../api/form-errors';
import { ApiError, uploadMultipart } from '../../api/client';
import { useEnumLabel, useLocale, nameIn } from '../../catalog/locale';
import { fenToYuanInput, formatFen, isYuan, yuanToFen } from '../../catalog/money';
import { regionOptions, techFieldTree } from '../../catalog/taxonomy-options';
import { ErrorAlert, useErrorToast, useSuccessToast } from '../../components/feedback';
import { formatDateTime } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { useContract, useContractMutations, usePrefill } from './hooks';
import { useLabel } from './labels';

type PartyValues = { name?: string; creditCode?: string; countryCode?: string; region?: string[]; nature?: string; organisationId?: string };
type Values = {
  type?: string;
  subType?: string;
  projectName?: string;
  signedOn?: Dayjs;
  signedPlace?: string;
  validity?: [Dayjs, Dayjs];
  seller?: PartyValues;
  buyer?: PartyValues;
  techField?: string;
  industrySection?: string;
  ipType?: string;
  planCategory?: string;
  contractAmount?: string;
  deductions?: { kind?: string; description?: string; amount?: string }[];
  paymentSchedule?: { dueOn?: Dayjs; amount?: string; note?: string }[];
  expectedInvestment?: string;
  expectedOutput?: string;
  note?: string;
  achievementId?: string;
  demandId?: string;
  caseId?: string;
  dealId?: string;
};

const D = 'YYYY-MM-DD';
const fen = (s: string | undefined) => yuanToFen(s ?? '') ?? 0;

function partyToValues(p: Partial<ContractForm['seller']> | undefined): PartyValues {
  if (!p) return { countryCode: 'CN' };
  return { name: p.name, creditCode: p.creditCode, countryCode: p.countryCode ?? 'CN', region: p.regionCode ? regionPath(p.regionCode).map((r) => r.code) : undefined, nature: p.nature, organisationId: p.organisationId };
}

function partyFromValues(p: PartyValues | undefined): ContractForm['seller'] {
  const country = (p?.countryCode ?? 'CN').toUpperCase();
  return {
    name: p?.name ?? '',
    creditCode: p?.creditCode?.trim() ? p.creditCode.trim().toUpperCase() : undefined,
    countryCode: country,
    regionCode: country === 'CN' ? p?.region?.at(-1) : undefined,
    nature: (p?.nature ?? 'other') as ContractForm['seller']['nature'],
    organisationId: p?.organisationId,
  };
}

type FormStart = Partial<Omit<ContractForm, 'seller' | 'buyer'>> & { seller?: Partial<ContractForm['seller']>; buyer?: Partial<ContractForm['buyer']> };

export function toValues(f: FormStart): Values {
  return {
    type: f.type,
    subType: f.subType,
    projectName: f.projectName,
    signedOn: f.signedOn ? dayjs(f.signedOn) : undefined,
    signedPlace: f.signedPlace,
    validity: f.validFrom && f.validTo ? [dayjs(f.validFrom), dayjs(f.validTo)] : undefined,
    seller: partyToValues(f.seller),
    buyer: partyToValues(f.buyer),
    techField: f.techField,
    industrySection: f.industrySection,
    ipType: f.ipType,
    planCategory: f.planCategory ?? 'none',
    contractAmount: fenToYuanInput(f.contractAmountFen),
    deductions: (f.deductions ?? []).map((d) => ({ kind: d.kind, description: d.description, amount: fenToYuanInput(d.amountFen) })),
    paymentSchedule: (f.paymentSchedule?.length ? f.paymentSchedule : [{ dueOn: undefined as unknown as string, amountFen: f.contractAmountFen ?? 0 }]).map((p) => ({ dueOn: p.dueOn ? dayjs(p.dueOn) : undefined, amount: fenToYuanInput(p.amountFen), note: p.note })),
    expectedInvestment: fenToYuanInput(f.expectedInvestmentFen),
    expectedOutput: fenToYuanInput(f.expectedOutputFen),
    note: f.note,
    achievementId: f.achievementId,
    demandId: f.demandId,
    caseId: f.caseId,
    dealId: f.dealId,
  };
}

export function fromValues(v: Values, contractFileId: string | undefined): ContractForm {
  const opt = (s: string | undefined) => (s && s.trim() ? fen(s) : undefined);
  return {
    type: v.type as ContractForm['type'],
    subType: v.subType ?? '',
    projectName: v.projectName ?? '',
    signedOn: v.signedOn?.format(D) ?? '',
    signedPlace: v.signedPlace ?? '',
    validFrom: v.validity?.[0]?.format(D) ?? '',
    validTo: v.validity?.[1]?.format(D) ?? '',
    seller: partyFromValues(v.seller),
    buyer: partyFromValues(v.buyer),
    techField: v.techField ?? '',
    industrySection: v.industrySection || undefined,
    ipType: v.ipType ?? 'none',
    planCategory: (v.planCategory ?? 'none') as ContractForm['planCategory'],
    contractAmountFen: fen(v.contractAmount),
    deductions: (v.deductions ?? []).map((d) => ({ kind: d.kind as ContractForm['deductions'][number]['kind'], description: d.description ?? '', amountFen: fen(d.amount) })),
    paymentSchedule: (v.paymentSchedule ?? []).map((p) => ({ dueOn: p.dueOn?.format(D) ?? '', amountFen: fen(p.amount), note: p.note || undefined })),
    expectedInvestmentFen: opt(v.expectedInvestment),
    expectedOutputFen: opt(v.expectedOutput),
    achievementId: v.achievementId,
    demandId: v.demandId,
    caseId: v.caseId,
    dealId: v.dealId,
    contractFileId,
    note: v.note || undefined,
  };
}

function PartyCard({ side, title }: { side: 'seller' | 'buyer'; title: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const label = useLabel();
  const regions = useMemo(() => regionOptions(locale), [locale]);
  const country = Form.useWatch([side, 'countryCode']);
  const req = { required: true, message: t('contracts.form.required') };
  return (
    <Card size="small" title={title} style={{ flex: '1 1 340px', minWidth: 0 }} data-testid={`party-${side}`}>
      <Form.Item name={[side, 'name']} label={t('contracts.fields.name')} rules={[req]}><Input maxLength={200} data-testid={`${side}-name`} /></Form.Item>
      <Form.Item name={[side, 'creditCode']} label={t('contracts.fields.creditCode')}><Input maxLength={18} style={{ fontFamily: 'monospace' }} data-testid={`${side}-creditCode`} /></Form.Item>
      <Flex gap={8}>
        <Form.Item name={[side, 'countryCode']} label={t('contracts.fields.countryCode')} rules={[req]} style={{ width: 120 }}><Input maxLength={2} data-testid={`${side}-country`} /></Form.Item>
        {(country ?? 'CN').toUpperCase() === 'CN' && (
          <Form.Item name={[side, 'region']} label={t('contracts.fields.regionCode')} rules={[req]} style={{ flex: 1 }}>
            <Cascader options={regions} changeOnSelect showSearch data-testid={`${side}-region`} />
          </Form.Item>
        )}
      </Flex>
      <Form.Item name={[side, 'nature']} label={t('contracts.fields.nature')} rules={[req]}>
        <Select options={PARTY_NATURES.map((n) => ({ value: n, label: label(PARTY_NATURE_LABELS[n]) }))} data-testid={`${side}-nature`} />
      </Form.Item>
      <Form.Item name={[side, 'organisationId']} hidden><Input /></Form.Item>
    </Card>
  );
}

/** The registration form (new, edit of a draft or returned one, or an amendment of a registered one), with the technical amount and schedule worked out as you type. */
export function ContractFormPage() {
  const { id } = useParams();
  const [search] = useSearchParams();
  const amendOf = search.get('amend') ?? undefined;
  const { t } = useTranslation();
  const locale = useLocale();
  const label = useLabel();
  const enumLabel = useEnumLabel();
  const navigate = useNavigate();
  const fail = useErrorToast();
  const ok = useSuccessToast();
  const [form] = Form.useForm<Values>();
  const m = useContractMutations();
  const existing = useContract(id ?? amendOf);
  const prefillQuery = { dealId: search.get('dealId') ?? undefined, caseId: search.get('caseId') ?? undefined, achievementId: search.get('achievementId') ?? undefined, demandId: search.get('demandId') ?? undefined };
  const prefill = usePrefill(prefillQuery, !id && !amendOf);
  const [uploaded, setFile] = useState<{ id: string; name: string } | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const loaded = useRef(false);
  const fields = useMemo(() => techFieldTree(locale), [locale]);

  useEffect(() => {
    if (loaded.current) return;
    if (id || amendOf) {
      if (!existing.data) return;
      form.setFieldsValue(toValues(existing.data.form));
      loaded.current = true;
    } else if (prefill.data || prefill.isError) {
      const p = prefill.data ?? { warnings: [] };
      form.setFieldsValue(toValues({ ...p, signedPlace: p.signedPlace ?? '', planCategory: p.planCategory ?? 'none', ipType: p.ipType ?? 'none' }));
      loaded.current = true;
    }
  }, [existing.data, prefill.data, prefill.isError, id, amendOf, form]);
  const stored = id && !amendOf && existing.data?.contractFile ? { id: existing.data.contractFile.id, name: existing.data.contractFile.filename } : null;
  const file = uploaded ?? stored;

  const type = Form.useWatch('type', form);
  const total = fen(Form.useWatch('contractAmount', form));
  const deductions = Form.useWatch('deductions', form) ?? [];
  const schedule = Form.useWatch('paymentSchedule', form) ?? [];
  const deducted = deductions.reduce((s, d) => s + fen(d?.amount), 0);
  const scheduled = schedule.reduce((s, p) => s + fen(p?.amount), 0);

  const save = async (submit: boolean) => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const body = fromValues(v, file?.id);
    try {
      const view = amendOf ? await m.amend.mutateAsync({ id: amendOf, body }) : id ? await m.update.mutateAsync({ id, body }) : await m.create.mutateAsync(body);
      if (submit) await m.move.mutateAsync({ move: 'submit', id: view.id, body: {} });
      ok(t('contracts.form.saved'));
      void navigate(`/console/contracts/${view.id}`);
    } catch (e) {
      if (e instanceof ApiError) {
        for (const f of e.fields) f.path = f.path.replace(/Fen$/, '').replace(/^(seller|buyer)\.regionCode$/, '$1.region').replace(/^(deductions|paymentSchedule)\.(\d+)\.amount$/, '$1.$2.amount');
      }
      if (!applyFieldErrors(form, e)) fail(e);
    }
  };

  if ((id || amendOf) && !existing.data) return <><ErrorAlert error={existing.error} />{existing.isPending && <Skeleton active />}</>;
  const req = { required: true, message: t('contracts.form.required') };
  const money = [req, { validator: (_: unknown, v: string) => (!v || isYuan(v) ? Promise.resolve() : Promise.reject(new Error('0.00'))) }];
  const busy = m.create.isPending || m.update.isPending || m.amend.isPending || m.move.isPending;
  return (
    <div data-testid="contract-form">
      <PageTitle title={amendOf ? t('contracts.amendTitle') : t('contracts.newTitle')} />
      <ErrorAlert error={prefill.error} />
      {prefill.data?.dealId && <Alert type="info" showIcon message={t('contracts.form.fromDeal')} style={{ marginBottom: 12 }}
        description={prefill.data.dealConfirmedAt ? <span data-testid="deal-confirmed-note">{t('trading.confirmation.both', { time: formatDateTime(prefill.data.dealConfirmedAt) })}</span> : undefined} />}
      <Form form={form} layout="vertical" requiredMark="optional" onValuesChange={(ch: Values) => { if (ch.type) form.setFieldValue('subType', CONTRACT_TYPES[ch.type as keyof typeof CONTRACT_TYPES][0]); }}>
        <Flex vertical gap={16}>
          <Card size="small">
            <Form.Item name="projectName" label={t('contracts.fields.projectName')} rules={[req]}><Input maxLength={200} data-testid="field-projectName" /></Form.Item>
            <Flex gap={12} wrap>
              <Form.Item name="type" label={t('contracts.fields.type')} rules={[req]} style={{ minWidth: 200 }}>
                <Select options={CONTRACT_TYPE_CODES.map((c) => ({ value: c, label: label(CONTRACT_TYPE_LABELS[c]) }))} data-testid="field-type" />
              </Form.Item>
              <Form.Item name="subType" label={t('contracts.fields.subType')} rules={[req]} style={{ minWidth: 220 }}>
                <Select options={(type ? CONTRACT_TYPES[type as keyof typeof CONTRACT_TYPES] : []).map((s) => ({ value: s, label: label(SUB_TYPE_LABELS[`${type}.${s}`]) }))} data-testid="field-subType" />
              </Form.Item>
              <Form.Item name="signedOn" label={t('contracts.fields.signedOn')} rules={[req]}><DatePicker data-testid="field-signedOn" /></Form.Item>
              <Form.Item name="signedPlace" label={t('contracts.fields.signedPlace')} rules={[req]} style={{ minWidth: 220 }}><Input maxLength={100} data-testid="field-signedPlace" /></Form.Item>
              <Form.Item name="validity" label={t('contracts.fields.validity')} rules={[req]}><DatePicker.RangePicker data-testid="field-validity" /></Form.Item>
            </Flex>
          </Card>
          <Typography.Text type="secondary">{t('contracts.form.partiesHint')}</Typography.Text>
          <Flex gap={16} wrap>
            <PartyCard side="seller" title={t('contracts.fields.seller')} />
            <PartyCard side="buyer" title={t('contracts.fields.buyer')} />
          </Flex>
          <Card size="small">
            <Flex gap={12} wrap>
              <Form.Item name="techField" label={t('contracts.fields.techField')} rules={[req]} style={{ minWidth: 260 }}>
                <TreeSelect treeData={fields} showSearch treeNodeFilterProp="title" data-testid="field-techField" />
              </Form.Item>
              <Form.Item name="industrySection" label={t('contracts.fields.industrySection')} style={{ minWidth: 260 }}>
                <Select allowClear options={industrySections().map((s) => ({ value: s.code, label: `${s.code} ${nameIn(locale, s)}` }))} />
              </Form.Item>
              <Form.Item name="ipType" label={t('contracts.fields.ipType')} rules={[req]} style={{ minWidth: 200 }}>
                <Select options={CONTRACT_IP_TYPES.map((c) => ({ value: c, label: c === 'none' ? '—' : enumLabel('ipType', c) }))} data-testid="field-ipType" />
              </Form.Item>
              <Form.Item name="planCategory" label={t('contracts.fields.planCategory')} rules={[req]} style={{ minWidth: 200 }}>
                <Select options={PLAN_CATEGORIES.map((c) => ({ value: c, label: label(PLAN_CATEGORY_LABELS[c]) }))} />
              </Form.Item>
            </Flex>
          </Card>
          <Card size="small" title={t('contracts.fields.contractAmount')}>
            <Form.Item name="contractAmount" label={t('contracts.fields.contractAmount')} rules={money} style={{ maxWidth: 280 }}><Input inputMode="decimal" data-testid="field-contractAmount" /></Form.Item>
            <Typography.Paragraph type="secondary">{t('contracts.form.deductionsHint')}</Typography.Paragraph>
            <Form.List name="deductions">
              {(items, { add, remove }) => (
                <>
                  {items.map((f) => (
                    <Flex key={f.key} gap={8} wrap align="start">
                      <Form.Item name={[f.name, 'kind']} rules={[req]} style={{ minWidth: 200 }}><Select placeholder={t('contracts.fields.deductionKind')} options={DEDUCTION_KINDS.map((k) => ({ value: k, label: label(DEDUCTION_LABELS[k]) }))} /></Form.Item>
                      <Form.Item name={[f.name, 'description']} rules={[req]} style={{ flex: 1, minWidth: 200 }}><Input placeholder={t('contracts.fields.description')} maxLength={200} /></Form.Item>
                      <Form.Item name={[f.name, 'amount']} rules={money} style={{ width: 180 }}><Input placeholder={t('contracts.fields.amount')} inputMode="decimal" /></Form.Item>
                      <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label="remove" />
                    </Flex>
                  ))}
                  <Button icon={<PlusOutlined />} onClick={() => add({ kind: 'equipment' })} data-testid="add-deduction">{t('contracts.fields.deductions')}</Button>
                </>
              )}
            </Form.List>
            <Alert style={{ marginTop: 12 }} type={deducted > total ? 'error' : 'success'} data-testid="tech-amount-live"
              message={deducted > total ? t('contracts.form.negative') : t('contracts.form.techAmountLive', { total: formatFen(total, locale), deductions: formatFen(deducted, locale), tech: formatFen(total - deducted, locale) })} />
          </Card>
          <Card size="small" title={t('contracts.fields.paymentSchedule')}>
            <Form.List name="paymentSchedule">
              {(items, { add, remove }) => (
                <>
                  {items.map((f) => (
                    <Flex key={f.key} gap={8} wrap align="start">
                      <Form.Item name={[f.name, 'dueOn']} rules={[req]}><DatePicker placeholder={t('contracts.fields.dueOn')} data-testid={`payment-due-${f.name}`} /></Form.Item>
                      <Form.Item name={[f.name, 'amount']} rules={money} style={{ width: 180 }}><Input placeholder={t('contracts.fields.amount')} inputMode="decimal" data-testid={`payment-amount-${f.name}`} /></Form.Item>
                      <Form.Item name={[f.name, 'note']} style={{ flex: 1, minWidth: 160 }}><Input placeholder={t('contracts.fields.note')} maxLength={200} /></Form.Item>
                      {items.length > 1 && <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label="remove" />}
                    </Flex>
                  ))}
                  <Button icon={<PlusOutlined />} onClick={() => add({})}>{t('contracts.fields.paymentSchedule')}</Button>
                </>
              )}
            </Form.List>
            <Alert style={{ marginTop: 12 }} type={scheduled === total ? 'success' : 'warning'} data-testid="schedule-sum"
              message={scheduled === total ? t('contracts.form.scheduleOk') : t('contracts.form.scheduleSum', { sum: formatFen(scheduled, locale), total: formatFen(total, locale) })} />
          </Card>
          <Card size="small">
            {type === 'transfer' && <Typography.Paragraph type="secondary">{t('contracts.form.transferHint')}</Typography.Paragraph>}
            <Flex gap={12} wrap>
              <Form.Item name="expectedInvestment" label={t('contracts.fields.expectedInvestment')} rules={type === 'transfer' ? money : []} style={{ width: 240 }}><Input inputMode="decimal" data-testid="field-expectedInvestment" /></Form.Item>
              <Form.Item name="expectedOutput" label={t('contracts.fields.expectedOutput')} rules={type === 'transfer' ? money : []} style={{ width: 240 }}><Input inputMode="decimal" data-testid="field-expectedOutput" /></Form.Item>
            </Flex>
            <Form.Item label={t('contracts.fields.contractFile')} name="contractFileId" help={uploadError ?? undefined} validateStatus={uploadError ? 'error' : undefined}>
              <Flex gap={8} align="center" wrap>
                {file && <a href={`/api/v1/files/${file.id}`} target="_blank" rel="noopener noreferrer" data-testid="contract-file-name"><PaperClipOutlined /> {t('contracts.form.uploaded', { name: file.name })}</a>}
                <Upload accept="application/pdf" showUploadList={false} customRequest={({ file: f, onSuccess, onError }) => {
                  setUploadError(null);
                  uploadMultipart(uploadFile, { purpose: 'attachment' }, f as File)
                    .then((view) => { setFile({ id: view.id, name: view.filename }); onSuccess?.(view); })
                    .catch((e: unknown) => { setUploadError(e instanceof Error ? e.message : String(e)); onError?.(e as Error); });
                }}>
                  <Button icon={<UploadOutlined />} data-testid="contract-upload">{t('contracts.form.upload')}</Button>
                </Upload>
              </Flex>
            </Form.Item>
            <Form.Item name="note" label={t('contracts.fields.note')}><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
            {['achievementId', 'demandId', 'caseId', 'dealId'].map((k) => <Form.Item key={k} name={k} hidden><Input /></Form.Item>)}
          </Card>
          <Flex gap={8} justify="end">
            <Button onClick={() => void save(false)} loading={busy} data-testid="contract-save">{t('contracts.form.saveDraft')}</Button>
            <Button type="primary" onClick={() => void save(true)} loading={busy} data-testid="contract-save-submit">{t('contracts.form.saveAndSubmit')}</Button>
          </Flex>
        </Flex>
      </Form>
    </div>
  );
}
