import './notification-texts.js';
import { and, count, desc, eq, inArray, isNull, or, type SQL } from 'drizzle-orm';
import * as c from '../../../shared/contracts/vouchers.js';
import { type Actor, can, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Db } from '../../db/client.js';
import { withTx } from '../../db/tx.js';
import { contentDisposition, sendDownload } from '../../http/download.js';
import { type App, route } from '../../http/route.js';
import { findFile } from '../files/repository.js';
import { applyForVouchers } from './apply.js';
import { decideApplication } from './decide-application.js';
import { decideRedemption, payRedemption } from './decide-redemption.js';
import { exportVoucherReport } from './export-report.js';
import { presentApplication, presentProgramme, presentRedemptions, presentVouchers } from './present.js';
import { allocateBudget, createProgramme, setProgrammeStatus } from './programmes.js';
import { submitRedemption } from './redeem.js';
import { voucherReport } from './report.js';
import { findApplication, findProgramme, findRedemption, findVoucher, orgNames } from './repository.js';
import { voucherApplications, voucherBlacklist, voucherProgrammes, voucherRedemptions, vouchers } from './schema.js';
import { addToBlacklist, liftBlacklist, voidVoucher } from './void-voucher.js';
import './policy.js';

async function programmeView(db: Db, actor: Actor, id: string) {
  const p = await findProgramme(db, id);
  if (!p || (p.status === 'draft' && !can(actor, 'manage', 'voucher_programme'))) throw new AppError('NOT_FOUND');
  return presentProgramme(actor, p);
}

async function applicationView(db: Db, actor: Actor, id: string, now: Date) {
  const a = await findApplication(db, id);
  if (!a || !can(actor, 'read', 'voucher_application', { organisationId: a.organisationId })) throw new AppError('NOT_FOUND');
  return presentApplication(db, actor, a, (await findProgramme(db, a.programmeId))!, now);
}

/** A redemption is visible to the bureau, the submitter, the provider and the voucher's holder. */
async function loadRedemptionFor(db: Db, actor: Actor, id: string) {
  const r = await findRedemption(db, id);
  if (!r) throw new AppError('NOT_FOUND');
  const v = (await findVoucher(db, r.voucherId))!;
  const parties = [r.submitterOrgId, r.providerOrgId, v.organisationId];
  if (!can(actor, 'read', 'voucher_redemption', {}) && !parties.some((o) => can(actor, 'read', 'voucher_redemption', { organisationId: o }))) throw new AppError('NOT_FOUND');
  return r;
}

async function redemptionView(db: Db, actor: Actor, id: string) {
  const r = await loadRedemptionFor(db, actor, id);
  return (await presentRedemptions(db, actor, [r]))[0]!;
}

