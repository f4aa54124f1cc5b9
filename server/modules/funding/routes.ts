import { and, desc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import * as c from '../../../shared/contracts/funding.js';
import { type Actor, can, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Db } from '../../db/client.js';
import { withTx } from '../../db/tx.js';
import { type App, route } from '../../http/route.js';
import { organisations } from '../organisations/schema.js';
import { acceptProject, type ApplicationRow, applyToCall, assignExperts, disburse, disbursedFen, findApplication, formalReview, submitScore } from './applications.js';
import { decideAwards, raiseObjection } from './awards.js';
import { awardedFen, type CallRow, createCall, findCall, moveCall } from './calls.js';
import { experts, fundingApplications, fundingAssignments, fundingCalls } from './schema.js';
import './policy.js';

async function callView(db: Db, call: CallRow): Promise<z.input<typeof c.CallView>> {
  return {
    id: call.id,
    kind: call.kind as 'pre_guidance',
    title: call.title,
    description: call.description,
    eligibility: call.eligibility as Record<string, unknown>,
    requiredDocuments: call.requiredDocuments,
    opensAt: call.opensAt.toISOString(),
    closesAt: call.closesAt.toISOString(),
    reviewDeadline: call.reviewDeadline.toISOString(),
    budgetFen: call.budgetFen,
    awardedFen: await awardedFen(db, call.id),
    scoreForm: call.scoreForm as z.infer<typeof c.ScoreItem>[],
    noticeDays: call.noticeDays,
    status: call.status as 'open',
    noticeEndsAt: call.noticeEndsAt?.toISOString() ?? null,
  };
}

async function expertOf(db: Db, actor: Actor) {
  if (!actor.userId) return null;
  const [e] = await db.select().from(experts).where(eq(experts.userId, actor.userId));
  return e ?? null;
}

/**
 * Who sees an application: the bureau; the applicant's organisation; an
 * expert assigned to it. Anyone else: 404.
 */
async function visible(db: Db, actor: Actor, a: ApplicationRow): Promise<'bureau' | 'applicant' | 'expert' | null> {
  if (can(actor, 'read', 'funding_application', {})) return 'bureau';
  if (can(actor, 'read', 'funding_application', { organisationId: a.organisationId })) return 'applicant';
  const e = await expertOf(db, actor);
  if (e && can(actor, 'read', 'funding_application', { ownerId: actor.userId })) {
    const [asg] = await db.select().from(fundingAssignments).where(and(eq(fundingAssignments.applicationId, a.id), eq(fundingAssignments.expertId, e.id)));
    if (asg) return 'expert';
  }
  return null;
}

async function present(db: Db, actor: Actor, a: ApplicationRow, who: 'bureau' | 'applicant' | 'expert'): Promise<z.input<typeof c.ApplicationView>> {
  const call = (await findCall(db, a.callId))!;
  const [org] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, a.organisationId));
  const asgs = await db.select({ a: fundingAssignments, name: experts.name, userId: experts.userId }).from(fundingAssignments).innerJoin(experts, eq(experts.id, fundingAssignments.expertId)).where(eq(fundingAssignments.applicationId, a.id));
  const closed = !!call.reviewClosedAt;
  // Others' scores: the bureau always; applicants and experts once the review has closed (names withheld from applicants).
  const reviews = who === 'bureau' || closed
    ? asgs.map((x) => ({ expert: who === 'applicant' ? null : x.name, total: x.a.total, comment: x.a.comment, submitted: !!x.a.submittedAt }))
    : [];
  const mine = asgs.find((x) => x.userId === actor.userId);
  const checks = (a.checks as { code: string; ok: boolean; zh: string; en: string }[]).map((k) => ({ code: k.code, ok: k.ok, message: actor.locale === 'en' ? k.en : k.zh }));
  return {
    id: a.id,
    callId: a.callId,
    organisation: { id: a.organisationId, name: org?.name ?? '' },
    title: a.title,
    summary: a.summary,
    requestedFen: a.requestedFen,
    documents: a.documents as { name: string; fileId: string }[],
    collaboratorNames: a.collaboratorNames,
    checks,
    status: a.status as 'submitted',
    formalNote: a.formalNote,
    score: who === 'bureau' || closed ? a.score : null,
    rank: who === 'bureau' || closed ? a.rank : null,
    awardFen: a.awardFen,
    disbursedFen: await disbursedFen(db, a.id),
    reviews,
    myReview: mine ? { assignmentId: mine.a.id, scores: mine.a.scores as Record<string, number> | null, comment: mine.a.comment, submittedAt: mine.a.submittedAt?.toISOString() ?? null } : null,
    createdAt: a.createdAt.toISOString(),
  };
}

