import { useEffect } from 'react';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Drawer, Flex, Form, Input, Select, Space } from 'antd';
import { DatePicker } from '../../components/DistrictDatePicker';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { CADENCES, type IndicatorView, type TaskView } from '@shared/contracts/plans.js';
import { ORG_TYPES } from '@shared/roles.js';
import { applyFieldErrors } from '../../api/form-errors';
import { usePlanMutations } from '../../api/hooks/plans';
import { districtNow } from '../../components/district-time';
import { useErrorToast, useSuccessToast } from '../../components/feedback';
import { OrgSelect } from '../../components/OrgSelect';
import { figureInput, parseFigure } from '../../plans/values';

type Task = z.infer<typeof TaskView>;
type Ind = z.infer<typeof IndicatorView>;
type Values = {
  title: string;
  measures: string;
  scheduleText?: string;
  cadence: Task['cadence'];
  leadId: string | null;
  coIds: { id: string | null }[];
  coUnitTypes: string[];
  milestones: { id?: string; title: string; dueDate: Dayjs; indicatorCode?: string | null; target?: string }[];
};

/**
 * Edit a task: wording, reporting cadence, the lead and co-responsible units,
 * and the dated milestones (a milestone kept keeps whether it was reached).
 */
export function TaskEditor({ planId, task, indicators, onClose }: { planId: string; task: Task | null; indicators: Ind[]; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<Values>();
  const m = usePlanMutations();
  const fail = useErrorToast();
  const ok = useSuccessToast();
  const unitOf = (code?: string | null) => indicators.find((i) => i.code === code)?.unit ?? 'count';
  useEffect(() => {
    if (!task) return;
    const lead = task.units.find((u) => u.role === 'lead');
    form.setFieldsValue({
      title: task.title,
      measures: task.measures,
      scheduleText: task.scheduleText,
      cadence: task.cadence,
      leadId: lead?.id ?? null,
      coIds: task.units.filter((u) => u.role === 'co').map((u) => ({ id: u.id })),
      coUnitTypes: task.coUnitTypes,
      milestones: task.milestones.map((ms) => ({
        id: ms.id,
        title: ms.title,
        dueDate: dayjs(ms.dueDate),
        indicatorCode: ms.indicatorCode,
        target: ms.target === null ? undefined : figureInput(ms.target, unitOf(ms.indicatorCode)),
      })),
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- set once per task opened
  }, [task, form]);
  if (!task) return null;

  const save = async (v: Values) => {
    try {
      await m.updateTask.mutateAsync({
        id: planId,
        taskId: task.id,
        body: {
          title: v.title,
          measures: v.measures,
          scheduleText: v.scheduleText ?? '',
          cadence: v.cadence,
          coUnitTypes: v.coUnitTypes as (typeof ORG_TYPES)[number][],
          ...(v.leadId ? { units: { leadId: v.leadId, coIds: (v.coIds ?? []).flatMap((c) => (c.id ? [c.id] : [])) } } : {}),
          milestones: (v.milestones ?? []).map((ms) => ({
            ...(ms.id ? { id: ms.id } : {}),
            title: ms.title,
            dueDate: ms.dueDate.format('YYYY-MM-DD'),
            indicatorCode: ms.indicatorCode || null,
            target: ms.indicatorCode && ms.target ? parseFigure(ms.target, unitOf(ms.indicatorCode)) : null,
          })),
        },
      });
      ok(t('common.saved'));
      onClose();
    } catch (e) {
      if (!applyFieldErrors(form, e)) fail(e);
    }
  };
  const indicatorOptions = indicators.map((i) => ({ value: i.code, label: i18n.language === 'en' && i.nameEn ? i.nameEn : i.name }));
  const initialOf = (id: string | null | undefined) => task.units.find((u) => u.id === id) ?? null;

  return (
    <Drawer
      open
      width={720}
      title={t('plans.admin.editTask', { number: task.number })}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={m.updateTask.isPending} onClick={() => form.submit()} data-testid="task-save">{t('common.save')}</Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
        <Form.Item name="title" label={t('plans.tasks.title')} rules={[{ required: true, max: 200 }]}>
          <Input data-testid="task-title" />
        </Form.Item>
        <Form.Item name="measures" label={t('plans.admin.measures')} rules={[{ required: true }]}>
          <Input.TextArea rows={5} maxLength={10_000} />
        </Form.Item>
        <Form.Item name="scheduleText" label={t('plans.admin.scheduleText')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="cadence" label={t('plans.tasks.cadence')}>
          <Select options={CADENCES.map((c) => ({ value: c, label: t(`plans.cadence.${c}`) }))} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="leadId" label={t('plans.admin.leadUnit')} rules={[{ required: true }]}>
          <OrgSelect initial={task.units.find((u) => u.role === 'lead') ?? null} />
        </Form.Item>
        <Form.List name="coIds">
          {(fields, { add, remove }) => (
            <Form.Item label={t('plans.admin.coUnits')}>
              <Flex vertical gap={8}>
                {fields.map((f) => (
                  <Flex key={f.key} gap={8} align="start">
                    <Form.Item name={[f.name, 'id']} noStyle rules={[{ required: true }]}>
                      <OrgSelect initial={initialOf(form.getFieldValue(['coIds', f.name, 'id']) as string | null)} />
                    </Form.Item>
                    <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('catalog.editor.remove')} onClick={() => remove(f.name)} />
                  </Flex>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ id: null })} style={{ alignSelf: 'start' }}>{t('plans.admin.addCoUnit')}</Button>
              </Flex>
            </Form.Item>
          )}
        </Form.List>
        <Form.Item name="coUnitTypes" label={t('plans.admin.coUnitTypes')} extra={t('plans.admin.coUnitTypesHint')}>
          <Select mode="multiple" options={ORG_TYPES.map((ty) => ({ value: ty, label: t(`orgTypes.${ty}`) }))} />
        </Form.Item>
        <Form.List name="milestones">
          {(fields, { add, remove }) => (
            <>
              <div style={{ fontWeight: 500, marginBottom: 8 }}>{t('plans.tasks.milestones')}</div>
              {fields.map((f) => (
                <div key={f.key} className="cg-row-fields">
                  <Form.Item name={[f.name, 'title']} label={t('plans.admin.milestone')} rules={[{ required: true, max: 500 }]}>
                    <Input />
                  </Form.Item>
                  <Form.Item name={[f.name, 'dueDate']} label={t('plans.admin.dueDate')} rules={[{ required: true }]}>
                    <DatePicker allowClear={false} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'indicatorCode']} label={t('plans.admin.indicator')}>
                    <Select allowClear options={indicatorOptions} style={{ minWidth: 160 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'target']} label={t('plans.admin.target')}>
                    <Input style={{ width: 100 }} />
                  </Form.Item>
                  <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('catalog.editor.remove')} onClick={() => remove(f.name)} style={{ marginTop: 30 }} />
                </div>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ title: '', dueDate: districtNow() })}>{t('plans.admin.addMilestone')}</Button>
            </>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
