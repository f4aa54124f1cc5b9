import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { organisations } from '../organisations/schema.js';
import { voucherApplications, voucherBlacklist, voucherProgrammes, voucherRedemptions, vouchers } from './schema.js';

export type ProgrammeRow = typeof voucherProgrammes.$inferSelect;
export type ApplicationRow = typeof voucherApplications.$inferSelect;
export type VoucherRow = typeof vouchers.$inferSelect;
export type RedemptionRow = typeof voucherRedemptions.$inferSelect;

export async function findProgramme(db: DbOrTx, id: string): Promise<ProgrammeRow | null> {
  const [row] = await db.select().from(voucherProgrammes).where(eq(voucherProgrammes.id, id));
  return row ?? null;
}

export async function findApplication(db: DbOrTx, id: string, opts: { forUpdate?: boolean } = {}): Promise<ApplicationRow | null> {
  const q = db.select().from(voucherApplications).where(eq(voucherApplications.id, id));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

export async function findVoucher(db: DbOrTx, id: string): Promise<VoucherRow | null> {
  const [row] = await db.select().from(vouchers).where(eq(vouchers.id, id));
  return row ?? null;
}

export async function findVoucherByCode(db: DbOrTx, code: string): Promise<VoucherRow | null> {
  const [row] = await db.select().from(vouchers).where(eq(vouchers.code, code.trim().toUpperCase()));
  return row ?? null;
}

export async function findRedemption(db: DbOrTx, id: string, opts: { forUpdate?: boolean } = {}): Promise<RedemptionRow | null> {
  const q = db.select().from(voucherRedemptions).where(eq(voucherRedemptions.id, id));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

export async function findRedemptionByKey(db: DbOrTx, submitterOrgId: string, key: string): Promise<RedemptionRow | null> {
  const [row] = await db
    .select()
    .from(voucherRedemptions)
    .where(and(eq(voucherRedemptions.submitterOrgId, submitterOrgId), eq(voucherRedemptions.idempotencyKey, key)));
  return row ?? null;
}

/** Which of these organisations are on the blacklist now. */
export async function blacklisted(db: DbOrTx, orgIds: string[]): Promise<Set<string>> {
  const ids = [...new Set(orgIds.filter(Boolean))];
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: voucherBlacklist.organisationId })
    .from(voucherBlacklist)
    .where(and(inArray(voucherBlacklist.organisationId, ids), isNull(voucherBlacklist.liftedAt)));
  return new Set(rows.map((r) => r.id));
}

/** Organisation names by id. */
export async function orgNames(db: DbOrTx, ids: (string | null | undefined)[]): Promise<Map<string, string>> {
  const list = [...new Set(ids.filter((x): x is string => Boolean(x)))];
  if (list.length === 0) return new Map();
  const rows = await db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, list));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function programmeNames(db: DbOrTx, ids: string[]): Promise<Map<string, string>> {
  const list = [...new Set(ids)];
  if (list.length === 0) return new Map();
  const rows = await db.select({ id: voucherProgrammes.id, name: voucherProgrammes.name }).from(voucherProgrammes).where(inArray(voucherProgrammes.id, list));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Redemptions submitted by or for a provider within the last `minutes` before `now`. */
export async function recentRedemptionCount(db: DbOrTx, providerOrgId: string, now: Date, minutes: number): Promise<number> {
  const r = await db.execute<{ n: number }>(sql`
    SELECT count(*)::int AS n FROM voucher_redemptions
    WHERE provider_org_id = ${providerOrgId} AND created_at > ${now.toISOString()}::timestamptz - make_interval(mins => ${minutes})
      AND created_at <= ${now.toISOString()}::timestamptz`);
  return r.rows[0]!.n;
}