/** Innovation vouchers (docs/workflows/vouchers.md). */
export function voucherRoutes(app: App): void {
  route(app, c.listProgrammes, { access: 'read:voucher_programme' }, async ({ actor, deps }) => {
    const all = can(actor, 'manage', 'voucher_programme') || can(actor, 'read', 'voucher_application', {});
    const rows = await deps.db.select().from(voucherProgrammes).where(all ? undefined : eq(voucherProgrammes.status, 'open')).orderBy(desc(voucherProgrammes.createdAt));
    return { items: rows.map((p) => presentProgramme(actor, p)) };
  });
  route(app, c.getProgramme, { access: 'read:voucher_programme' }, async ({ actor, params, deps }) => programmeView(deps.db, actor, params.id));
  route(app, c.createProgramme, { access: 'manage:voucher_programme' }, async ({ actor, body, deps }) => {
    const row = await withTx(deps.db, (tx) => createProgramme(tx, actor, body, deps.clock()));
    return programmeView(deps.db, actor, row.id);
  });
  route(app, c.allocateBudget, { access: 'manage:voucher_programme' }, async ({ actor, params, body, deps }) => {
    await withTx(deps.db, (tx) => allocateBudget(tx, actor, params.id, body, deps.clock()));
    return programmeView(deps.db, actor, params.id);
  });
  route(app, c.setProgrammeStatus, { access: 'manage:voucher_programme' }, async ({ actor, params, body, deps }) => {
    await withTx(deps.db, (tx) => setProgrammeStatus(tx, actor, params.id, body, deps.clock()));
    return programmeView(deps.db, actor, params.id);
  });

  route(app, c.apply, { access: 'create:voucher_application' }, async ({ actor, body, deps }) => {
    const row = await withTx(deps.db, (tx) => applyForVouchers(tx, actor, body, deps.clock()));
    return applicationView(deps.db, actor, row.id, deps.clock());
  });
  route(app, c.listApplications, { access: 'read:voucher_application' }, async ({ actor, query, deps }) => {
    const conds: SQL[] = [];
    if (!can(actor, 'read', 'voucher_application', {})) conds.push(eq(voucherApplications.organisationId, actor.organisationId ?? '00000000-0000-0000-0000-000000000000'));
    if (query.status) conds.push(eq(voucherApplications.status, query.status));
    if (query.programmeId) conds.push(eq(voucherApplications.programmeId, query.programmeId));
    const where = conds.length ? and(...conds) : undefined;
    const rows = await deps.db.select().from(voucherApplications).where(where).orderBy(desc(voucherApplications.createdAt)).limit(query.pageSize).offset((query.page - 1) * query.pageSize);
    const [{ n }] = (await deps.db.select({ n: count() }).from(voucherApplications).where(where)) as [{ n: number }];
    const now = deps.clock();
    const items = [];
    for (const a of rows) items.push(await presentApplication(deps.db, actor, a, (await findProgramme(deps.db, a.programmeId))!, now));
    return { items, total: n, page: query.page, pageSize: query.pageSize };
  });
  route(app, c.getApplication, { access: 'read:voucher_application' }, async ({ actor, params, deps }) => applicationView(deps.db, actor, params.id, deps.clock()));
  route(app, c.decideApplication, { access: 'decide:voucher_application' }, async ({ actor, params, body, deps }) => {
    await withTx(deps.db, (tx) => decideApplication(tx, actor, params.id, body, deps.clock()));
    return applicationView(deps.db, actor, params.id, deps.clock());
  });

  route(app, c.listVouchers, { access: 'read:voucher' }, async ({ actor, query, deps }) => {
    const conds: SQL[] = [];
    if (!can(actor, 'read', 'voucher', {})) conds.push(eq(vouchers.organisationId, actor.organisationId ?? '00000000-0000-0000-0000-000000000000'));
    if (query.status) conds.push(eq(vouchers.status, query.status));
    if (query.programmeId) conds.push(eq(vouchers.programmeId, query.programmeId));
    const where = conds.length ? and(...conds) : undefined;
    const rows = await deps.db.select().from(vouchers).where(where).orderBy(desc(vouchers.issuedAt), vouchers.code).limit(query.pageSize).offset((query.page - 1) * query.pageSize);
    const [{ n }] = (await deps.db.select({ n: count() }).from(vouchers).where(where)) as [{ n: number }];
    return { items: await presentVouchers(deps.db, actor, rows), total: n, page: query.page, pageSize: query.pageSize };
  });
  route(app, c.getVoucher, { access: 'read:voucher' }, async ({ actor, params, deps }) => {
    const v = await findVoucher(deps.db, params.id);
    if (!v || !can(actor, 'read', 'voucher', { organisationId: v.organisationId })) throw new AppError('NOT_FOUND');
    return (await presentVouchers(deps.db, actor, [v]))[0]!;
  });
  route(app, c.voidVoucher, { access: 'void:voucher' }, async ({ actor, params, body, deps }) => {
    await withTx(deps.db, (tx) => voidVoucher(tx, actor, params.id, body, deps.clock()));
    return (await presentVouchers(deps.db, actor, [(await findVoucher(deps.db, params.id))!]))[0]!;
  });

  route(app, c.redeem, { access: 'create:voucher_redemption' }, async ({ actor, body, deps, reply }) => {
    const { row, replayed } = await withTx(deps.db, (tx) => submitRedemption(tx, actor, body, deps.clock()));
    void reply.header('idempotent-replayed', String(replayed));
    return redemptionView(deps.db, actor, row.id);
  });
  route(app, c.listRedemptions, { access: 'read:voucher_redemption' }, async ({ actor, query, deps }) => {
    const conds: SQL[] = [];
    if (!can(actor, 'read', 'voucher_redemption', {})) {
      const org = actor.organisationId ?? '00000000-0000-0000-0000-000000000000';
      const held = deps.db.select({ id: vouchers.id }).from(vouchers).where(eq(vouchers.organisationId, org));
      conds.push(or(eq(voucherRedemptions.submitterOrgId, org), eq(voucherRedemptions.providerOrgId, org), inArray(voucherRedemptions.voucherId, held))!);
    }
    if (query.status) conds.push(eq(voucherRedemptions.status, query.status));
    const where = conds.length ? and(...conds) : undefined;
    const rows = await deps.db.select().from(voucherRedemptions).where(where).orderBy(desc(voucherRedemptions.createdAt)).limit(query.pageSize).offset((query.page - 1) * query.pageSize);
    const [{ n }] = (await deps.db.select({ n: count() }).from(voucherRedemptions).where(where)) as [{ n: number }];
    return { items: await presentRedemptions(deps.db, actor, rows), total: n, page: query.page, pageSize: query.pageSize };
  });
  route(app, c.getRedemption, { access: 'read:voucher_redemption' }, async ({ actor, params, deps }) => redemptionView(deps.db, actor, params.id));
  route(app, c.decideRedemption, { access: 'decide:voucher_redemption' }, async ({ actor, params, body, deps }) => {
    await withTx(deps.db, (tx) => decideRedemption(tx, actor, params.id, body, deps.clock()));
    return redemptionView(deps.db, actor, params.id);
  });
  route(app, c.payRedemption, { access: 'pay:voucher_redemption' }, async ({ actor, params, body, deps }) => {
    await withTx(deps.db, (tx) => payRedemption(tx, actor, params.id, body, deps.clock()));
    return redemptionView(deps.db, actor, params.id);
  });
  route(app, c.downloadRedemptionFile, { access: 'read:voucher_redemption' }, async ({ actor, params, deps, reply }) => {
    const r = await loadRedemptionFor(deps.db, actor, params.id);
    if (![r.contractFileId, r.invoiceFileId, r.ownShareProofFileId].includes(params.fileId)) throw new AppError('NOT_FOUND');
    const file = await findFile(deps.db, params.fileId);
    if (!file) throw new AppError('NOT_FOUND');
    return reply
      .header('content-type', file.contentType)
      .header('content-length', String(file.sizeBytes))
      .header('content-disposition', contentDisposition(file.filename, 'attachment'))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(file.data);
  });

  route(app, c.listBlacklist, { access: 'read:voucher_blacklist' }, async ({ deps }) => {
    const rows = await deps.db.select().from(voucherBlacklist).where(isNull(voucherBlacklist.liftedAt)).orderBy(desc(voucherBlacklist.createdAt));
    const names = await orgNames(deps.db, rows.map((r) => r.organisationId));
    return { items: rows.map((r) => ({ id: r.id, organisation: { id: r.organisationId, name: names.get(r.organisationId) ?? '' }, reason: r.reason, createdAt: r.createdAt.toISOString() })) };
  });
  route(app, c.addBlacklist, { access: 'manage:voucher_blacklist' }, async ({ actor, body, deps }) => {
    const r = await withTx(deps.db, (tx) => addToBlacklist(tx, actor, body, deps.clock()));
    const names = await orgNames(deps.db, [r.organisationId]);
    return { id: r.id, organisation: { id: r.organisationId, name: names.get(r.organisationId) ?? '' }, reason: r.reason, createdAt: r.createdAt.toISOString() };
  });
  route(app, c.liftBlacklist, { access: 'manage:voucher_blacklist' }, async ({ actor, params, deps }) => {
    await withTx(deps.db, (tx) => liftBlacklist(tx, actor, params.id, deps.clock()));
    return { ok: true as const };
  });

  route(app, c.report, { access: 'read:voucher_report' }, async ({ actor, query, deps }) => {
    requireCan(actor, 'read', 'voucher_report');
    return voucherReport(deps.db, query, deps.clock(), actor.locale);
  });
  route(app, c.reportExport, { access: 'read:voucher_report' }, async ({ query, deps, reply }) => {
    const out = await exportVoucherReport(deps.db, query, deps.clock());
    return sendDownload(reply, { contentType: out.contentType, contentDisposition: out.contentDisposition, body: out.buffer, rows: out.rows });
  });
}
