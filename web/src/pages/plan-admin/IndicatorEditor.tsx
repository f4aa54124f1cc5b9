import { useEffect } from 'react';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, InputNumber, Modal, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { IndicatorView } from '@shared/contracts/plans.js';
import { applyFieldErrors } from '../../api/form-errors';
import { usePlanMutations } from '../../api/hooks/plans';
import { useErrorToast, useSuccessToast } from '../../components/feedback';
import { figureInput, parseFigure } from '../../plans/values';
import { districtYear } from '../../components/district-time';

type Ind = z.infer<typeof IndicatorView>;
type Values = { public: boolean; note?: string; targets: { year: number; value: string; note?: string }[] };

/** Edit an indicator's public flag, note and targets (values typed in 元 / % / count). */
export function IndicatorEditor({ planId, ind, onClose }: { planId: string; ind: Ind | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<Values>();
  const m = usePlanMutations();
  const fail = useErrorToast();
  const ok = useSuccessToast();
  useEffect(() => {
    if (ind) form.setFieldsValue({ public: ind.public, note: ind.note ?? undefined, targets: ind.targets.map((x) => ({ year: x.year, value: figureInput(x.value, ind.unit), note: x.note ?? undefined })) });
  }, [ind, form]);
  if (!ind) return null;
  const save = async (v: Values) => {
    try {
      await m.updateIndicator.mutateAsync({
        id: planId,
        indicatorId: ind.id,
        body: { public: v.public, note: v.note?.trim() || null, targets: (v.targets ?? []).map((x) => ({ year: x.year, value: parseFigure(x.value, ind.unit)!, note: x.note?.trim() || null })) },
      });
      ok(t('common.saved'));
      onClose();
    } catch (e) {
      if (!applyFieldErrors(form, e)) fail(e);
    }
  };
  return (
    <Modal open title={i18n.language === 'en' && ind.nameEn ? ind.nameEn : ind.name} onCancel={onClose} onOk={() => form.submit()} confirmLoading={m.updateIndicator.isPending} width={640} destroyOnHidden okButtonProps={{ 'data-testid': 'indicator-save' } as never}>
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
        <Form.Item name="public" label={t('plans.admin.public')} valuePropName="checked" extra={t('plans.admin.publicHint')}>
          <Switch data-testid="indicator-public" />
        </Form.Item>
        <Form.Item name="note" label={t('plans.admin.note')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.List name="targets">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <div key={f.key} className="cg-row-fields">
                  <Form.Item name={[f.name, 'year']} label={t('plans.admin.year')} rules={[{ required: true }]}>
                    <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'value']} label={t('plans.admin.target')} extra={t(`plans.report.unit${ind.unit === 'cny' ? 'Cny' : ind.unit === 'percent' ? 'Percent' : ind.unit === 'yesno' ? 'YesNo' : 'Count'}`)}
                    rules={[{ required: true, validator: (_, v: string) => (parseFigure(v, ind.unit) !== null ? Promise.resolve() : Promise.reject(new Error(t(`plans.report.invalid.${ind.unit}`)))) }]}>
                    <Input />
                  </Form.Item>
                  <Form.Item name={[f.name, 'note']} label={t('plans.admin.note')}>
                    <Input maxLength={500} />
                  </Form.Item>
                  <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('catalog.editor.remove')} onClick={() => remove(f.name)} style={{ marginTop: 30 }} />
                </div>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ year: districtYear(), value: '' })}>{t('plans.admin.addTarget')}</Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
