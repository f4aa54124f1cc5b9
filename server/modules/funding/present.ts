import { and, asc, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type * as c from '../../../shared/contracts/funding.js';
import { type Actor, can } from '../../core/access.js';
import type { DbOrTx } from '../../db/client.js';
import { findFilesMeta } from '../files/repository.js';
import { displayNames } from '../identity/repository.js';
import { users } from '../identity/schema.js';
import { organisations } from '../organisations/schema.js';
import { type ApplicationRow, assignmentOf, awardedFen, type CallRow, deadlineOf, disbursedFen, type ExpertRow, expertOfUser, findCall } from './repository.js';
import { experts, fundingApplications, fundingAssignments, fundingCalls, fundingDisbursements, fundingEvents, fundingObjections } from './schema.js';
import type { ObjectionRow } from './objections.js';

/** The workflow order of timeline events: ties at the same moment are shown in it. */
const EVENT_ORDER = ['submitted', 'ineligible', 'formal_pass', 'formal_reject', 'ranked', 'award_withdrawn', 'awarded', 'not_awarded', 'disbursed', 'acceptance_submitted', 'acceptance_returned', 'accepted'];

export type Viewer = 'bureau' | 'applicant' | 'expert';
const isBureau = (actor: Actor) => can(actor, 'read', 'funding_application', {});

export async function orgNames(db: DbOrTx, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  return new Map((await db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, [...new Set(ids)]))).map((o) => [o.id, o.name]));
}

export async function presentCall(db: DbOrTx, actor: Actor, call: CallRow): Promise<z.input<typeof c.CallView>> {
  const awarded = await awardedFen(db, call.id);
  const bureau = isBureau(actor);
  const counts = bureau ? (await db.select({ status: fundingApplications.status, n: sql<number>`count(*)::int` }).from(fundingApplications).where(eq(fundingApplications.callId, call.id)).groupBy(fundingApplications.status)) : [];
  const open = bureau ? (await db.select({ n: sql<number>`count(*)::int` }).from(fundingObjections).where(and(eq(fundingObjections.callId, call.id), eq(fundingObjections.status, 'open'))))[0]!.n : 0;
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
    awardedFen: awarded,
    remainingFen: call.budgetFen - awarded,
    scoreForm: call.scoreForm as z.infer<typeof c.ScoreItem>[],
    noticeDays: call.noticeDays,
    status: call.status as 'open',
    noticeEndsAt: call.noticeEndsAt?.toISOString() ?? null,
    reviewClosedAt: call.reviewClosedAt?.toISOString() ?? null,
    openObjections: open,
    counts: Object.fromEntries(counts.map((r) => [r.status, r.n])),
  };
}

/** Who sees an application: the bureau; the applicant's organisation; an expert assigned to it. Anyone else: null (404). */
export async function viewerOf(db: DbOrTx, actor: Actor, a: ApplicationRow): Promise<Viewer | null> {
  if (isBureau(actor)) return 'bureau';
  if (can(actor, 'read', 'funding_application', { organisationId: a.organisationId })) return 'applicant';
  if (can(actor, 'read', 'funding_application', { ownerId: actor.userId })) {
    const e = await expertOfUser(db, actor.userId);
    if (e && (await assignmentOf(db, a.id, e.id))) return 'expert';
  }
  return null;
}

/**
 * An application as its viewer may see it. Others' scores: the bureau
 * always; applicants (without the experts' names) and experts only once the
 * review has closed. Deadlines and overdue marks: the bureau; an expert
 * their own.
 */
