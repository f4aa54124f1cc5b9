import { useEffect } from 'react';
import { Alert, Button, Checkbox, Drawer, Form, Input, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { PlanDetail, ReportView } from '@shared/contracts/plans.js';
import { ApiError } from '../../api/client';
import { usePlanMutations } from '../../api/hooks/plans';
import { useErrorToast, useSuccessToast } from '../../components/feedback';
import { figureInput, parseFigure } from '../../plans/values';
import { EvidenceField, type EvidenceItem } from './EvidenceField';

type Plan = z.infer<typeof PlanDetail>;
type Task = Plan['tasks'][number];
type Values = { period: string; narrative: string; fig: Record<string, string | undefined>; figNote: Record<string, string | undefined>; evidence: EvidenceItem[]; milestoneIds: string[] };

const UNIT_SUFFIX = { cny: 'plans.report.unitCny', percent: 'plans.report.unitPercent', count: 'plans.report.unitCount', yesno: 'plans.report.unitYesNo' } as const;

/**
 * A unit's progress report on one task for one period: narrative, figures for
 * the task's reported indicators (money typed in 元, sent in fen), evidence
 * files, milestones it declares reached. Also re-submits a returned report.
 */
export function ReportForm({ plan, task, periods, initial, open, onClose }: { plan: Plan; task: Task | null; periods: { value: string; disabled: boolean; hint?: string }[]; initial: ReportView | null; open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<Values>();
  const m = usePlanMutations();
  const fail = useErrorToast();
  const ok = useSuccessToast();
  const indicators = task ? plan.indicators.filter((i) => i.taskNumber === task.number && i.source === 'reported') : [];
  const milestones = task ? task.milestones.filter((x) => !x.indicatorCode && !x.reachedAt) : [];

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (initial) {
      form.setFieldsValue({
        period: initial.period,
        narrative: initial.narrative,
        fig: Object.fromEntries(initial.figures.map((f) => [f.indicatorId, figureInput(f.value, f.unit)])),
        figNote: Object.fromEntries(initial.figures.map((f) => [f.indicatorId, f.note ?? undefined])),
        evidence: initial.evidence.map((e) => ({ id: e.id, filename: e.filename })),
        milestoneIds: initial.milestoneIds,
      });
    } else {
      form.setFieldsValue({ period: periods.find((p) => !p.disabled)?.value });
    }
  }, [open, initial, form, periods]);

  const submit = async (v: Values) => {
    if (!task) return;
    const sent = indicators.filter((i) => v.fig?.[i.id] !== undefined && v.fig[i.id] !== '');
    const figures = sent.map((i) => ({ indicatorId: i.id, value: parseFigure(v.fig[i.id], i.unit)!, note: v.figNote?.[i.id]?.trim() || undefined }));
    try {
      await m.submit.mutateAsync({
        id: plan.id,
        taskId: task.id,
        body: { period: v.period, narrative: v.narrative, figures, evidenceFileIds: (v.evidence ?? []).map((e) => e.id), milestoneIds: v.milestoneIds ?? [] },
      });
      ok(t('plans.report.submitted'));
      onClose();
    } catch (e) {
      // Figures are sent without the empty ones: map the server's index back to the indicator.
      if (e instanceof ApiError && e.fields.length) {
        const fields = e.fields.map((f) => {
          const fm = /^figures\.(\d+)\.(value|indicatorId|note)$/.exec(f.path);
          const id = fm ? sent[Number(fm[1])]?.id : undefined;
          if (fm && id) return { name: [fm[2] === 'note' ? 'figNote' : 'fig', id], errors: [f.message] };
          const em = /^evidenceFileIds\.(\d+)$/.exec(f.path);
          if (em) return { name: ['evidence'], errors: [f.message] };
          if (/^milestoneIds\./.test(f.path)) return { name: ['milestoneIds'], errors: [f.message] };
          return { name: [f.path], errors: [f.message] };
        });
        const known = new Set(['period', 'narrative', 'fig', 'figNote', 'evidence', 'milestoneIds']);
        const marked = fields.filter((f) => known.has(String(f.name[0])));
        if (marked.length) form.setFields(marked as never);
        if (marked.length < fields.length) fail(e);
      } else fail(e);
    }
  };

  return (
    <Drawer open={open} onClose={onClose} width={Math.min(640, window.innerWidth)} destroyOnHidden title={task ? `${t('plans.taskN', { n: task.number })} · ${task.title}` : ''}
      footer={<Button type="primary" block loading={m.submit.isPending} onClick={() => form.submit()} data-testid="report-submit">{t('plans.report.submit')}</Button>}>
      {initial?.status === 'returned' && initial.reviewNote && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('plans.report.returnedNote')} description={initial.reviewNote} />}
      {task && <Typography.Paragraph type="secondary" ellipsis={{ rows: 3, expandable: true }} className="cg-pre">{task.measures}</Typography.Paragraph>}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark="optional">
        <Form.Item name="period" label={t('plans.report.period')} rules={[{ required: true, message: t('plans.report.periodRequired') }]}>
          <Select data-testid="report-period" disabled={!!initial} options={periods.map((p) => ({ value: p.value, disabled: p.disabled, label: p.hint ? `${p.value} · ${p.hint}` : p.value }))} />
        </Form.Item>
        <Form.Item name="narrative" label={t('plans.report.narrative')} rules={[{ required: true, min: 10, message: t('plans.report.narrativeMin') }]} extra={t('plans.report.narrativeHint')}>
          <Input.TextArea rows={6} maxLength={20000} showCount data-testid="report-narrative" />
        </Form.Item>
        {indicators.length > 0 && <Typography.Title level={5}>{t('plans.report.figures')}</Typography.Title>}
        {indicators.map((ind) => (
          <div key={ind.id} className="cg-row-fields">
            <Form.Item
              name={['fig', ind.id]}
              label={i18n.language === 'en' && ind.nameEn ? ind.nameEn : ind.name}
              extra={t(UNIT_SUFFIX[ind.unit])}
              rules={[{ validator: (_, v: string | undefined) => (v === undefined || v === '' || parseFigure(v, ind.unit) !== null ? Promise.resolve() : Promise.reject(new Error(t(`plans.report.invalid.${ind.unit}`)))) }]}
            >
              {ind.unit === 'yesno' ? (
                <Select allowClear data-testid={`figure-${ind.code}`} options={[{ value: '1', label: t('common.yes') }, { value: '0', label: t('common.no') }]} />
              ) : (
                <Input inputMode="decimal" data-testid={`figure-${ind.code}`} suffix={ind.unit === 'cny' ? t('catalog.yuan') : ind.unit === 'percent' ? '%' : undefined} />
              )}
            </Form.Item>
            <Form.Item name={['figNote', ind.id]} label={t('plans.report.figureNote')}>
              <Input maxLength={500} />
            </Form.Item>
          </div>
        ))}
        {milestones.length > 0 && (
          <Form.Item name="milestoneIds" label={t('plans.report.milestones')}>
            <Checkbox.Group options={milestones.map((x) => ({ value: x.id, label: `${x.dueDate} ${x.title}` }))} />
          </Form.Item>
        )}
        <Form.Item name="evidence" label={t('plans.report.evidence')}>
          <EvidenceField />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
