import { and, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { users } from '../identity/schema.js';
import { organisations } from '../organisations/schema.js';
import { facilities, facilityBlocks, facilityBookings, facilityUsage } from './schema.js';

export type FacilityRow = typeof facilities.$inferSelect;
export type BookingRow = typeof facilityBookings.$inferSelect;
export type UsageRow = typeof facilityUsage.$inferSelect;
export type BlockRow = typeof facilityBlocks.$inferSelect;

export async function findFacility(db: DbOrTx, id: string, opts: { forUpdate?: boolean } = {}): Promise<FacilityRow | null> {
  const q = db.select().from(facilities).where(eq(facilities.id, id));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

export async function findBooking(db: DbOrTx, id: string, opts: { forUpdate?: boolean } = {}): Promise<BookingRow | null> {
  const q = db.select().from(facilityBookings).where(eq(facilityBookings.id, id));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

export async function orgName(db: DbOrTx, id: string | null): Promise<string> {
  if (!id) return '';
  const [o] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, id));
  return o?.name ?? '';
}

export async function listFacilities(db: DbOrTx, where: SQL | undefined, page: { limit: number; offset: number }): Promise<{ items: (FacilityRow & { organisationName: string })[]; total: number }> {
  const items = await db
    .select({ f: facilities, organisationName: organisations.name })
    .from(facilities)
    .innerJoin(organisations, eq(organisations.id, facilities.organisationId))
    .where(where)
    .orderBy(desc(facilities.updatedAt), facilities.id)
    .limit(page.limit)
    .offset(page.offset);
  const [n] = await db.select({ n: count() }).from(facilities).where(where);
  return { items: items.map((i) => ({ ...i.f, organisationName: i.organisationName })), total: n!.n };
}

/** Overlapping periods of one facility: confirmed bookings (other than `exceptId`) and blocks. */
export async function conflicts(db: DbOrTx, facilityId: string, startsAt: Date, endsAt: Date, exceptId?: string): Promise<{ bookings: number; blocks: number }> {
  const r = await db.execute<{ bookings: number; blocks: number }>(sql`
    SELECT
      (SELECT count(*)::int FROM facility_bookings b WHERE b.facility_id = ${facilityId} AND b.status = 'confirmed'
        AND tstzrange(b.starts_at, b.ends_at) && tstzrange(${startsAt.toISOString()}::timestamptz, ${endsAt.toISOString()}::timestamptz)
        ${exceptId ? sql`AND b.id <> ${exceptId}` : sql``}) AS bookings,
      (SELECT count(*)::int FROM facility_blocks k WHERE k.facility_id = ${facilityId}
        AND tstzrange(k.starts_at, k.ends_at) && tstzrange(${startsAt.toISOString()}::timestamptz, ${endsAt.toISOString()}::timestamptz)) AS blocks`);
  return r.rows[0]!;
}

export type BookingWithRefs = BookingRow & { facilityName: string; facilityOrgId: string; requesterName: string; requesterOrgName: string | null };

export async function listBookingsWithRefs(db: DbOrTx, where: SQL | undefined, page: { limit: number; offset: number }): Promise<{ items: BookingWithRefs[]; total: number }> {
  const rows = await db
    .select({ b: facilityBookings, facilityName: facilities.name, facilityOrgId: facilities.organisationId, requesterName: users.displayName, requesterOrgName: organisations.name })
    .from(facilityBookings)
    .innerJoin(facilities, eq(facilities.id, facilityBookings.facilityId))
    .innerJoin(users, eq(users.id, facilityBookings.requesterUserId))
    .leftJoin(organisations, eq(organisations.id, facilityBookings.requesterOrgId))
    .where(where)
    .orderBy(desc(facilityBookings.startsAt), facilityBookings.id)
    .limit(page.limit)
    .offset(page.offset);
  const [n] = await db.select({ n: count() }).from(facilityBookings).innerJoin(facilities, eq(facilities.id, facilityBookings.facilityId)).where(where);
  return { items: rows.map((r) => ({ ...r.b, facilityName: r.facilityName, facilityOrgId: r.facilityOrgId, requesterName: r.requesterName, requesterOrgName: r.requesterOrgName })), total: n!.n };
}

export async function bookingWithRefs(db: DbOrTx, id: string): Promise<BookingWithRefs | null> {
  const { items } = await listBookingsWithRefs(db, eq(facilityBookings.id, id), { limit: 1, offset: 0 });
  return items[0] ?? null;
}

export async function listBlocks(db: DbOrTx, facilityId: string, from: Date, to: Date): Promise<BlockRow[]> {
  return db
    .select()
    .from(facilityBlocks)
    .where(and(eq(facilityBlocks.facilityId, facilityId), sql`${facilityBlocks.endsAt} > ${from.toISOString()}::timestamptz`, sql`${facilityBlocks.startsAt} < ${to.toISOString()}::timestamptz`))
    .orderBy(facilityBlocks.startsAt);
}
