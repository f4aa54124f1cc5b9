import './notification-texts.js';
import { desc, eq, inArray } from 'drizzle-orm';
import * as c from '../../../shared/contracts/funding.js';
import { type Actor, can, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Db } from '../../db/client.js';
import { withTx } from '../../db/tx.js';
import { contentDisposition, sendDownload } from '../../http/download.js';
import { type App, route } from '../../http/route.js';
import { findFile } from '../files/repository.js';
import { applyToCall } from './apply.js';
import { assignExperts } from './assign-experts.js';
import { conflictTable } from './conflicts.js';
import { createCall } from './create-call.js';
import { addAward, decideAwards } from './decide-awards.js';
import { acceptProject, applyForAcceptance, returnAcceptance } from './acceptance.js';
import { disburse } from './disburse.js';
import { addExpert, updateExpert } from './experts.js';
import { exportRanking } from './export-ranking.js';
import { extendDeadline } from './extend-deadline.js';
import { formalReview } from './formal-review.js';
import { moveCall } from './move-call.js';
import { fileObjection, resolveObjection } from './objections.js';
import { presentApplication, presentCall, presentExperts, presentObjections, publicAwards, rankingOf, viewerOf } from './present.js';
import { type ApplicationRow, expertOfUser, findApplication, findCall } from './repository.js';
import { submitScore } from './score.js';
import { experts, fundingApplications, fundingAssignments, fundingCalls, fundingObjections } from './schema.js';
import './policy.js';

async function callFor(db: Db, actor: Actor, id: string) {
  const call = await findCall(db, id);
  if (!call || (call.status === 'draft' && !can(actor, 'manage', 'funding_call'))) throw new AppError('NOT_FOUND');
  return call;
}

async function loadFor(db: Db, actor: Actor, id: string) {
  const a = await findApplication(db, id);
  const who = a ? await viewerOf(db, actor, a) : null;
  if (!a || !who) throw new AppError('NOT_FOUND');
  return { a, who };
}

async function view(db: Db, actor: Actor, id: string, now: Date) {
  const { a, who } = await loadFor(db, actor, id);
  return presentApplication(db, actor, a, who, now);
}

function sendFile(reply: Parameters<Parameters<typeof route>[3]>[0]['reply'], file: NonNullable<Awaited<ReturnType<typeof findFile>>>) {
  return reply
    .header('content-type', file.contentType)
    .header('content-length', String(file.sizeBytes))
    .header('content-disposition', contentDisposition(file.filename, 'attachment'))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(file.data);
}