async function view(db: Db, actor: Actor, id: string) {
  const a = await findApplication(db, id);
  const who = a ? await visible(db, actor, a) : null;
  if (!a || !who) throw new AppError('NOT_FOUND');
  return present(db, actor, a, who);
}

async function rankingOf(db: Db, callId: string) {
  const apps = await db.select().from(fundingApplications).where(eq(fundingApplications.callId, callId));
  const orgs = new Map((apps.length ? await db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, apps.map((a) => a.organisationId))) : []).map((o) => [o.id, o.name]));
  const counts = apps.length ? await db.select({ id: fundingAssignments.applicationId, total: fundingAssignments.total }).from(fundingAssignments).where(inArray(fundingAssignments.applicationId, apps.map((a) => a.id))) : [];
  const items = apps
    .filter((a) => a.rank !== null || a.score !== null || ['ranked', 'awarded', 'not_awarded', 'accepted', 'in_review'].includes(a.status))
    .map((a) => ({ applicationId: a.id, title: a.title, organisation: orgs.get(a.organisationId) ?? '', score: a.score, rank: a.rank, scoresCount: counts.filter((x) => x.id === a.id && x.total !== null).length, requestedFen: a.requestedFen, awardFen: a.awardFen, status: a.status }))
    .sort((x, y) => (x.rank ?? 1e9) - (y.rank ?? 1e9));
  return { items };
}

