import './notification-texts.js';
import { and, asc, count, desc, eq, ilike, inArray, sql, type SQL } from 'drizzle-orm';
import * as c from '../../../shared/contracts/commissioners.js';
import { type Actor, can } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { DbOrTx } from '../../db/client.js';
import { withTx } from '../../db/tx.js';
import { contentDisposition, sendDownload } from '../../http/download.js';
import { type App, route } from '../../http/route.js';
import { findFile } from '../files/repository.js';
import { files } from '../files/schema.js';
import { likePattern } from '../search/index.js';
import { assignCommissioner, cancelAssignment, endAssignment } from './assignments.js';
import { recordBenefit } from './benefits.js';
import { computeCoverage } from './coverage.js';
import { districtDate } from './dates.js';
import { exportCoverage } from './export-coverage.js';
import { importVillages, VILLAGE_TEMPLATE } from './import-villages.js';
import { logService, type ServiceLogRow } from './log-service.js';
import { assignmentViews, commissionerOfUser, commissionerViews, findCommissioner, presentVillage, townshipList } from './repository.js';
import { createCommissioner, updateCommissioner } from './save-commissioner.js';
import { commissionerBenefits, commissioners, serviceLogs, villages } from './schema.js';
import { serviceStatistics } from './statistics.js';
import { createVillage, updateVillage } from './villages.js';
import { organisations } from '../organisations/schema.js';
import './policy.js';

async function villageView(db: DbOrTx, id: string) {
  const [r] = await db.select({ v: villages, t: organisations.name }).from(villages).innerJoin(organisations, eq(organisations.id, villages.townshipId)).where(eq(villages.id, id));
  return presentVillage(r!.v, r!.t);
}

async function serviceLogViews(db: DbOrTx, rows: ServiceLogRow[], replayed = false): Promise<c.ServiceLogView[]> {
  if (rows.length === 0) return [];
  const cs = await db.select({ id: commissioners.id, name: commissioners.name }).from(commissioners).where(inArray(commissioners.id, [...new Set(rows.map((r) => r.commissionerId))]));
  const vIds = rows.map((r) => r.villageId).filter((x): x is string => !!x);
  const vs = vIds.length ? await db.select({ id: villages.id, name: villages.name }).from(villages).where(inArray(villages.id, vIds)) : [];
  const oIds = rows.map((r) => r.organisationId).filter((x): x is string => !!x);
  const os = oIds.length ? await db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, oIds)) : [];
  const fIds = rows.flatMap((r) => r.photoFileIds);
  const fs = fIds.length ? await db.select({ id: files.id, filename: files.filename }).from(files).where(inArray(files.id, fIds)) : [];
  const byId = <T extends { id: string }>(xs: T[]) => new Map(xs.map((x) => [x.id, x]));
  const C = byId(cs), V = byId(vs), O = byId(os), F = byId(fs);
  return rows.map((r) => ({
    id: r.id,
    commissioner: C.get(r.commissionerId)!,
    assignmentId: r.assignmentId,
    village: r.villageId ? (V.get(r.villageId) ?? null) : null,
    organisation: r.organisationId ? (O.get(r.organisationId) ?? null) : null,
    category: r.category as c.ServiceLogView['category'],
    what: r.what,
    place: r.place,
    beneficiaries: r.beneficiaries,
    beneficiaryCount: r.beneficiaryCount,
    minutes: r.minutes,
    servedAt: r.servedAt.toISOString(),
    photos: r.photoFileIds.map((id) => F.get(id)).filter((f): f is { id: string; filename: string } => !!f),
    createdAt: r.createdAt.toISOString(),
    replayed,
  }));
}

/** A commissioner the caller may see: any for readers of every record, their own for a commissioner. */
async function visibleCommissioner(db: DbOrTx, actor: Actor, id: string) {
  const row = await findCommissioner(db, id);
  if (!row || !can(actor, 'read', 'commissioner', { ownerId: row.userId })) throw new AppError('NOT_FOUND');
  return row;
}

const presentBenefit = (b: typeof commissionerBenefits.$inferSelect, name: string) => ({
  id: b.id,
  commissioner: { id: b.commissionerId, name },
  kind: b.kind as 'fee' | 'equity' | 'dividend',
  organisationId: b.organisationId,
  enterpriseName: b.enterpriseName,
  amountFen: b.amountFen,
  equityBasisPoints: b.equityBasisPoints,
  receivedOn: b.receivedOn,
  note: b.note,
  createdAt: b.createdAt.toISOString(),
});