export async function presentApplication(db: DbOrTx, actor: Actor, a: ApplicationRow, who: Viewer, now: Date): Promise<z.input<typeof c.ApplicationView>> {
  const call = (await findCall(db, a.callId))!;
  const names = await orgNames(db, [a.organisationId, ...a.collaboratorOrgIds]);
  const asgs = await db.select({ a: fundingAssignments, name: experts.name, userId: experts.userId }).from(fundingAssignments).innerJoin(experts, eq(experts.id, fundingAssignments.expertId)).where(eq(fundingAssignments.applicationId, a.id)).orderBy(asc(fundingAssignments.createdAt), asc(experts.name));
  const closed = !!call.reviewClosedAt;
  const bureau = who === 'bureau';
  const reviews = bureau || closed
    ? asgs.map((x) => {
        const deadline = deadlineOf(x.a, call);
        return { expert: who === 'applicant' ? null : x.name, total: x.a.total, comment: x.a.comment, submitted: !!x.a.submittedAt, assignmentId: bureau ? x.a.id : null, deadline: bureau ? deadline.toISOString() : null, overdue: bureau && !x.a.submittedAt && !closed && now > deadline };
      })
    : [];
  const mine = who === 'expert' ? asgs.find((x) => x.userId === actor.userId) : undefined;
  const checks = (a.checks as { code: string; ok: boolean; zh: string; en: string }[]).map((k) => ({ code: k.code, ok: k.ok, message: actor.locale === 'en' ? k.en : k.zh }));
  const pays = await db.select().from(fundingDisbursements).where(eq(fundingDisbursements.applicationId, a.id)).orderBy(asc(fundingDisbursements.instalment));
  const events = who === 'expert' ? [] : (await db.select().from(fundingEvents).where(eq(fundingEvents.applicationId, a.id))).sort((x, y) => x.at.getTime() - y.at.getTime() || EVENT_ORDER.indexOf(x.event) - EVENT_ORDER.indexOf(y.event));
  return {
    id: a.id,
    callId: a.callId,
    callTitle: call.title,
    callKind: call.kind as 'pre_guidance',
    organisation: { id: a.organisationId, name: names.get(a.organisationId) ?? '' },
    title: a.title,
    summary: a.summary,
    requestedFen: a.requestedFen,
    documents: a.documents as { name: string; fileId: string }[],
    collaboratorNames: a.collaboratorNames,
    collaboratorOrgs: a.collaboratorOrgIds.map((id) => ({ id, name: names.get(id) ?? '' })),
    checks,
    status: a.status as 'submitted',
    formalNote: a.formalNote,
    withdrawnNote: a.withdrawnNote,
    score: bureau || closed ? a.score : null,
    rank: bureau || closed ? a.rank : null,
    awardFen: a.awardFen,
    disbursedFen: await disbursedFen(db, a.id),
    reviews,
    myReview: mine
      ? { assignmentId: mine.a.id, scores: mine.a.scores as Record<string, number> | null, comment: mine.a.comment, submittedAt: mine.a.submittedAt?.toISOString() ?? null, deadline: deadlineOf(mine.a, call).toISOString(), overdue: !mine.a.submittedAt && now > deadlineOf(mine.a, call) }
      : null,
    disbursements: pays.map((p) => ({ instalment: p.instalment, amountFen: p.amountFen, paidOn: p.paidOn, reference: p.reference })),
    acceptanceNote: a.acceptanceNote,
    acceptance: who === 'expert' || (a.acceptanceReport === null && a.acceptanceReturnNote === null)
      ? null
      : { report: a.acceptanceReport ?? '', documents: a.acceptanceDocuments as { name: string; fileId: string }[], submittedAt: a.acceptanceSubmittedAt?.toISOString() ?? null, returnNote: a.acceptanceReturnNote },
    timeline: events.map((e) => ({ at: e.at.toISOString(), event: e.event, note: e.note })),
    createdAt: a.createdAt.toISOString(),
  };
}

export async function rankingOf(db: DbOrTx, callId: string): Promise<z.input<typeof c.RankingView>> {
  const call = (await findCall(db, callId))!;
  const apps = await db.select().from(fundingApplications).where(and(eq(fundingApplications.callId, callId), inArray(fundingApplications.status, ['in_review', 'ranked', 'awarded', 'not_awarded', 'accepted'])));
  const names = await orgNames(db, apps.map((a) => a.organisationId));
  const counts = apps.length ? await db.select({ id: fundingAssignments.applicationId, n: sql<number>`count(*)::int` }).from(fundingAssignments).where(and(inArray(fundingAssignments.applicationId, apps.map((a) => a.id)), isNotNull(fundingAssignments.total))).groupBy(fundingAssignments.applicationId) : [];
  const n = new Map(counts.map((x) => [x.id, x.n]));
  const items = apps
    .map((a) => ({ applicationId: a.id, title: a.title, organisation: names.get(a.organisationId) ?? '', score: a.score, rank: a.rank, scoresCount: n.get(a.id) ?? 0, requestedFen: a.requestedFen, awardFen: a.awardFen, status: a.status, withdrawn: a.withdrawnNote !== null }))
    .sort((x, y) => (x.rank ?? 1e9) - (y.rank ?? 1e9) || x.title.localeCompare(y.title));
  const awarded = await awardedFen(db, callId);
  return { items, budgetFen: call.budgetFen, awardedFen: awarded, remainingFen: call.budgetFen - awarded };
}

