import { and, asc, count, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { GOVERNMENT_ORG_TYPES, type OrgType, type VerificationStatus } from '../../../shared/roles.js';
import type { DbOrTx } from '../../db/client.js';
import { invitations } from '../identity/schema.js';
import { likePattern } from '../users/repository.js';
import { organisations } from './schema.js';

export type OrganisationRow = typeof organisations.$inferSelect;
export type OrganisationWithCount = OrganisationRow & { memberCount: number };
export type InvitationRow = typeof invitations.$inferSelect;

/**
 * Active accounts attached to the organisation. The outer column is spelled
 * out: Drizzle leaves `${organisations.id}` unqualified in single-table
 * selects, where it would bind to `u.id`.
 */
const memberCount = sql<number>`(SELECT count(*)::int FROM users u WHERE u.organisation_id = organisations.id AND u.status = 'active')`;

/** One organisation, optionally locked for the rest of the transaction. */
export async function findOrganisation(db: DbOrTx, id: string, opts: { forUpdate?: boolean } = {}): Promise<OrganisationRow | null> {
  const q = db.select().from(organisations).where(eq(organisations.id, id)).limit(1);
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

export async function findOrganisationWithCount(db: DbOrTx, id: string): Promise<OrganisationWithCount | null> {
  const [row] = await db.select({ org: organisations, memberCount }).from(organisations).where(eq(organisations.id, id)).limit(1);
  return row ? { ...row.org, memberCount: row.memberCount } : null;
}

export async function findByCreditCode(db: DbOrTx, creditCode: string): Promise<OrganisationRow | null> {
  const [row] = await db.select().from(organisations).where(eq(organisations.creditCode, creditCode)).limit(1);
  return row ?? null;
}

export async function findByCode(db: DbOrTx, code: string): Promise<OrganisationRow | null> {
  const [row] = await db.select().from(organisations).where(eq(organisations.code, code)).limit(1);
  return row ?? null;
}

export type OrganisationFilter = { q?: string; type?: OrgType; status?: VerificationStatus };
/** `all`: staff see every record; otherwise verified ones plus the caller's own organisation. */
export type Visibility = { all: true } | { all: false; ownOrganisationId: string | null };

/**
 * A page of organisations. `q` matches a part of the name (ILIKE, served by the
 * trigram index) or the exact credit code; closest names (trigram similarity) first.
 * Fuzzy `%` matching is left out on purpose: with short Chinese names it
 * returns unrelated organisations that share two characters.
 */
export async function listOrganisations(
  db: DbOrTx,
  filter: OrganisationFilter,
  visibility: Visibility,
  page: { page: number; pageSize: number },
): Promise<{ items: OrganisationWithCount[]; total: number }> {
  const conds: SQL[] = [];
  if (!visibility.all) {
    conds.push(
      visibility.ownOrganisationId
        ? or(eq(organisations.verificationStatus, 'verified'), eq(organisations.id, visibility.ownOrganisationId))!
        : eq(organisations.verificationStatus, 'verified'),
    );
  }
  if (filter.type) conds.push(eq(organisations.type, filter.type));
  if (filter.status) conds.push(eq(organisations.verificationStatus, filter.status));
  if (filter.q) {
    conds.push(
      or(
        sql`${organisations.name} ILIKE ${likePattern(filter.q)}`,
        eq(organisations.creditCode, filter.q.toUpperCase()),
      )!,
    );
  }
  const where = conds.length ? and(...conds) : undefined;
  const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(organisations).where(where);
  const order = filter.q
    ? [desc(sql`similarity(${organisations.name}, ${filter.q})`), asc(organisations.name)]
    : [desc(organisations.createdAt), asc(organisations.name)];
  const rows = await db
    .select({ org: organisations, memberCount })
    .from(organisations)
    .where(where)
    .orderBy(...order)
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize);
  return { items: rows.map((r) => ({ ...r.org, memberCount: r.memberCount })), total };
}

/** Every government unit, in display order, for the tree of responsible units. */
export async function governmentUnits(db: DbOrTx): Promise<OrganisationRow[]> {
  return db
    .select()
    .from(organisations)
    .where(inArray(organisations.type, [...GOVERNMENT_ORG_TYPES]))
    .orderBy(asc(organisations.sortOrder), asc(organisations.name));
}

export async function findInvitationByTokenHash(db: DbOrTx, tokenHash: string, opts: { forUpdate?: boolean } = {}): Promise<InvitationRow | null> {
  const q = db.select().from(invitations).where(eq(invitations.tokenHash, tokenHash)).limit(1);
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

export async function findInvitation(db: DbOrTx, organisationId: string, id: string): Promise<InvitationRow | null> {
  const [row] = await db
    .select()
    .from(invitations)
    .where(and(eq(invitations.id, id), eq(invitations.organisationId, organisationId)))
    .limit(1)
    .for('update');
  return row ?? null;
}

export async function listInvitations(db: DbOrTx, organisationId: string): Promise<InvitationRow[]> {
  return db.select().from(invitations).where(eq(invitations.organisationId, organisationId)).orderBy(desc(invitations.createdAt));
}