/** Funding programmes (docs/workflows/funding.md). Handlers load, call one operation, present. */
export function fundingRoutes(app: App): void {
  route(app, c.createCall, { access: 'manage:funding_call' }, async ({ actor, body, deps }) => presentCall(deps.db, actor, await withTx(deps.db, (tx) => createCall(tx, actor, body, deps.clock()))));
  route(app, c.listCalls, { access: 'read:funding_call' }, async ({ actor, deps }) => {
    const rows = await deps.db.select().from(fundingCalls).orderBy(desc(fundingCalls.createdAt));
    const shown = can(actor, 'manage', 'funding_call') ? rows : rows.filter((r) => r.status !== 'draft');
    return { items: await Promise.all(shown.map((r) => presentCall(deps.db, actor, r))) };
  });
  route(app, c.getCall, { access: 'read:funding_call' }, async ({ actor, params, deps }) => presentCall(deps.db, actor, await callFor(deps.db, actor, params.id)));
  route(app, c.moveCall, { access: 'manage:funding_call' }, async ({ actor, params, body, deps }) => {
    await withTx(deps.db, (tx) => moveCall(tx, actor, params.id, body.to, deps.clock()));
    return presentCall(deps.db, actor, (await findCall(deps.db, params.id))!);
  });
  route(app, c.ranking, { access: 'read:funding_application' }, async ({ actor, params, deps }) => {
    requireCan(actor, 'read', 'funding_application', {});
    if (!(await findCall(deps.db, params.id))) throw new AppError('NOT_FOUND');
    return rankingOf(deps.db, params.id);
  });
  route(app, c.rankingExport, { access: 'read:funding_application' }, async ({ actor, params, deps, reply }) => {
    requireCan(actor, 'read', 'funding_application', {});
    if (!(await findCall(deps.db, params.id))) throw new AppError('NOT_FOUND');
    const out = await exportRanking(deps.db, params.id);
    return sendDownload(reply, { contentType: out.contentType, contentDisposition: out.contentDisposition, body: out.buffer, rows: out.rows });
  });
  route(app, c.award, { access: 'award:funding_application' }, async ({ actor, params, body, deps }) => {
    await withTx(deps.db, (tx) => decideAwards(tx, actor, params.id, body, deps.clock()));
    return rankingOf(deps.db, params.id);
  });
  route(app, c.addAward, { access: 'award:funding_application' }, async ({ actor, params, body, deps }) => {
    await withTx(deps.db, (tx) => addAward(tx, actor, params.id, body, deps.clock()));
    return rankingOf(deps.db, params.id);
  });
  route(app, c.object, { access: 'authenticated' }, async ({ actor, params, body, deps }) => ({ id: await withTx(deps.db, (tx) => fileObjection(tx, actor, params.id, body, deps.clock())) }));
  route(app, c.listObjections, { access: 'review:funding_application' }, async ({ actor, params, deps }) => {
    requireCan(actor, 'review', 'funding_application');
    if (!(await findCall(deps.db, params.id))) throw new AppError('NOT_FOUND');
    const rows = await deps.db.select().from(fundingObjections).where(eq(fundingObjections.callId, params.id)).orderBy(desc(fundingObjections.createdAt));
    return { items: await presentObjections(deps.db, rows) };
  });
  route(app, c.resolveObjection, { access: 'review:funding_application' }, async ({ actor, params, body, deps }) => {
    const row = await withTx(deps.db, (tx) => resolveObjection(tx, actor, params.id, body, deps.clock()));
    return (await presentObjections(deps.db, [row]))[0]!;
  });
  route(app, c.downloadEvidence, { access: 'authenticated' }, async ({ actor, params, deps, reply }) => {
    const [o] = await deps.db.select().from(fundingObjections).where(eq(fundingObjections.id, params.id));
    if (!o || (!can(actor, 'review', 'funding_application') && o.userId !== actor.userId) || !o.evidenceFileIds.includes(params.fileId)) throw new AppError('NOT_FOUND');
    const file = await findFile(deps.db, params.fileId);
    if (!file) throw new AppError('NOT_FOUND');
    return sendFile(reply, file);
  });
  route(app, c.publicAwards, { access: 'public' }, async ({ deps }) => publicAwards(deps.db));

  route(app, c.apply, { access: 'create:funding_application' }, async ({ actor, body, deps }) => {
    const row = await withTx(deps.db, (tx) => applyToCall(tx, actor, body, deps.clock()));
    return view(deps.db, actor, row.id, deps.clock());
  });
  route(app, c.listApplications, { access: 'read:funding_application' }, async ({ actor, query, deps }) => {
    let rows: ApplicationRow[];
    if (can(actor, 'read', 'funding_application', {})) {
      rows = await deps.db.select().from(fundingApplications).where(query.callId ? eq(fundingApplications.callId, query.callId) : undefined).orderBy(desc(fundingApplications.createdAt));
    } else if (actor.organisationId && can(actor, 'read', 'funding_application', { organisationId: actor.organisationId })) {
      rows = await deps.db.select().from(fundingApplications).where(eq(fundingApplications.organisationId, actor.organisationId)).orderBy(desc(fundingApplications.createdAt));
    } else {
      const e = await expertOfUser(deps.db, actor.userId);
      const ids = e ? (await deps.db.select({ id: fundingAssignments.applicationId }).from(fundingAssignments).where(eq(fundingAssignments.expertId, e.id))).map((x) => x.id) : [];
      rows = ids.length ? await deps.db.select().from(fundingApplications).where(inArray(fundingApplications.id, ids)).orderBy(desc(fundingApplications.createdAt)) : [];
    }
    if (query.callId) rows = rows.filter((r) => r.callId === query.callId);
    const items = [];
    for (const a of rows) {
      const who = await viewerOf(deps.db, actor, a);
      if (who) items.push(await presentApplication(deps.db, actor, a, who, deps.clock()));
    }
    return { items };
  });
  route(app, c.getApplication, { access: 'read:funding_application' }, async ({ actor, params, deps }) => view(deps.db, actor, params.id, deps.clock()));
  route(app, c.downloadDocument, { access: 'read:funding_application' }, async ({ actor, params, deps, reply }) => {
    const { a } = await loadFor(deps.db, actor, params.id);
    if (![...(a.documents as { fileId: string }[]), ...(a.acceptanceDocuments as { fileId: string }[])].some((d) => d.fileId === params.fileId)) throw new AppError('NOT_FOUND');
    const file = await findFile(deps.db, params.fileId);
    if (!file) throw new AppError('NOT_FOUND');
    return sendFile(reply, file);
  });
  route(app, c.formalReview, { access: 'review:funding_application' }, async ({ actor, params, body, deps }) => {
    await withTx(deps.db, (tx) => formalReview(tx, actor, params.id, body, deps.clock()));
    return view(deps.db, actor, params.id, deps.clock());
  });
  route(app, c.conflicts, { access: 'review:funding_application' }, async ({ actor, params, deps }) => {
    requireCan(actor, 'review', 'funding_application');
    const a = await findApplication(deps.db, params.id);
    if (!a) throw new AppError('NOT_FOUND');
    return { items: await conflictTable(deps.db, a, actor.locale) };
  });
  route(app, c.assign, { access: 'review:funding_application' }, async ({ actor, params, body, deps }) => withTx(deps.db, (tx) => assignExperts(tx, actor, params.id, body, deps.clock())));
  route(app, c.extendDeadline, { access: 'review:funding_application' }, async ({ actor, params, body, deps }) => {
    const appId = await withTx(deps.db, (tx) => extendDeadline(tx, actor, params.id, body, deps.clock()));
    return view(deps.db, actor, appId, deps.clock());
  });
  route(app, c.score, { access: 'score:funding_application' }, async ({ actor, params, body, deps }) => {
    await withTx(deps.db, (tx) => submitScore(tx, actor, params.id, body, deps.clock()));
    return view(deps.db, actor, params.id, deps.clock());
  });
  route(app, c.disburse, { access: 'award:funding_application' }, async ({ actor, params, body, deps }) => {
    await withTx(deps.db, (tx) => disburse(tx, actor, params.id, body, deps.clock()));
    return view(deps.db, actor, params.id, deps.clock());
  });
  route(app, c.accept, { access: 'award:funding_application' }, async ({ actor, params, body, deps }) => {
    await withTx(deps.db, (tx) => acceptProject(tx, actor, params.id, body, deps.clock()));
    return view(deps.db, actor, params.id, deps.clock());
  });
  route(app, c.applyForAcceptance, { access: 'create:funding_application' }, async ({ actor, params, body, deps }) => {
    await loadFor(deps.db, actor, params.id);
    await withTx(deps.db, (tx) => applyForAcceptance(tx, actor, params.id, body, deps.clock()));
    return view(deps.db, actor, params.id, deps.clock());
  });
  route(app, c.returnAcceptance, { access: 'award:funding_application' }, async ({ actor, params, body, deps }) => {
    await withTx(deps.db, (tx) => returnAcceptance(tx, actor, params.id, body, deps.clock()));
    return view(deps.db, actor, params.id, deps.clock());
  });
  route(app, c.listExperts, { access: 'read:funding_expert' }, async ({ deps }) => ({ items: await presentExperts(deps.db, await deps.db.select().from(experts).orderBy(experts.name)) }));
  route(app, c.addExpert, { access: 'manage:funding_expert' }, async ({ actor, body, deps }) => (await presentExperts(deps.db, [await withTx(deps.db, (tx) => addExpert(tx, actor, body, deps.clock()))]))[0]!);
  route(app, c.updateExpert, { access: 'manage:funding_expert' }, async ({ actor, params, body, deps }) => (await presentExperts(deps.db, [await withTx(deps.db, (tx) => updateExpert(tx, actor, params.id, body, deps.clock()))]))[0]!);
}
