import { useEffect, useState } from 'react';
import { Button, Card, Empty, Flex, Form, InputNumber, Select, Skeleton, Table, Tag } from 'antd';
import { DatePicker } from '../../components/DistrictDatePicker';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { PLAN_STATUSES, type IndicatorView, type PlanStatus, type TaskView } from '@shared/contracts/plans.js';
import { applyFieldErrors } from '../../api/form-errors';
import { usePlan, usePlanMutations } from '../../api/hooks/plans';
import { ErrorAlert, useErrorToast, useSuccessToast } from '../../components/feedback';
import { PageTitle } from '../../components/PageTitle';
import { formatValue } from '../../plans/values';
import { PlanPicker } from '../plans/PlanPicker';
import { usePlanChoice } from '../plans/usePlanChoice';
import { ImportPlanCard } from './ImportPlanCard';
import { IndicatorEditor } from './IndicatorEditor';
import { TaskEditor } from './TaskEditor';

type Ind = z.infer<typeof IndicatorView>;
type Task = z.infer<typeof TaskView>;
type Settings = { status: PlanStatus; atRiskMarginPercent: number; reportDueDays: number; reportingFrom: Dayjs };

/**
 * Plan administration (bureau admin): tracking settings, indicators' targets
 * and public flags, tasks (wording, units, milestones), import of a plan file.
 */
export function PlanAdmin() {
  const { t, i18n } = useTranslation();
  const { list, plans, plan, setPlan } = usePlanChoice();
  const detail = usePlan(plan?.id);
  const m = usePlanMutations();
  const fail = useErrorToast();
  const ok = useSuccessToast();
  const [form] = Form.useForm<Settings>();
  const [editing, setEditing] = useState<Ind | null>(null);
  const [editingTask, setEditingTask] = useState<Task | null>(null);
  const p = detail.data;
  const yn = { yes: t('common.yes'), no: t('common.no') };
  useEffect(() => {
    if (p) form.setFieldsValue({ status: p.status, atRiskMarginPercent: p.atRiskMarginPercent, reportDueDays: p.reportDueDays, reportingFrom: dayjs(p.reportingFrom) });
  }, [p, form]);

  const saveSettings = async (v: Settings) => {
    if (!p) return;
    try {
      await m.updatePlan.mutateAsync({ id: p.id, body: { status: v.status, atRiskMarginPercent: v.atRiskMarginPercent, reportDueDays: v.reportDueDays, reportingFrom: v.reportingFrom.format('YYYY-MM-DD') } });
      ok(t('common.saved'));
    } catch (e) {
      if (!applyFieldErrors(form, e)) fail(e);
    }
  };

  return (
    <div data-testid="plan-admin">
      <PageTitle title={t('console.menu.planAdmin')} extra={<PlanPicker plans={plans} plan={plan} onChange={setPlan} />} />
      <ErrorAlert error={list.error ?? detail.error} />
      <Flex vertical gap={16}>
        {!plan ? !list.isPending && <Empty description={t('plans.noPlan')} /> : !p ? <Skeleton active /> : (
          <>
            <Card size="small" title={`${p.title} (${p.startDate} — ${p.endDate})`}>
              <Form form={form} layout="inline" onFinish={(v) => void saveSettings(v)} style={{ rowGap: 8 }}>
                <Form.Item name="status" label={t('plans.admin.status')}>
                  <Select style={{ width: 120 }} options={PLAN_STATUSES.map((s) => ({ value: s, label: t(`plans.planStatus.${s}`) }))} data-testid="plan-status" />
                </Form.Item>
                <Form.Item name="atRiskMarginPercent" label={t('plans.admin.margin')}>
                  <InputNumber min={0} max={100} addonAfter="%" style={{ width: 120 }} />
                </Form.Item>
                <Form.Item name="reportDueDays" label={t('plans.admin.dueDays')}>
                  <InputNumber min={0} max={90} style={{ width: 90 }} />
                </Form.Item>
                <Form.Item name="reportingFrom" label={t('plans.admin.reportingFrom')}>
                  <DatePicker allowClear={false} />
                </Form.Item>
                <Form.Item>
                  <Button type="primary" htmlType="submit" loading={m.updatePlan.isPending} data-testid="plan-settings-save">{t('common.save')}</Button>
                </Form.Item>
              </Form>
            </Card>
            <Card size="small" title={t('plans.admin.indicators')}>
              <Table rowKey="id" size="small" scroll={{ x: true }} pagination={false} dataSource={p.indicators} columns={[
                { title: t('plans.admin.indicator'), key: 'n', render: (_, i: Ind) => (i18n.language === 'en' && i.nameEn ? i.nameEn : i.name) },
                { title: t('plans.admin.task'), dataIndex: 'taskNumber', render: (n: number | null) => (n === null ? '—' : n) },
                { title: t('plans.admin.source'), key: 's', render: (_, i: Ind) => <>{t(`plans.source.${i.source}`)}{i.query && <Tag style={{ marginLeft: 4 }}>{i.query}</Tag>}</> },
                { title: t('plans.admin.targets'), key: 'tg', render: (_, i: Ind) => i.targets.map((x) => `${x.year}: ${formatValue(x.value, i.unit, i18n.language, yn)}`).join('；') || '—' },
                { title: t('plans.admin.public'), dataIndex: 'public', render: (v: boolean) => (v ? <Tag color="green">{t('common.yes')}</Tag> : <Tag>{t('common.no')}</Tag>) },
                { title: t('common.actions'), key: 'a', render: (_, i: Ind) => <Button size="small" onClick={() => setEditing(i)} data-testid={`edit-indicator-${i.code}`}>{t('common.edit')}</Button> },
              ]} />
            </Card>
            <Card size="small" title={t('plans.tasks.heading')}>
              <Table rowKey="id" size="small" scroll={{ x: true }} pagination={false} dataSource={p.tasks} columns={[
                { title: '#', dataIndex: 'number', width: 48 },
                { title: t('plans.tasks.title'), dataIndex: 'title' },
                { title: t('plans.tasks.units'), key: 'u', render: (_, x) => <Flex gap={4} wrap>{x.units.map((u) => <Tag key={u.id} color={u.role === 'lead' ? 'blue' : undefined}>{u.name}</Tag>)}{x.coUnitTypes.map((ty) => <Tag key={ty} color="purple">{t(`orgTypes.${ty as 'township'}`)}</Tag>)}</Flex> },
                { title: t('plans.tasks.cadence'), dataIndex: 'cadence', render: (c: 'monthly' | 'quarterly') => t(`plans.cadence.${c}`) },
                { title: t('plans.tasks.milestones'), key: 'ms', render: (_, x) => x.milestones.map((ms) => `${ms.dueDate} ${ms.title}`).join('；') || t('plans.tasks.continuous') },
                { title: t('common.actions'), key: 'a', render: (_, x: Task) => <Button size="small" onClick={() => setEditingTask(x)} data-testid={`edit-task-${x.number}`}>{t('common.edit')}</Button> },
              ]} />
            </Card>
          </>
        )}
        <ImportPlanCard onImported={setPlan} />
      </Flex>
      {p && <IndicatorEditor planId={p.id} ind={editing} onClose={() => setEditing(null)} />}
      {p && <TaskEditor planId={p.id} task={editingTask} indicators={p.indicators} onClose={() => setEditingTask(null)} />}
    </div>
  );
}
