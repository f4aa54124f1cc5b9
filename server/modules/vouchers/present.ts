import { eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { ApplicationView, ProgrammeView, RedemptionView, VoucherView } from '../../../shared/contracts/vouchers.js';
import { type Actor, allowedActions, can } from '../../core/access.js';
import type { DbOrTx } from '../../db/client.js';
import { files } from '../files/schema.js';
import { eligibilityChecks, localiseChecks } from './eligibility.js';
import type { Flag } from './fraud.js';
import { balanceOf } from './ledger.js';
import { type ApplicationRow, orgNames, programmeNames, type ProgrammeRow, type RedemptionRow, type VoucherRow } from './repository.js';
import { vouchers } from './schema.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentProgramme(actor: Actor, p: ProgrammeRow): z.input<typeof ProgrammeView> {
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    status: p.status as 'open',
    eligibility: p.eligibility as never,
    serviceCategories: p.serviceCategories as never,
    providerOrgIds: p.providerOrgIds,
    coverageBp: p.coverageBp,
    yearlyCapFen: p.yearlyCapFen,
    faceValuesFen: p.faceValuesFen,
    validityDays: p.validityDays,
    redeemer: p.redeemer as 'provider',
    balance: balanceOf(p),
    createdAt: p.createdAt.toISOString(),
    actions: [
      ...allowedActions(actor, 'voucher_programme', {}, ['manage']),
      ...(p.status === 'open' && can(actor, 'create', 'voucher_application', { organisationId: actor.organisationId }) ? ['apply'] : []),
    ],
  };
}

export async function presentVouchers(db: DbOrTx, actor: Actor, rows: VoucherRow[]): Promise<z.input<typeof VoucherView>[]> {
  const orgs = await orgNames(db, rows.map((r) => r.organisationId));
  const progs = await programmeNames(db, rows.map((r) => r.programmeId));
  return rows.map((v) => ({
    id: v.id,
    code: v.code,
    programme: { id: v.programmeId, name: progs.get(v.programmeId) ?? '' },
    organisation: { id: v.organisationId, name: orgs.get(v.organisationId) ?? '' },
    faceValueFen: v.faceValueFen,
    validFrom: v.validFrom,
    validUntil: v.validUntil,
    status: v.status as 'issued',
    voidReason: v.voidReason,
    redeemedFen: v.redeemedFen,
    paidFen: v.paidFen,
    releasedFen: v.releasedFen,
    issuedAt: v.issuedAt.toISOString(),
    actions: v.status === 'issued' ? allowedActions(actor, 'voucher', { organisationId: v.organisationId }, ['void']) : [],
  }));
}

export async function presentApplication(db: DbOrTx, actor: Actor, a: ApplicationRow, p: ProgrammeRow, now: Date): Promise<z.input<typeof ApplicationView>> {
  const names = await orgNames(db, [a.organisationId, a.townshipOrgId, a.providerOrgId]);
  const vs = await db.select().from(vouchers).where(eq(vouchers.applicationId, a.id)).orderBy(vouchers.issuedAt, vouchers.code);
  const checks = await eligibilityChecks(db, p, a, now);
  const ref = (id: string | null) => (id ? { id, name: names.get(id) ?? '' } : null);
  return {
    id: a.id,
    programme: { id: p.id, name: p.name },
    organisation: ref(a.organisationId)!,
    enterpriseSize: a.enterpriseSize as 'small',
    township: ref(a.townshipOrgId),
    serviceCategory: a.serviceCategory as 'testing',
    provider: ref(a.providerOrgId),
    serviceDescription: a.serviceDescription,
    requestedFen: a.requestedFen,
    status: a.status as 'submitted',
    decisionNote: a.decisionNote,
    decidedAt: iso(a.decidedAt),
    createdAt: a.createdAt.toISOString(),
    checks: localiseChecks(checks, actor.locale),
    vouchers: await presentVouchers(db, actor, vs),
    actions: a.status === 'submitted' ? allowedActions(actor, 'voucher_application', { organisationId: a.organisationId }, ['decide']) : [],
  };
}

export async function presentRedemptions(db: DbOrTx, actor: Actor, rows: RedemptionRow[]): Promise<z.input<typeof RedemptionView>[]> {
  if (rows.length === 0) return [];
  const vs = new Map((await db.select().from(vouchers).where(inArray(vouchers.id, rows.map((r) => r.voucherId)))).map((v) => [v.id, v]));
  const orgs = await orgNames(db, rows.flatMap((r) => [r.providerOrgId, r.submitterOrgId, vs.get(r.voucherId)!.organisationId]));
  const progs = await programmeNames(db, [...vs.values()].map((v) => v.programmeId));
  const fileIds = rows.flatMap((r) => [r.contractFileId, r.invoiceFileId, r.ownShareProofFileId]);
  const fnames = new Map((await db.select({ id: files.id, filename: files.filename }).from(files).where(inArray(files.id, fileIds))).map((f) => [f.id, f.filename]));
  const reviewer = can(actor, 'decide', 'voucher_redemption') || can(actor, 'read', 'voucher_redemption', {});
  return rows.map((r) => {
    const v = vs.get(r.voucherId)!;
    const ref = (id: string) => ({ id, name: orgs.get(id) ?? '' });
    const file = (id: string) => ({ id, filename: fnames.get(id) ?? '' });
    const actions = [
      ...(r.status === 'submitted' ? allowedActions(actor, 'voucher_redemption', {}, ['decide']) : []),
      ...(r.status === 'approved' ? allowedActions(actor, 'voucher_redemption', {}, ['pay']) : []),
    ];
    return {
      id: r.id,
      voucher: { id: v.id, code: v.code, faceValueFen: v.faceValueFen, validFrom: v.validFrom, validUntil: v.validUntil, status: v.status as 'issued' },
      programme: { id: v.programmeId, name: progs.get(v.programmeId) ?? '' },
      enterprise: ref(v.organisationId),
      provider: ref(r.providerOrgId),
      submitter: ref(r.submitterOrgId),
      serviceCategory: r.serviceCategory as 'testing',
      serviceId: r.serviceId,
      contractNo: r.contractNo,
      servicePriceFen: r.servicePriceFen,
      amountFen: r.amountFen,
      ownShareFen: r.servicePriceFen - r.amountFen,
      serviceStart: r.serviceStart,
      serviceEnd: r.serviceEnd,
      contractFile: file(r.contractFileId),
      invoiceFile: file(r.invoiceFileId),
      ownShareProofFile: file(r.ownShareProofFileId),
      flags: reviewer ? (r.flags as Flag[]).map((f) => ({ code: f.code, message: actor.locale === 'en' ? f.en : f.zh })) : [],
      status: r.status as 'submitted',
      decisionNote: r.decisionNote,
      decidedAt: iso(r.decidedAt),
      paymentReference: r.paymentReference,
      paidAt: iso(r.paidAt),
      createdAt: r.createdAt.toISOString(),
      actions,
    };
  });
}