/** Villages, commissioners, assignments, service logs, coverage (docs/workflows/commissioners.md). */
export function commissionerRoutes(app: App): void {
  const today = (now: Date) => districtDate(now);

  // ───────── villages ─────────
  route(app, c.townships, { access: 'read:village' }, async ({ deps }) => ({ items: await townshipList(deps.db) }));

  route(app, c.listVillages, { access: 'read:village' }, async ({ query, deps }) => {
    const conds: SQL[] = [];
    if (query.townshipId) conds.push(eq(villages.townshipId, query.townshipId));
    if (query.poor) conds.push(query.poor === 'true' ? sql`${villages.povertyFlaggedYear} IS NOT NULL` : sql`${villages.povertyFlaggedYear} IS NULL`);
    if (query.q) conds.push(ilike(villages.name, likePattern(query.q)));
    const where = conds.length ? and(...conds) : undefined;
    const rows = await deps.db
      .select({ v: villages, t: organisations.name })
      .from(villages)
      .innerJoin(organisations, eq(organisations.id, villages.townshipId))
      .where(where)
      .orderBy(asc(organisations.sortOrder), asc(villages.name))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize);
    const [n] = await deps.db.select({ n: count() }).from(villages).where(where);
    return { items: rows.map((r) => presentVillage(r.v, r.t)), total: n!.n, page: query.page, pageSize: query.pageSize };
  });

  route(app, c.createVillage, { access: 'manage:village' }, async ({ actor, body, deps }) => {
    const v = await withTx(deps.db, (tx) => createVillage(tx, actor, body, deps.clock()));
    return villageView(deps.db, v.id);
  });

  route(app, c.updateVillage, { access: 'manage:village' }, async ({ actor, params, body, deps }) => {
    await withTx(deps.db, (tx) => updateVillage(tx, actor, params.id, body, deps.clock()));
    return villageView(deps.db, params.id);
  });

  route(app, c.importVillages, { access: 'manage:village' }, async ({ actor, body, deps }) => withTx(deps.db, (tx) => importVillages(tx, actor, body, deps.clock())));

  route(app, c.villageTemplate, { access: 'manage:village' }, async ({ reply }) =>
    sendDownload(reply, { contentType: 'text/csv; charset=utf-8', contentDisposition: contentDisposition('村庄导入模板.csv'), body: Buffer.from(VILLAGE_TEMPLATE, 'utf8') }),
  );

  // ───────── commissioners ─────────
  route(app, c.myCommissioner, { access: 'read:commissioner' }, async ({ actor, deps }) => {
    const row = await commissionerOfUser(deps.db, actor.userId);
    if (!row) throw new AppError('NOT_FOUND', { message: { zh: '您的账号尚未关联科技特派员档案。', en: 'Your account is not linked to a commissioner record.' } });
    return (await commissionerViews(deps.db, [row], today(deps.clock())))[0]!;
  });

  route(app, c.listCommissioners, { access: 'read:commissioner' }, async ({ actor, query, deps }) => {
    const conds: SQL[] = [];
    if (!can(actor, 'read', 'commissioner', { ownerId: null })) conds.push(eq(commissioners.userId, actor.userId ?? '00000000-0000-0000-0000-000000000000'));
    if (query.status) conds.push(eq(commissioners.status, query.status));
    if (query.q) conds.push(sql`(${ilike(commissioners.name, likePattern(query.q))} OR ${ilike(commissioners.homeUnit, likePattern(query.q))} OR array_to_string(${commissioners.expertise}, ' ') ILIKE ${likePattern(query.q)})`);
    const where = conds.length ? and(...conds) : undefined;
    const rows = await deps.db.select().from(commissioners).where(where).orderBy(asc(commissioners.name), asc(commissioners.id)).limit(query.pageSize).offset((query.page - 1) * query.pageSize);
    const [n] = await deps.db.select({ n: count() }).from(commissioners).where(where);
    return { items: await commissionerViews(deps.db, rows, today(deps.clock())), total: n!.n, page: query.page, pageSize: query.pageSize };
  });

  route(app, c.createCommissioner, { access: 'manage:commissioner' }, async ({ actor, body, deps }) => {
    const row = await withTx(deps.db, (tx) => createCommissioner(tx, actor, body, deps.clock()));
    return (await commissionerViews(deps.db, [row], today(deps.clock())))[0]!;
  });

  route(app, c.getCommissioner, { access: 'read:commissioner' }, async ({ actor, params, deps }) => {
    const row = await visibleCommissioner(deps.db, actor, params.id);
    return (await commissionerViews(deps.db, [row], today(deps.clock())))[0]!;
  });

  route(app, c.updateCommissioner, { access: 'manage:commissioner' }, async ({ actor, params, body, deps }) => {
    const row = await withTx(deps.db, (tx) => updateCommissioner(tx, actor, params.id, body, deps.clock()));
    return (await commissionerViews(deps.db, [row], today(deps.clock())))[0]!;
  });

  // ───────── assignments ─────────
  route(app, c.assign, { access: 'manage:commissioner' }, async ({ actor, params, body, deps }) => {
    const a = await withTx(deps.db, (tx) => assignCommissioner(tx, actor, params.id, body, deps.clock()));
    return (await assignmentViews(deps.db, { ids: [a.id] }, today(deps.clock())))[0]!;
  });
  route(app, c.endAssignment, { access: 'manage:commissioner' }, async ({ actor, params, body, deps }) => {
    await withTx(deps.db, (tx) => endAssignment(tx, actor, params.id, body, deps.clock()));
    return (await assignmentViews(deps.db, { ids: [params.id] }, today(deps.clock())))[0]!;
  });
  route(app, c.cancelAssignment, { access: 'manage:commissioner' }, async ({ actor, params, body, deps }) => {
    await withTx(deps.db, (tx) => cancelAssignment(tx, actor, params.id, body, deps.clock()));
    return (await assignmentViews(deps.db, { ids: [params.id] }, today(deps.clock())))[0]!;
  });

  // ───────── service logs ─────────
  route(app, c.logService, { access: 'create:service_log', rateLimit: { max: 120, timeWindow: '1 minute' } }, async ({ actor, body, deps }) => {
    const { row, replayed } = await withTx(deps.db, (tx) => logService(tx, actor, body, deps.clock()));
    return (await serviceLogViews(deps.db, [row], replayed))[0]!;
  });

  route(app, c.listServiceLogs, { access: 'read:service_log' }, async ({ actor, query, deps }) => {
    const conds: SQL[] = [];
    if (!can(actor, 'read', 'service_log', { ownerId: null })) {
      const mine = await commissionerOfUser(deps.db, actor.userId);
      conds.push(eq(serviceLogs.commissionerId, mine?.id ?? '00000000-0000-0000-0000-000000000000'));
    }
    if (query.commissionerId) conds.push(eq(serviceLogs.commissionerId, query.commissionerId));
    if (query.villageId) conds.push(eq(serviceLogs.villageId, query.villageId));
    const where = conds.length ? and(...conds) : undefined;
    const rows = await deps.db.select().from(serviceLogs).where(where).orderBy(desc(serviceLogs.servedAt), serviceLogs.id).limit(query.pageSize).offset((query.page - 1) * query.pageSize);
    const [n] = await deps.db.select({ n: count() }).from(serviceLogs).where(where);
    return { items: await serviceLogViews(deps.db, rows), total: n!.n, page: query.page, pageSize: query.pageSize };
  });

  route(app, c.servicePhoto, { access: 'read:service_log' }, async ({ actor, params, deps, reply }) => {
    const [log] = await deps.db.select().from(serviceLogs).where(eq(serviceLogs.id, params.id));
    const mine = log ? await commissionerOfUser(deps.db, actor.userId) : null;
    const allowed = log && (can(actor, 'read', 'service_log', { ownerId: null }) || mine?.id === log.commissionerId);
    const file = allowed && log.photoFileIds.includes(params.fileId) ? await findFile(deps.db, params.fileId) : null;
    if (!file) throw new AppError('NOT_FOUND');
    return reply
      .header('content-type', file.contentType)
      .header('content-length', String(file.sizeBytes))
      .header('content-disposition', contentDisposition(file.filename, 'inline'))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(file.data);
  });

  // ───────── coverage and statistics ─────────
  route(app, c.coverage, { access: 'read:coverage' }, async ({ query, deps }) => computeCoverage(deps.db, query.asOf ?? today(deps.clock())));

  route(app, c.coverageExport, { access: 'read:coverage' }, async ({ query, deps, reply }) => {
    const out = await exportCoverage(deps.db, query.asOf ?? today(deps.clock()));
    return sendDownload(reply, { contentType: out.contentType, contentDisposition: out.contentDisposition, body: out.buffer, rows: out.rows });
  });

  route(app, c.statistics, { access: 'read:service_stats' }, async ({ query, deps }) => {
    if (query.to < query.from) throw AppError.field('to', '结束日期不能早于开始日期', 'The end cannot precede the start');
    return serviceStatistics(deps.db, query.from, query.to);
  });

  // ───────── fees, equity, dividends ─────────
  route(app, c.recordBenefit, { access: 'create:benefit' }, async ({ actor, params, body, deps }) => {
    const now = deps.clock();
    const b = await withTx(deps.db, (tx) => recordBenefit(tx, actor, params.id, body, now, today(now)));
    const row = (await findCommissioner(deps.db, params.id))!;
    return presentBenefit(b, row.name);
  });

  route(app, c.listBenefits, { access: 'read:benefit' }, async ({ actor, params, deps }) => {
    const row = await findCommissioner(deps.db, params.id);
    if (!row || !can(actor, 'read', 'benefit', { ownerId: row.userId })) throw new AppError('NOT_FOUND');
    const items = await deps.db.select().from(commissionerBenefits).where(eq(commissionerBenefits.commissionerId, params.id)).orderBy(desc(commissionerBenefits.receivedOn));
    const totals = { fee: 0, equity: 0, dividend: 0 };
    for (const b of items) totals[b.kind as keyof typeof totals] += b.amountFen;
    return { items: items.map((b) => presentBenefit(b, row.name)), totals };
  });
}
