import { useEffect, useMemo } from 'react';
import { Button, Flex, Form, Input, InputNumber, Select, Switch, TreeSelect, Typography } from 'antd';
import { DatePicker } from '../../components/DistrictDatePicker';
import dayjs from 'dayjs';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { KIND_ENDPOINTS, KIND_PATH } from '@shared/contracts/registries.js';
import { api } from '../../api/client';
import { applyFieldErrors } from '../../api/form-errors';
import { ErrorAlert, useErrorToast, useSuccessToast } from '../../components/feedback';
import { NotFound } from '../portal/NotFound';
import { useLocale } from '../../catalog/locale';
import { pillarOptions, techFieldTree } from '../../catalog/taxonomy-options';
import { enumOf, FORM_FIELDS, isRequired, kindOfPath } from './kinds';

type Values = Record<string, unknown>;

/** The owner's form for a new entry or a change (saved as a draft; submitted from the entry page). */
export function EditorPage() {
  const { t } = useTranslation();
  const label = t as unknown as (key: string) => string;
  const params = useParams();
  const kind = kindOfPath(params.kind);
  const id = params.id;
  const nav = useNavigate();
  const fail = useErrorToast();
  const ok = useSuccessToast();
  const [form] = Form.useForm<Values>();
  const locale = useLocale();
  const techFields = useMemo(() => techFieldTree(locale), [locale]);
  const pillars = useMemo(() => pillarOptions(locale), [locale]);
  const existing = useQuery({ queryKey: ['registries', kind, id], queryFn: () => api(KIND_ENDPOINTS[kind!].get, { params: { id: id! } }), enabled: !!kind && !!id });
  useEffect(() => {
    if (!existing.data || !kind) return;
    const c = (existing.data.pending?.content ?? existing.data.content) as Values;
    const v: Values = {};
    for (const [f, k] of FORM_FIELDS[kind]) v[f] = k === 'date' ? (c[f] ? dayjs(String(c[f])) : null) : k === 'list' ? ((c[f] as string[] | null) ?? []).join('、') : k === 'bool' ? c[f] === true : c[f];
    form.setFieldsValue(v as never);
  }, [existing.data, kind, form]);
  const save = useMutation({
    mutationFn: (content: Values) => (id ? api(KIND_ENDPOINTS[kind!].save, { params: { id }, body: { content } }) : api(KIND_ENDPOINTS[kind!].create, { body: { content } })),
    onSuccess: (v) => { ok(t('registries.console.saved')); void nav(`/console/registries/${KIND_PATH[kind!]}/${v.id}`); },
    onError: (e) => { applyFieldErrors(form, e, 'content'); fail(e); },
  });
  if (!kind) return <NotFound />;
  const onFinish = (values: Values) => {
    const content: Values = {};
    for (const [f, k] of FORM_FIELDS[kind]) {
      const v = values[f];
      if (k === 'date') content[f] = v ? (v as dayjs.Dayjs).format('YYYY-MM-DD') : null;
      else if (k === 'list') content[f] = String(v ?? '').split(/[、，,；;\n]/).map((x) => x.trim()).filter(Boolean);
      else if (k === 'bool') content[f] = v === true;
      else if (k === 'techField' || k === 'pillar') content[f] = v ?? null;
      else if (k === 'enum' && enumOf(kind, f)?.multiple) content[f] = v ?? [];
      // An empty choice is left out so the server applies the field's default (e.g. level "none").
      else if (k === 'enum') content[f] = v ?? undefined;
      else content[f] = v === '' || v === undefined ? null : v;
    }
    save.mutate(content);
  };
  return (
    <div style={{ maxWidth: 800 }} data-testid="registry-editor">
      <Typography.Title level={3}>{t(`registries.kinds.${kind}`)}</Typography.Title>
      <ErrorAlert error={existing.error} />
      <Form form={form} layout="vertical" onFinish={onFinish}>
        {FORM_FIELDS[kind].map(([f, k]) => {
          const e = k === 'enum' ? enumOf(kind, f) : null;
          const required = isRequired(kind, f);
          return (
            <Form.Item key={f} name={f} label={label(`registries.fields.${f}`)} rules={required ? [{ required: true }] : []} extra={k === 'list' ? t('registries.console.listHint') : undefined}
              valuePropName={k === 'bool' ? 'checked' : 'value'}>
              {k === 'bool' ? (
                <Switch data-testid={`field-${f}`} />
              ) : k === 'techField' ? (
                <TreeSelect treeData={techFields} showSearch treeNodeFilterProp="title" allowClear data-testid={`field-${f}`} />
              ) : k === 'pillar' ? (
                <Select options={pillars} showSearch optionFilterProp="label" allowClear data-testid={`field-${f}`} />
              ) : e ? (
                <Select mode={e.multiple ? 'multiple' : undefined} allowClear={!required} data-testid={`field-${f}`} options={e.codes.map((c) => ({ value: c, label: label(`registries.${e.group}.${c}`) }))} />
              ) : k === 'long' ? (
                <Input.TextArea rows={4} data-testid={`field-${f}`} />
              ) : k === 'date' ? (
                <DatePicker data-testid={`field-${f}`} />
              ) : k === 'number' ? (
                <InputNumber min={0} style={{ width: 200 }} data-testid={`field-${f}`} />
              ) : (
                <Input data-testid={`field-${f}`} />
              )}
            </Form.Item>
          );
        })}
        <Flex gap={8}>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="editor-save">{t('registries.console.save')}</Button>
          <Button onClick={() => void nav(-1)}>{t('common.cancel', { defaultValue: '取消' })}</Button>
        </Flex>
      </Form>
    </div>
  );
}
