import { eq, inArray } from 'drizzle-orm';
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { importSource } from '../files/read-file.js';
import { fileBytes } from '../files/repository.js';
import { organisations } from '../organisations/schema.js';
import { districtToday } from '../projects/due-dates.js';
import { isRegistered } from './indicators/index.js';
import { type FieldProblem, parsePlanFile, type PlanFile } from './plan-file.js';
import { planIndicators, planMilestones, plans, planTargets, planTasks, planTaskUnits } from './schema.js';
import './policy.js';

export type ImportInput = { fileId: string } | { plan: unknown };
export type ImportResult = { planId: string; warnings: FieldProblem[] };

/**
 * Import a plan from the plan file format, all or nothing: the file is
 * validated whole (shape, cross-references, unit codes against the
 * organisation tree, a code not yet used) and every problem is reported with
 * its JSON path before anything is written. The start-up seed calls it as
 * the system; people need `manage:plan`.
 */
export async function importPlan(tx: Tx, actor: Actor, input: ImportInput, now: Date): Promise<ImportResult> {
  if (actor.via !== 'system') requireCan(actor, 'manage', 'plan');
  const { raw, prefix } = 'fileId' in input ? { raw: await readPlanUpload(tx, actor, input.fileId), prefix: '' } : { raw: input.plan, prefix: 'plan' };
  const parsed = parsePlanFile(raw, prefix);
  if (!parsed.ok) throw new AppError('VALIDATION_FAILED', { fields: parsed.problems });
  const plan = parsed.plan;
  const at = (p: string) => (prefix ? `${prefix}.${p}` : p);

  const units = await resolveUnits(tx, plan, at);
  const [existing] = await tx.select({ id: plans.id }).from(plans).where(eq(plans.code, plan.code)).limit(1);
  if (existing) {
    throw new AppError('CONFLICT', { fields: [{ path: at('code'), zh: `已存在代码为 ${plan.code} 的方案`, en: `A plan with code ${plan.code} already exists` }] });
  }

  const [row] = await tx
    .insert(plans)
    .values({
      code: plan.code,
      title: plan.title,
      issuingBody: plan.issuingBody,
      documentNumber: plan.documentNumber,
      issuedOn: plan.issuedOn,
      startDate: plan.startDate,
      endDate: plan.endDate,
      goals: plan.goals,
      status: 'active',
      atRiskMarginPermille: Math.round(plan.settings.atRiskMarginPercent * 10),
      reportDueDays: plan.settings.reportDueDays,
      reportingFrom: plan.settings.reportingFrom ?? districtToday(now),
      note: plan.note ?? null,
      source: plan,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  const planId = row!.id;

  const taskIds = new Map<number, string>();
  for (const t of plan.tasks) {
    const [task] = await tx
      .insert(planTasks)
      .values({
        planId,
        number: t.number,
        title: t.title,
        measures: t.measures,
        scheduleText: t.scheduleText,
        scheduleKind: t.schedule.kind,
        cadence: t.cadence,
        coUnitTypes: t.coUnitTypes,
      })
      .returning({ id: planTasks.id });
    taskIds.set(t.number, task!.id);
    const named = [t.leadUnit, ...t.coUnits].map((code, i) => ({ taskId: task!.id, organisationId: units.get(code)!, role: i === 0 ? 'lead' : 'co', sortOrder: i }));
    await tx.insert(planTaskUnits).values(named);
  }

  const indicatorIds = new Map<string, string>();
  for (const [i, ind] of plan.indicators.entries()) {
    const [r] = await tx
      .insert(planIndicators)
      .values({
        planId,
        taskId: ind.task === null ? null : taskIds.get(ind.task)!,
        code: ind.code,
        name: ind.name,
        nameEn: ind.nameEn ?? null,
        unit: ind.unit,
        aggregation: ind.aggregation,
        source: ind.source.kind,
        query: ind.source.kind === 'computed' ? ind.source.query : null,
        public: ind.public,
        note: ind.note ?? null,
        sortOrder: i,
      })
      .returning({ id: planIndicators.id });
    indicatorIds.set(ind.code, r!.id);
    if (ind.targets.length) {
      await tx.insert(planTargets).values(ind.targets.map((t) => ({ indicatorId: r!.id, year: t.year, value: t.value, note: t.note ?? null })));
    }
  }

  for (const t of plan.tasks) {
    if (t.schedule.kind !== 'milestones') continue;
    await tx.insert(planMilestones).values(
      t.schedule.milestones.map((m) => ({
        taskId: taskIds.get(t.number)!,
        title: m.title,
        dueDate: m.dueDate,
        indicatorId: m.indicator ? indicatorIds.get(m.indicator)! : null,
        target: m.target ?? null,
      })),
    );
  }

  await recordAudit(tx, actor, {
    action: 'plan.import',
    entityType: 'plan',
    entityId: planId,
    changes: { code: { before: null, after: plan.code }, tasks: { before: 0, after: plan.tasks.length }, indicators: { before: 0, after: plan.indicators.length } },
  });
  return { planId, warnings: sourceWarnings(plan, at) };
}

/** The JSON of an uploaded plan file (an upload of purpose `import`). */
async function readPlanUpload(tx: Tx, actor: Actor, fileId: string): Promise<unknown> {
  await importSource(tx, actor, fileId);
  const bytes = await fileBytes(tx, fileId);
  try {
    return JSON.parse(bytes!.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    const why = (e as Error).message;
    throw AppError.field('fileId', `文件不是有效的 JSON：${why}`, `The file is not valid JSON: ${why}`);
  }
}

/** Organisation ids of every unit code the file names; unknown codes are field errors. */
async function resolveUnits(tx: Tx, plan: PlanFile, at: (p: string) => string): Promise<Map<string, string>> {
  const codes = [...new Set(plan.tasks.flatMap((t) => [t.leadUnit, ...t.coUnits]))];
  const rows = await tx.select({ id: organisations.id, code: organisations.code }).from(organisations).where(inArray(organisations.code, codes));
  const ids = new Map(rows.map((r) => [r.code!, r.id]));
  const problems: FieldProblem[] = [];
  const missing = (path: string, code: string) =>
    problems.push({ path: at(path), zh: `组织机构中没有代码为 ${code} 的单位`, en: `No organisation has the code ${code}` });
  plan.tasks.forEach((t, i) => {
    if (!ids.has(t.leadUnit)) missing(`tasks.${i}.leadUnit`, t.leadUnit);
    t.coUnits.forEach((c, j) => !ids.has(c) && missing(`tasks.${i}.coUnits.${j}`, c));
  });
  if (problems.length) throw new AppError('VALIDATION_FAILED', { fields: problems });
  return ids;
}

/** Computed indicators whose query is not registered: they show as reported until a source lands. */
function sourceWarnings(plan: PlanFile, at: (p: string) => string): FieldProblem[] {
  return plan.indicators.flatMap((ind, i) =>
    ind.source.kind === 'computed' && !isRegistered(ind.source.query)
      ? [
          {
            path: at(`indicators.${i}.source.query`),
            zh: `平台尚无数据源“${ind.source.query}”，该指标暂按填报统计`,
            en: `The platform has no data source “${ind.source.query}” yet; the indicator is reported until it has`,
          },
        ]
      : [],
  );
}