export async function presentObjections(db: DbOrTx, rows: ObjectionRow[]): Promise<z.input<typeof c.ObjectionView>[]> {
  const appIds = rows.map((r) => r.applicationId).filter((x): x is string => !!x);
  const apps = appIds.length ? await db.select().from(fundingApplications).where(inArray(fundingApplications.id, appIds)) : [];
  const names = await orgNames(db, apps.map((a) => a.organisationId));
  const people = await displayNames(db, rows.map((r) => r.userId));
  const files = new Map((await findFilesMeta(db, rows.flatMap((r) => r.evidenceFileIds))).map((f) => [f.id, f.filename]));
  return rows.map((r) => {
    const a = apps.find((x) => x.id === r.applicationId);
    return {
      id: r.id,
      callId: r.callId,
      application: a ? { id: a.id, title: a.title, organisation: names.get(a.organisationId) ?? '' } : null,
      objector: r.userId ? (people.get(r.userId) ?? null) : null,
      text: r.text,
      evidence: r.evidenceFileIds.map((fileId) => ({ fileId, filename: files.get(fileId) ?? '' })),
      status: r.status as 'open',
      resolution: r.resolution,
      resolvedAt: r.resolvedAt?.toISOString() ?? null,
      createdAt: r.createdAt.toISOString(),
    };
  });
}

export async function presentExperts(db: DbOrTx, rows: ExpertRow[]): Promise<z.input<typeof c.ExpertView>[]> {
  const names = await orgNames(db, rows.map((e) => e.unitOrgId).filter((x): x is string => !!x));
  const people = new Map((rows.length ? await db.select({ id: users.id, username: users.username }).from(users).where(inArray(users.id, rows.map((e) => e.userId))) : []).map((u) => [u.id, u.username]));
  return rows.map((e) => ({ id: e.id, userId: e.userId, name: e.name, field: e.field, title: e.title, unit: e.unit, unitOrgId: e.unitOrgId, active: !!e.active, username: people.get(e.userId) ?? '', unitOrgName: e.unitOrgId ? (names.get(e.unitOrgId) ?? null) : null }));
}

/** The award lists in public notice and final, newest first: name, project, score and amount (no expert detail). */
export async function publicAwards(db: DbOrTx): Promise<z.input<typeof c.PublicAwardsView>> {
  const calls = await db.select().from(fundingCalls).where(inArray(fundingCalls.status, ['notice', 'awarded'])).orderBy(desc(fundingCalls.noticeEndsAt)).limit(50);
  const items = [];
  for (const call of calls) {
    const apps = await db.select().from(fundingApplications).where(and(eq(fundingApplications.callId, call.id), isNotNull(fundingApplications.awardFen), inArray(fundingApplications.status, ['ranked', 'awarded', 'accepted']))).orderBy(asc(fundingApplications.rank));
    const names = await orgNames(db, apps.map((a) => a.organisationId));
    items.push({
      callId: call.id,
      kind: call.kind as 'pre_guidance',
      title: call.title,
      status: call.status as 'notice',
      noticeEndsAt: call.noticeEndsAt?.toISOString() ?? null,
      final: call.status === 'awarded',
      awards: apps.map((a) => ({ applicationId: a.id, rank: a.rank, title: a.title, organisation: names.get(a.organisationId) ?? '', score: a.score, awardFen: a.awardFen! })),
    });
  }
  return { items };
}
