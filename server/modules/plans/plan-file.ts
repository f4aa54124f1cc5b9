import { z } from 'zod';
import { Aggregation, Cadence, IndicatorUnit } from '../../../shared/contracts/plans.js';
import { ORG_TYPES } from '../../../shared/roles.js';

/**
 * The plan file format (docs/plan-file-format.md). Shape errors come from zod
 * in both languages; cross-references (task numbers, indicator codes, years)
 * are checked by `checkPlanFile`. No custom messages inside the schema, so
 * both locales translate every shape error.
 */

const Code = z.string().regex(/^[a-z0-9][a-z0-9_-]{1,59}$/);
const IsoDate = z.iso.date();
const Value = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

const Milestone = z.strictObject({
  title: z.string().trim().min(2).max(300),
  dueDate: IsoDate,
  /** Code of the indicator whose value reaching `target` reaches the milestone. */
  indicator: Code.optional(),
  target: Value.optional(),
});

const Task = z.strictObject({
  number: z.number().int().min(1).max(999),
  title: z.string().trim().min(2).max(200),
  measures: z.string().trim().min(2).max(10_000),
  scheduleText: z.string().trim().max(2000).default(''),
  schedule: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('continuous') }),
    z.strictObject({ kind: z.literal('milestones'), milestones: z.array(Milestone).min(1).max(50) }),
  ]),
  cadence: Cadence.default('quarterly'),
  /** Organisation code of the lead unit (牵头单位). */
  leadUnit: Code,
  coUnits: z.array(Code).max(100).default([]),
  /** Every organisation of these types is co-responsible. */
  coUnitTypes: z.array(z.enum(ORG_TYPES)).max(ORG_TYPES.length).default([]),
});

const Indicator = z.strictObject({
  code: Code,
  task: z.number().int().min(1).max(999).nullable().default(null),
  name: z.string().trim().min(2).max(200),
  nameEn: z.string().trim().min(2).max(200).optional(),
  unit: IndicatorUnit,
  aggregation: Aggregation,
  source: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('reported') }),
    z.strictObject({ kind: z.literal('computed'), query: Code }),
  ]),
  public: z.boolean().default(false),
  note: z.string().trim().max(2000).optional(),
  /** Values in the unit's base: count; fen; hundredths of a percent; 0/1. */
  targets: z.array(z.strictObject({ year: z.number().int().min(2000).max(2100), value: Value, note: z.string().trim().max(500).optional() })).max(50),
});

export const PlanFile = z.strictObject({
  $schema: z.string().optional(),
  $comment: z.string().optional(),
  format: z.literal('chengguo-plan/1'),
  code: Code,
  title: z.string().trim().min(2).max(200),
  issuingBody: z.string().trim().min(2).max(200),
  documentNumber: z.string().trim().min(2).max(100).nullable().default(null),
  issuedOn: IsoDate.nullable().default(null),
  startDate: IsoDate,
  endDate: IsoDate,
  goals: z.string().trim().max(10_000).default(''),
  note: z.string().trim().max(5000).optional(),
  settings: z
    .strictObject({
      atRiskMarginPercent: z.number().min(0).max(100).default(10),
      reportDueDays: z.number().int().min(0).max(90).default(10),
      /** Periods ending before this date are not demanded; default: the import date. */
      reportingFrom: IsoDate.optional(),
    })
    .default({ atRiskMarginPercent: 10, reportDueDays: 10 }),
  tasks: z.array(Task).min(1).max(200),
  indicators: z.array(Indicator).max(500).default([]),
});
export type PlanFile = z.infer<typeof PlanFile>;

export type FieldProblem = { path: string; zh: string; en: string };

const zh = z.locales.zhCN().localeError;
const en = z.locales.en().localeError;

function pathOf(path: readonly PropertyKey[], prefix: string): string {
  return [prefix, ...path.map(String)].filter(Boolean).join('.');
}

/**
 * Parse a plan file: every problem with its JSON path (under `prefix`) in
 * Chinese and English; cross-reference problems only once the shape is right.
 */
