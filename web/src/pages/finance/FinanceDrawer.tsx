import { useEffect } from 'react';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Drawer, Flex, Form, Input, Select, Space, Switch, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FINANCE_KINDS, type FinanceForm, type FinanceKind, type FinanceView, KINDS_WITHOUT_TERM } from '@shared/contracts/finance.js';
import { applyFieldErrors } from '../../api/form-errors';
import { fenToYuanInput, isYuan, yuanToFen } from '../../catalog/money';
import { AttachmentUpload } from '../../components/AttachmentUpload';
import { DatePicker } from '../../components/DistrictDatePicker';
import { useErrorToast, useSuccessToast } from '../../components/feedback';
import { useFinanceInstitutions, useFinanceMutations } from './hooks';
import { useAmountLabel } from './labels';

/** The form's values: amounts as 元 strings under the server's field names, so field errors land under their inputs. */
type Values = {
  kind: FinanceKind;
  institutionName: string;
  institutionId?: string;
  amountFen: string;
  premiumFen?: string;
  signedOn: Dayjs;
  termEndOn?: Dayjs;
  pledgedPatents?: string[];
  evaluatedValueFen?: string;
  evaluationInstitution?: string;
  evidenceFileId?: string;
  subsidyRequested: boolean;
  subsidyAmountFen?: string;
  note?: string;
};

function valuesOf(f: FinanceForm): Values {
  return {
    kind: f.kind,
    institutionName: f.institutionName,
    institutionId: f.institutionId,
    amountFen: fenToYuanInput(f.amountFen) ?? '',
    premiumFen: fenToYuanInput(f.premiumFen),
    signedOn: dayjs(f.signedOn),
    termEndOn: f.termEndOn ? dayjs(f.termEndOn) : undefined,
    pledgedPatents: f.pledgedPatents.length ? f.pledgedPatents : [''],
    evaluatedValueFen: fenToYuanInput(f.evaluatedValueFen),
    evaluationInstitution: f.evaluationInstitution,
    evidenceFileId: f.evidenceFileId,
    subsidyRequested: f.subsidyRequested,
    subsidyAmountFen: fenToYuanInput(f.subsidyAmountFen),
    note: f.note,
  };
}

function bodyOf(v: Values): FinanceForm {
  const fen = (s: string | undefined) => (s && s.trim() ? (yuanToFen(s) ?? undefined) : undefined);
  const pledge = v.kind === 'patent_pledge_loan';
  return {
    kind: v.kind,
    institutionName: v.institutionName,
    institutionId: v.institutionId || undefined,
    amountFen: fen(v.amountFen) ?? 0,
    premiumFen: v.kind === 'tech_insurance' ? fen(v.premiumFen) : undefined,
    signedOn: v.signedOn.format('YYYY-MM-DD'),
    termEndOn: v.termEndOn ? v.termEndOn.format('YYYY-MM-DD') : undefined,
    pledgedPatents: pledge ? (v.pledgedPatents ?? []).map((p) => p?.trim()).filter((p): p is string => !!p) : [],
    evaluatedValueFen: pledge ? fen(v.evaluatedValueFen) : undefined,
    evaluationInstitution: pledge ? v.evaluationInstitution?.trim() || undefined : undefined,
    evidenceFileId: v.evidenceFileId || undefined,
    subsidyRequested: v.subsidyRequested,
    subsidyAmountFen: v.subsidyRequested ? fen(v.subsidyAmountFen) : undefined,
    note: v.note?.trim() || undefined,
  };
}

/**
 * Register or edit a financing in a drawer: the fields follow the kind
 * (patents and their evaluation for a pledge loan, the premium for
 * insurance); the server checks the patent numbers and every cross-field rule
 * and its field errors show under the inputs.
 */
