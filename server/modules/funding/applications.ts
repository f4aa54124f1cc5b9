import { and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { AcceptBody, ApplyBody, AssignBody, DisburseBody, FormalBody, ScoreBody } from '../../../shared/contracts/funding.js';
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { DbOrTx, Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { assertFilesUsable } from '../files/read-file.js';
import { findOrganisation } from '../organisations/repository.js';
import { type CallRow, findCall } from './calls.js';
import { experts, fundingApplications, fundingAssignments, fundingDisbursements } from './schema.js';

export type ApplicationRow = typeof fundingApplications.$inferSelect;
type RawCheck = { code: string; ok: boolean; zh: string; en: string };

export async function findApplication(db: DbOrTx, id: string, forUpdate = false): Promise<ApplicationRow | null> {
  const q = db.select().from(fundingApplications).where(eq(fundingApplications.id, id));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

const yuan = (fen: number) => (fen / 100).toFixed(2);

/** The automatic eligibility checks, each with its reason. */
async function checksFor(db: DbOrTx, call: CallRow, orgId: string, input: z.output<typeof ApplyBody>): Promise<RawCheck[]> {
  const rules = call.eligibility as { orgTypes?: string[]; regionPrefixes?: string[]; verifiedOnly?: boolean; maxRequestFen?: number | null };
  const org = (await findOrganisation(db, orgId))!;
  const out: RawCheck[] = [];
  if (rules.verifiedOnly !== false) {
    const ok = org.verificationStatus === 'verified';
    out.push({ code: 'verified', ok, zh: ok ? '申报单位已通过平台认证' : '申报单位尚未通过平台认证', en: ok ? 'The applicant is verified' : 'The applicant is not verified' });
  }
  if (rules.orgTypes?.length) {
    const ok = rules.orgTypes.includes(org.type);
    out.push({ code: 'org_type', ok, zh: ok ? '单位类型符合申报条件' : `单位类型（${org.type}）不在申报范围内`, en: ok ? 'The organisation type is eligible' : `The organisation type (${org.type}) is not eligible` });
  }
  if (rules.regionPrefixes?.length) {
    const ok = !!org.regionCode && rules.regionPrefixes.some((p) => org.regionCode!.startsWith(p));
    out.push({ code: 'region', ok, zh: ok ? '注册地符合要求' : `注册地（${org.regionCode ?? '未登记'}）不在申报范围内`, en: ok ? 'The registered region is eligible' : `The registered region (${org.regionCode ?? 'none'}) is outside the call` });
  }
  if (rules.maxRequestFen) {
    const ok = input.requestedFen <= rules.maxRequestFen;
    out.push({ code: 'amount', ok, zh: ok ? '申请金额在上限以内' : `申请金额超过上限 ${yuan(rules.maxRequestFen)} 元`, en: ok ? 'The amount is within the limit' : `The amount exceeds the limit of CNY ${yuan(rules.maxRequestFen)}` });
  }
  const names = new Set(input.documents.map((d) => d.name));
  const missing = call.requiredDocuments.filter((d) => !names.has(d));
  out.push({ code: 'documents', ok: missing.length === 0, zh: missing.length ? `缺少材料：${missing.join('、')}` : '申报材料齐全', en: missing.length ? `Missing documents: ${missing.join(', ')}` : 'All required documents attached' });
  return out;
}

/**
 * Apply to an open call within its window. The automatic checks are kept
 * with the application; failing one makes it `ineligible` (with the reasons)
 * rather than refusing, so the applicant and the bureau see why.
 */
export async function applyToCall(tx: Tx, actor: Actor, input: z.output<typeof ApplyBody>, now: Date): Promise<ApplicationRow> {
  requireCan(actor, 'create', 'funding_application', { organisationId: actor.organisationId });
  if (!actor.organisationId) throw new AppError('FORBIDDEN');
  const call = await findCall(tx, input.callId);
  if (!call || call.status === 'draft') throw AppError.field('callId', '申报指南不存在', 'No such call');
  if (call.status !== 'open' || now < call.opensAt || now >= call.closesAt) {
    throw new AppError('INVALID_STATE', { message: { zh: '不在申报期内。', en: 'The call is not accepting applications now.' } });
  }
  await assertFilesUsable(tx, actor, input.documents.map((d) => d.fileId));
  const checks = await checksFor(tx, call, actor.organisationId, input);
  const status = checks.every((c) => c.ok) ? 'submitted' : 'ineligible';
  const [row] = await tx
    .insert(fundingApplications)
    .values({ callId: call.id, organisationId: actor.organisationId, applicantUserId: actor.userId, title: input.title, summary: input.summary, requestedFen: input.requestedFen, documents: input.documents, collaboratorOrgIds: input.collaboratorOrgIds, collaboratorNames: input.collaboratorNames, checks, status, createdAt: now })
    .returning();
  await recordAudit(tx, actor, { action: 'funding_application.submit', entityType: 'funding_application', entityId: row!.id, changes: { callId: call.id, status, requestedFen: input.requestedFen } });
  return row!;
}

export async function formalReview(tx: Tx, actor: Actor, id: string, input: z.output<typeof FormalBody>, _now: Date): Promise<void> {
  requireCan(actor, 'review', 'funding_application');
  const a = await findApplication(tx, id, true);
  if (!a) throw new AppError('NOT_FOUND');
  if (a.status !== 'submitted') throw new AppError('INVALID_STATE');
  const status = input.decision === 'pass' ? 'in_review' : 'formal_rejected';
  await tx.update(fundingApplications).set({ status, formalNote: input.note ?? null }).where(eq(fundingApplications.id, id));
  await recordAudit(tx, actor, { action: `funding_application.formal_${input.decision}`, entityType: 'funding_application', entityId: id, changes: { status: { before: a.status, after: status }, note: input.note ?? null } });
}

/**
 * Assign experts to an application in expert review. An expert is excluded
 * (with the reason) when their unit is the applicant, a collaborating
 * organisation, or named among the collaborators, or when the expert is a
 * named collaborator.
 */
export async function assignExperts(tx: Tx, actor: Actor, id: string, input: z.output<typeof AssignBody>, now: Date) {
  requireCan(actor, 'review', 'funding_application');
  const a = await findApplication(tx, id, true);
  if (!a) throw new AppError('NOT_FOUND');
  if (a.status !== 'in_review') throw new AppError('INVALID_STATE', { message: { zh: '形式审查通过后才能分配专家。', en: 'Experts are assigned after the formal review passes.' } });
  const rows = await tx.select().from(experts).where(inArray(experts.id, input.expertIds));
  if (rows.length !== new Set(input.expertIds).size) throw AppError.field('expertIds', '专家不存在', 'No such expert');
  const applicant = (await findOrganisation(tx, a.organisationId))!;
  const partyOrgs = new Set([a.organisationId, ...a.collaboratorOrgIds]);
  const partyNames = new Set([applicant.name, ...a.collaboratorNames].map((n) => n.trim()));
  const assigned: string[] = [];
  const excluded: { expertId: string; reason: string }[] = [];
  for (const e of rows) {
    let reason: { zh: string; en: string } | null = null;
    if (!e.active) reason = { zh: '专家已停用', en: 'The expert is inactive' };
    else if (e.unitOrgId && e.unitOrgId === a.organisationId) reason = { zh: `与申报单位同单位（${e.unit}）`, en: `Same unit as the applicant (${e.unit})` };
    else if ((e.unitOrgId && partyOrgs.has(e.unitOrgId)) || partyNames.has(e.unit.trim())) reason = { zh: `所在单位“${e.unit}”为申报项目合作方`, en: `The expert’s unit “${e.unit}” collaborates on the application` };
    else if (partyNames.has(e.name.trim())) reason = { zh: '专家本人为申报项目合作者', en: 'The expert is a collaborator on the application' };
    if (reason) {
      excluded.push({ expertId: e.id, reason: actor.locale === 'en' ? reason.en : reason.zh });
      continue;
    }
    await tx.insert(fundingAssignments).values({ applicationId: id, expertId: e.id, createdAt: now }).onConflictDoNothing();
    assigned.push(e.id);
  }
  await recordAudit(tx, actor, { action: 'funding_application.assign', entityType: 'funding_application', entityId: id, changes: { assigned, excluded: excluded.map((x) => x.expertId) } });
  return { assigned, excluded };
}

/** An assigned expert scores (or rescores) on the call's form, with a comment, before the review deadline and while the review is open. */
export async function submitScore(tx: Tx, actor: Actor, id: string, input: z.output<typeof ScoreBody>, now: Date): Promise<void> {
  const [expert] = actor.userId ? await tx.select().from(experts).where(eq(experts.userId, actor.userId)) : [];
  const a = await findApplication(tx, id);
  const [asg] = expert && a ? await tx.select().from(fundingAssignments).where(and(eq(fundingAssignments.applicationId, id), eq(fundingAssignments.expertId, expert.id))).for('update') : [];
  if (!a || !asg) throw new AppError('NOT_FOUND');
  requireCan(actor, 'score', 'funding_application', { ownerId: actor.userId });
  const call = (await findCall(tx, a.callId))!;
  if (a.status !== 'in_review' || call.status !== 'open' && call.status !== 'review' || call.reviewClosedAt) throw new AppError('INVALID_STATE', { message: { zh: '评审已结束。', en: 'The review has closed.' } });
  if (now > call.reviewDeadline) throw new AppError('INVALID_STATE', { message: { zh: '已过评审截止时间。', en: 'The review deadline has passed.' } });
  const form = call.scoreForm as { key: string; label: string; max: number }[];
  const problems = form.filter((i) => typeof input.scores[i.key] !== 'number' || input.scores[i.key]! > i.max).map((i) => ({ path: `scores.${i.key}`, zh: `“${i.label}”须为 0–${i.max} 分`, en: `“${i.label}” must be 0–${i.max}` }));
  const extra = Object.keys(input.scores).filter((k) => !form.some((i) => i.key === k)).map((k) => ({ path: `scores.${k}`, zh: '评分表中没有此项', en: 'Not an item of the form' }));
  if (problems.length + extra.length > 0) throw new AppError('VALIDATION_FAILED', { fields: [...problems, ...extra] });
  const total = form.reduce((s, i) => s + input.scores[i.key]!, 0);
  await tx.update(fundingAssignments).set({ scores: input.scores, total, comment: input.comment, submittedAt: now }).where(eq(fundingAssignments.id, asg.id));
  await recordAudit(tx, actor, { action: 'funding_application.score', entityType: 'funding_application', entityId: id, changes: { total } });
}

export async function disbursedFen(db: DbOrTx, id: string): Promise<number> {
  const r = await db.execute<{ s: string }>(sql`SELECT coalesce(sum(amount_fen), 0)::text AS s FROM funding_disbursements WHERE application_id = ${id}`);
  return Number(r.rows[0]!.s);
}

/** Record a payment of an awarded project: pre-guidance in instalments, the others in one; never above the award. */
export async function disburse(tx: Tx, actor: Actor, id: string, input: z.output<typeof DisburseBody>, now: Date): Promise<void> {
  requireCan(actor, 'award', 'funding_application');
  const a = await findApplication(tx, id, true);
  if (!a) throw new AppError('NOT_FOUND');
  if (a.status !== 'awarded' || !a.awardFen) throw new AppError('INVALID_STATE', { message: { zh: '公示结束并确定资助后才能拨付。', en: 'Disbursement follows the final award.' } });
  const call = (await findCall(tx, a.callId))!;
  const paid = await disbursedFen(tx, id);
  const [{ n }] = (await tx.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM funding_disbursements WHERE application_id = ${id}`)).rows as [{ n: number }];
  if (call.kind !== 'pre_guidance' && n > 0) throw new AppError('INVALID_STATE', { message: { zh: '事后奖励和后补助一次性拨付。', en: 'Post-award and post-subsidy funds are paid in one instalment.' } });
  if (call.kind !== 'pre_guidance' && input.amountFen !== a.awardFen) throw AppError.field('amountFen', '须一次性拨付全部资助金额', 'Pay the whole award at once');
  if (paid + input.amountFen > a.awardFen) throw AppError.field('amountFen', `超出剩余未拨付金额 ${yuan(a.awardFen - paid)} 元`, `Exceeds what is left to pay (CNY ${yuan(a.awardFen - paid)})`);
  await tx.insert(fundingDisbursements).values({ applicationId: id, instalment: n + 1, amountFen: input.amountFen, paidOn: input.paidOn, reference: input.reference, createdBy: actor.userId, createdAt: now });
  await recordAudit(tx, actor, { action: 'funding_application.disburse', entityType: 'funding_application', entityId: id, changes: { instalment: n + 1, amountFen: input.amountFen } });
}

export async function acceptProject(tx: Tx, actor: Actor, id: string, input: z.output<typeof AcceptBody>, now: Date): Promise<void> {
  requireCan(actor, 'award', 'funding_application');
  const a = await findApplication(tx, id, true);
  if (!a) throw new AppError('NOT_FOUND');
  if (a.status !== 'awarded') throw new AppError('INVALID_STATE');
  await tx.update(fundingApplications).set({ status: 'accepted', acceptanceNote: input.note, acceptedAt: now }).where(eq(fundingApplications.id, id));
  await recordAudit(tx, actor, { action: 'funding_application.accept', entityType: 'funding_application', entityId: id, changes: { note: input.note } });
}