/** Funding programmes (docs/workflows/funding.md). */
export function fundingRoutes(app: App): void {
  route(app, c.createCall, { access: 'manage:funding_call' }, async ({ actor, body, deps }) => callView(deps.db, await withTx(deps.db, (tx) => createCall(tx, actor, body, deps.clock()))));
  route(app, c.listCalls, { access: 'read:funding_call' }, async ({ actor, deps }) => {
    const rows = await deps.db.select().from(fundingCalls).orderBy(desc(fundingCalls.createdAt));
    const shown = can(actor, 'manage', 'funding_call') ? rows : rows.filter((r) => r.status !== 'draft');
    return { items: await Promise.all(shown.map((r) => callView(deps.db, r))) };
  });
  route(app, c.getCall, { access: 'read:funding_call' }, async ({ actor, params, deps }) => {
    const call = await findCall(deps.db, params.id);
    if (!call || (call.status === 'draft' && !can(actor, 'manage', 'funding_call'))) throw new AppError('NOT_FOUND');
    return callView(deps.db, call);
  });
  route(app, c.moveCall, { access: 'manage:funding_call' }, async ({ actor, params, body, deps }) => {
    await withTx(deps.db, (tx) => moveCall(tx, actor, params.id, body.to, deps.clock()));
    return callView(deps.db, (await findCall(deps.db, params.id))!);
  });
  route(app, c.ranking, { access: 'read:funding_application' }, async ({ actor, params, deps }) => {
    requireCan(actor, 'read', 'funding_application', {});
    return rankingOf(deps.db, params.id);
  });
  route(app, c.award, { access: 'award:funding_application' }, async ({ actor, params, body, deps }) => {
    await withTx(deps.db, (tx) => decideAwards(tx, actor, params.id, body, deps.clock()));
    return rankingOf(deps.db, params.id);
  });
  route(app, c.object, { access: 'object:funding_call' }, async ({ actor, params, body, deps }) => ({ id: await withTx(deps.db, (tx) => raiseObjection(tx, actor, params.id, body, deps.clock())) }));

  route(app, c.apply, { access: 'create:funding_application' }, async ({ actor, body, deps }) => {
    const row = await withTx(deps.db, (tx) => applyToCall(tx, actor, body, deps.clock()));
    return view(deps.db, actor, row.id);
  });
  route(app, c.listApplications, { access: 'read:funding_application' }, async ({ actor, query, deps }) => {
    let rows: ApplicationRow[];
    if (can(actor, 'read', 'funding_application', {})) {
      rows = await deps.db.select().from(fundingApplications).where(query.callId ? eq(fundingApplications.callId, query.callId) : undefined).orderBy(desc(fundingApplications.createdAt));
    } else if (actor.organisationId && can(actor, 'read', 'funding_application', { organisationId: actor.organisationId })) {
      rows = await deps.db.select().from(fundingApplications).where(eq(fundingApplications.organisationId, actor.organisationId)).orderBy(desc(fundingApplications.createdAt));
    } else {
      const e = await expertOf(deps.db, actor);
      const ids = e ? (await deps.db.select({ id: fundingAssignments.applicationId }).from(fundingAssignments).where(eq(fundingAssignments.expertId, e.id))).map((x) => x.id) : [];
      rows = ids.length ? await deps.db.select().from(fundingApplications).where(inArray(fundingApplications.id, ids)) : [];
    }
    if (query.callId) rows = rows.filter((r) => r.callId === query.callId);
    const items = [];
    for (const a of rows) {
      const who = await visible(deps.db, actor, a);
      if (who) items.push(await present(deps.db, actor, a, who));
    }
    return { items };
  });
  route(app, c.getApplication, { access: 'read:funding_application' }, async ({ actor, params, deps }) => view(deps.db, actor, params.id));
  route(app, c.formalReview, { access: 'review:funding_application' }, async ({ actor, params, body, deps }) => {
    await withTx(deps.db, (tx) => formalReview(tx, actor, params.id, body, deps.clock()));
    return view(deps.db, actor, params.id);
  });
  route(app, c.assign, { access: 'review:funding_application' }, async ({ actor, params, body, deps }) => withTx(deps.db, (tx) => assignExperts(tx, actor, params.id, body, deps.clock())));
  route(app, c.score, { access: 'score:funding_application' }, async ({ actor, params, body, deps }) => {
    await withTx(deps.db, (tx) => submitScore(tx, actor, params.id, body, deps.clock()));
    return view(deps.db, actor, params.id);
  });
  route(app, c.disburse, { access: 'award:funding_application' }, async ({ actor, params, body, deps }) => {
    await withTx(deps.db, (tx) => disburse(tx, actor, params.id, body, deps.clock()));
    return view(deps.db, actor, params.id);
  });
  route(app, c.accept, { access: 'award:funding_application' }, async ({ actor, params, body, deps }) => {
    await withTx(deps.db, (tx) => acceptProject(tx, actor, params.id, body, deps.clock()));
    return view(deps.db, actor, params.id);
  });
  route(app, c.listExperts, { access: 'read:funding_expert' }, async ({ deps }) => {
    const rows = await deps.db.select().from(experts).orderBy(experts.name);
    return { items: rows.map((e) => ({ id: e.id, userId: e.userId, name: e.name, field: e.field, title: e.title, unit: e.unit, unitOrgId: e.unitOrgId })) };
  });
  route(app, c.addExpert, { access: 'manage:funding_expert' }, async ({ actor, body, deps }) => {
    const { userRolesOf } = await import('./expert-role.js');
    const row = await withTx(deps.db, async (tx) => {
      requireCan(actor, 'manage', 'funding_expert');
      if (!(await userRolesOf(tx, body.userId)).includes('expert')) throw AppError.field('userId', '该账号没有“评审专家”角色', 'This account does not have the expert role');
      const [e] = await tx.insert(experts).values({ userId: body.userId, name: body.name, field: body.field, title: body.title, unit: body.unit, unitOrgId: body.unitOrgId ?? null }).onConflictDoNothing().returning();
      if (!e) throw new AppError('CONFLICT');
      const { recordAudit } = await import('../audit/record-audit.js');
      await recordAudit(tx, actor, { action: 'funding_expert.add', entityType: 'funding_expert', entityId: e.id, changes: { name: body.name, unit: body.unit } });
      return e;
    });
    return { id: row.id, userId: row.userId, name: row.name, field: row.field, title: row.title, unit: row.unit, unitOrgId: row.unitOrgId };
  });
}