export function FinanceDrawer({ open, record, onClose, onSaved }: { open: boolean; record?: FinanceView; onClose: () => void; onSaved: (v: FinanceView) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const m = useFinanceMutations();
  const institutions = useFinanceInstitutions(open);
  const fail = useErrorToast();
  const ok = useSuccessToast();
  const amountLabel = useAmountLabel();
  const kind = Form.useWatch('kind', form);
  const subsidy = Form.useWatch('subsidyRequested', form);
  const evidence = Form.useWatch('evidenceFileId', form);
  const yuan = t('common.yuanUnit');

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(record ? valuesOf(record.form) : { kind: 'patent_pledge_loan', subsidyRequested: false, pledgedPatents: [''] });
  }, [open, record, form]);

  const req = { required: true, message: t('validation.required') };
  const money = (required: boolean) => [
    ...(required ? [req] : []),
    { validator: (_: unknown, v: string | undefined) => (!v || isYuan(v) ? Promise.resolve() : Promise.reject(new Error(t('finance.fields.amountInvalid')))) },
  ];

  const save = async (v: Values) => {
    try {
      const body = bodyOf(v);
      const view = record ? await m.update.mutateAsync({ id: record.id, body }) : await m.create.mutateAsync(body);
      ok(t('finance.actions.saved'));
      onSaved(view);
    } catch (e) {
      if (!applyFieldErrors(form, e)) fail(e);
    }
  };

  return (
    <Drawer open={open} onClose={onClose} width={640} destroyOnHidden title={record ? t('finance.editTitle') : t('finance.newTitle')}
      extra={<Space><Button onClick={onClose}>{t('common.cancel')}</Button><Button type="primary" loading={m.create.isPending || m.update.isPending} onClick={() => form.submit()} data-testid="finance-save">{t('common.save')}</Button></Space>}>
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)} data-testid="finance-form">
        <Form.Item name="kind" label={t('finance.fields.kind')} rules={[req]}>
          <Select data-testid="field-kind" options={FINANCE_KINDS.map((k) => ({ value: k, label: t(`finance.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="institutionName" label={t('finance.fields.institutionName')} extra={t('finance.fields.institutionNameHint')} rules={[req]}>
          <Input maxLength={200} data-testid="field-institutionName" />
        </Form.Item>
        <Form.Item name="institutionId" label={t('finance.fields.institutionId')} extra={t('finance.fields.institutionIdHint')}>
          <Select allowClear showSearch optionFilterProp="label" loading={institutions.isPending} data-testid="field-institutionId"
            options={(institutions.data ?? []).map((i) => ({ value: i.id, label: i.name }))}
            onChange={(id: string | undefined) => {
              const name = institutions.data?.find((i) => i.id === id)?.name;
              if (name && !form.getFieldValue('institutionName')) form.setFieldValue('institutionName', name);
            }} />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="amountFen" label={amountLabel(kind)} rules={money(true)} style={{ flex: 1, minWidth: 200 }}>
            <Input suffix={yuan} inputMode="decimal" data-testid="field-amount" />
          </Form.Item>
          {kind === 'tech_insurance' && (
            <Form.Item name="premiumFen" label={t('finance.fields.premium')} rules={money(true)} style={{ flex: 1, minWidth: 200 }}>
              <Input suffix={yuan} inputMode="decimal" data-testid="field-premium" />
            </Form.Item>
          )}
        </Flex>
        <Flex gap={12} wrap>
          <Form.Item name="signedOn" label={t('finance.fields.signedOn')} rules={[req]} style={{ flex: 1, minWidth: 200 }}>
            <DatePicker style={{ width: '100%' }} data-testid="field-signedOn" />
          </Form.Item>
          <Form.Item name="termEndOn" label={t('finance.fields.termEndOn')} rules={kind && KINDS_WITHOUT_TERM.includes(kind) ? [] : [req]} style={{ flex: 1, minWidth: 200 }}>
            <DatePicker style={{ width: '100%' }} data-testid="field-termEndOn" />
          </Form.Item>
        </Flex>
        {kind === 'patent_pledge_loan' && (
          <>
            <Form.Item label={t('finance.fields.pledgedPatents')} extra={t('finance.fields.patentHint')} required>
              <Form.List name="pledgedPatents">
                {(items, { add, remove }) => (
                  <Flex vertical gap={4}>
                    {items.map((it) => (
                      <Flex key={it.key} gap={8} align="start">
                        <Form.Item name={[it.name]} style={{ flex: 1, marginBottom: 4 }} rules={[req]}>
                          <Input placeholder="ZL201710123458.X" data-testid={`field-patent-${it.name}`} />
                        </Form.Item>
                        {items.length > 1 && <Button icon={<DeleteOutlined />} onClick={() => remove(it.name)} aria-label={t('finance.fields.removePatent')} />}
                      </Flex>
                    ))}
                    <Button icon={<PlusOutlined />} onClick={() => add('')} style={{ alignSelf: 'start' }} data-testid="patent-add">{t('finance.fields.addPatent')}</Button>
                  </Flex>
                )}
              </Form.List>
            </Form.Item>
            <Flex gap={12} wrap>
              <Form.Item name="evaluatedValueFen" label={t('finance.fields.evaluatedValue')} rules={money(true)} style={{ flex: 1, minWidth: 200 }}>
                <Input suffix={yuan} inputMode="decimal" data-testid="field-evaluatedValue" />
              </Form.Item>
              <Form.Item name="evaluationInstitution" label={t('finance.fields.evaluationInstitution')} rules={[req]} style={{ flex: 1, minWidth: 200 }}>
                <Input maxLength={200} data-testid="field-evaluationInstitution" />
              </Form.Item>
            </Flex>
          </>
        )}
        <Form.Item name="evidenceFileId" label={t('finance.fields.evidence')} extra={record?.evidenceFile && evidence === record.evidenceFile.id ? `${record.evidenceFile.filename} · ${t('finance.fields.evidenceHint')}` : t('finance.fields.evidenceHint')}>
          <AttachmentUpload testId="field-evidence" label={t('finance.fields.evidenceUpload')} />
        </Form.Item>
        <Form.Item name="subsidyRequested" label={t('finance.fields.subsidyRequested')} valuePropName="checked" extra={t('finance.fields.subsidyHint')}>
          <Switch data-testid="field-subsidyRequested" />
        </Form.Item>
        {subsidy && (
          <Form.Item name="subsidyAmountFen" label={t('finance.fields.subsidyAmount')} rules={money(true)}>
            <Input suffix={yuan} inputMode="decimal" data-testid="field-subsidyAmount" />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('finance.fields.note')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Typography.Text type="secondary">{t('common.districtTimeNote')}</Typography.Text>
      </Form>
    </Drawer>
  );
}