export function parsePlanFile(input: unknown, prefix = 'plan'): { ok: true; plan: PlanFile } | { ok: false; problems: FieldProblem[] } {
  const first = PlanFile.safeParse(input, { error: zh });
  if (!first.success) {
    const second = PlanFile.safeParse(input, { error: en });
    const enIssues = second.success ? [] : second.error.issues;
    return {
      ok: false,
      problems: first.error.issues.map((i, n) => ({ path: pathOf(i.path, prefix), zh: i.message, en: enIssues[n]?.message ?? i.message })),
    };
  }
  const problems = checkPlanFile(first.data).map((p) => ({ ...p, path: pathOf(p.path ? p.path.split('.') : [], prefix) }));
  return problems.length ? { ok: false, problems } : { ok: true, plan: first.data };
}

/** Cross-references and ranges a schema cannot express. Paths are relative to the file. */
export function checkPlanFile(plan: PlanFile): FieldProblem[] {
  const out: FieldProblem[] = [];
  const add = (path: string, zhMsg: string, enMsg: string) => out.push({ path, zh: zhMsg, en: enMsg });
  const startYear = Number(plan.startDate.slice(0, 4));
  const endYear = Number(plan.endDate.slice(0, 4));
  if (plan.endDate < plan.startDate) add('endDate', '结束日期早于开始日期', 'The end date is before the start date');

  const numbers = new Map<number, number>();
  plan.tasks.forEach((t, i) => {
    if (numbers.has(t.number)) add(`tasks.${i}.number`, `任务序号 ${t.number} 重复`, `Task number ${t.number} appears twice`);
    numbers.set(t.number, i);
    const co = new Set<string>();
    t.coUnits.forEach((c, j) => {
      if (c === t.leadUnit) add(`tasks.${i}.coUnits.${j}`, '牵头单位不应同时列为配合单位', 'The lead unit is also listed as a co-responsible unit');
      if (co.has(c)) add(`tasks.${i}.coUnits.${j}`, `单位 ${c} 重复`, `Unit ${c} appears twice`);
      co.add(c);
    });
  });

  const codes = new Map<string, PlanFile['indicators'][number]>();
  plan.indicators.forEach((ind, i) => {
    const at = `indicators.${i}`;
    if (codes.has(ind.code)) add(`${at}.code`, `指标代码 ${ind.code} 重复`, `Indicator code ${ind.code} appears twice`);
    codes.set(ind.code, ind);
    if (ind.task !== null && !numbers.has(ind.task)) add(`${at}.task`, `没有序号为 ${ind.task} 的任务`, `There is no task number ${ind.task}`);
    const years = new Set<number>();
    ind.targets.forEach((t, j) => {
      if (years.has(t.year)) add(`${at}.targets.${j}.year`, `${t.year} 年的目标重复`, `The target for ${t.year} appears twice`);
      years.add(t.year);
      if (t.year < startYear || t.year > endYear) {
        add(`${at}.targets.${j}.year`, `目标年份须在方案期限 ${startYear}–${endYear} 年内`, `Target years must lie within the plan period ${startYear}–${endYear}`);
      }
      const max = ind.unit === 'yesno' ? 1 : ind.unit === 'percent' ? 10_000 : null;
      if (max !== null && t.value > max) {
        add(
          `${at}.targets.${j}.value`,
          ind.unit === 'yesno' ? '是/否指标的目标只能是 0 或 1' : '百分比以万分之一为单位，最大 10000（即 100%）',
          ind.unit === 'yesno' ? 'A yes/no target is 0 or 1' : 'Percentages are in hundredths of a percent, at most 10000 (100%)',
        );
      }
    });
  });

  plan.tasks.forEach((t, i) => {
    if (t.schedule.kind !== 'milestones') return;
    t.schedule.milestones.forEach((m, j) => {
      const at = `tasks.${i}.schedule.milestones.${j}`;
      if (m.dueDate < plan.startDate || m.dueDate > plan.endDate) add(`${at}.dueDate`, '里程碑日期须在方案期限内', 'A milestone must fall within the plan period');
      if (m.indicator !== undefined && !codes.has(m.indicator)) add(`${at}.indicator`, `没有代码为 ${m.indicator} 的指标`, `There is no indicator ${m.indicator}`);
      if ((m.indicator === undefined) !== (m.target === undefined)) {
        add(`${at}.target`, '里程碑的指标和目标值须同时给出或同时省略', 'Give a milestone both an indicator and a target, or neither');
      }
    });
  });
  return out;
}
