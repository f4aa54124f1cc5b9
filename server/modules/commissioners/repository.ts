import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { AssignmentView, CommissionerView, VillageView } from '../../../shared/contracts/commissioners.js';
import type { DbOrTx } from '../../db/client.js';
import { users } from '../identity/schema.js';
import { organisations } from '../organisations/schema.js';
import { inForce } from './dates.js';
import { commissionerAssignments, commissioners, villages } from './schema.js';

export type VillageRow = typeof villages.$inferSelect;
export type CommissionerRow = typeof commissioners.$inferSelect;
export type AssignmentRow = typeof commissionerAssignments.$inferSelect;

export async function townshipList(db: DbOrTx): Promise<{ id: string; name: string }[]> {
  return db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(eq(organisations.type, 'township')).orderBy(asc(organisations.sortOrder), asc(organisations.name));
}

export function presentVillage(v: VillageRow, townshipName: string): VillageView {
  return {
    id: v.id,
    township: { id: v.townshipId, name: townshipName },
    name: v.name,
    code: v.code,
    households: v.households,
    povertyFlaggedYear: v.povertyFlaggedYear,
    povertyLiftedYear: v.povertyLiftedYear,
    poor: v.povertyFlaggedYear !== null,
  };
}

export async function findVillage(db: DbOrTx, id: string): Promise<VillageRow | null> {
  const [v] = await db.select().from(villages).where(eq(villages.id, id));
  return v ?? null;
}

export async function findCommissioner(db: DbOrTx, id: string, opts: { forUpdate?: boolean } = {}): Promise<CommissionerRow | null> {
  const q = db.select().from(commissioners).where(eq(commissioners.id, id));
  const [c] = opts.forUpdate ? await q.for('update') : await q;
  return c ?? null;
}

export async function commissionerOfUser(db: DbOrTx, userId: string | null): Promise<CommissionerRow | null> {
  if (!userId) return null;
  const [c] = await db.select().from(commissioners).where(eq(commissioners.userId, userId));
  return c ?? null;
}

/** Assignments of the given commissioners with their targets, as views; `current` is relative to `day`. */
export async function assignmentViews(db: DbOrTx, where: { commissionerIds?: string[]; ids?: string[] }, day: string): Promise<AssignmentView[]> {
  const list = where.ids ?? where.commissionerIds ?? [];
  if (list.length === 0) return [];
  const cond = where.ids ? sql`a.id = ANY(${sql.param(list)}::uuid[])` : sql`a.commissioner_id = ANY(${sql.param(list)}::uuid[])`;
  const rows = await db.execute<{
    id: string;
    commissioner_id: string;
    commissioner_name: string;
    target_kind: AssignmentView['targetKind'];
    village_id: string | null;
    village_name: string | null;
    township_id: string | null;
    township_name: string | null;
    organisation_id: string | null;
    organisation_name: string | null;
    starts_on: string;
    ends_on: string | null;
    status: 'active' | 'cancelled';
    note: string | null;
  }>(sql`
    SELECT a.id, a.commissioner_id, c.name AS commissioner_name, a.target_kind, a.village_id, v.name AS village_name, v.township_id, t.name AS township_name,
      a.organisation_id, o.name AS organisation_name, a.starts_on::text, a.ends_on::text, a.status, a.note
    FROM commissioner_assignments a
    JOIN commissioners c ON c.id = a.commissioner_id
    LEFT JOIN villages v ON v.id = a.village_id
    LEFT JOIN organisations t ON t.id = v.township_id
    LEFT JOIN organisations o ON o.id = a.organisation_id
    WHERE ${cond}
    ORDER BY a.starts_on DESC, a.id`);
  return rows.rows.map((r) => ({
    id: r.id,
    commissioner: { id: r.commissioner_id, name: r.commissioner_name },
    targetKind: r.target_kind,
    village: r.village_id ? { id: r.village_id, name: r.village_name!, township: { id: r.township_id!, name: r.township_name! } } : null,
    organisation: r.organisation_id ? { id: r.organisation_id, name: r.organisation_name! } : null,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    status: r.status,
    current: inForce({ status: r.status, startsOn: r.starts_on, endsOn: r.ends_on }, day),
    note: r.note,
  }));
}

export async function commissionerViews(db: DbOrTx, rows: CommissionerRow[], day: string): Promise<CommissionerView[]> {
  const userIds = rows.map((r) => r.userId).filter((u): u is string => !!u);
  const us = userIds.length ? await db.select({ id: users.id, username: users.username, displayName: users.displayName }).from(users).where(inArray(users.id, userIds)) : [];
  const byUser = new Map(us.map((u) => [u.id, u]));
  const assignments = await assignmentViews(db, { commissionerIds: rows.map((r) => r.id) }, day);
  return rows.map((c) => ({
    id: c.id,
    kind: c.kind as CommissionerView['kind'],
    name: c.name,
    members: c.members,
    expertise: c.expertise,
    homeUnit: c.homeUnit,
    homeOrgId: c.homeOrgId,
    legalType: c.legalType as CommissionerView['legalType'],
    phone: c.phone,
    user: c.userId ? (byUser.get(c.userId) ?? null) : null,
    status: c.status as CommissionerView['status'],
    assignments: assignments.filter((a) => a.commissioner.id === c.id),
    createdAt: c.createdAt.toISOString(),
  }));
}

export async function findAssignment(db: DbOrTx, id: string, opts: { forUpdate?: boolean } = {}): Promise<AssignmentRow | null> {
  const q = db.select().from(commissionerAssignments).where(eq(commissionerAssignments.id, id));
  const [a] = opts.forUpdate ? await q.for('update') : await q;
  return a ?? null;
}

