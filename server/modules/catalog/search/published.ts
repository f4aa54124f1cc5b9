import { sql } from 'drizzle-orm';
import type { ListingKind } from '../../../../shared/contracts/catalog-content.js';
import type { DbOrTx } from '../../../db/client.js';

/**
 * Reading what the public may see: a listing whose status is `published`,
 * with the content of its published revision (the table's columns mirror that
 * revision; the long texts live only in the revision's JSON).
 */

/** Table of a listing kind (a constant identifier, never user input). */
export function tableOf(kind: ListingKind) {
  return sql.raw(kind === 'achievement' ? 'achievements' : 'demands');
}

export type PublishedListing = {
  id: string;
  kind: ListingKind;
  organisationId: string;
  organisationName: string;
  title: string;
  content: Record<string, unknown>;
  publishedAt: Date;
  updatedAt: Date;
};

type Row = {
  id: string;
  organisation_id: string;
  organisation_name: string;
  title: string;
  content: Record<string, unknown>;
  published_at: Date;
  updated_at: Date;
};

/**
 * Published listings of one kind by id, with their published content.
 * Records that are not published (or have no approved revision) are absent.
 */
export async function loadPublished(db: DbOrTx, kind: ListingKind, ids: readonly string[]): Promise<PublishedListing[]> {
  if (ids.length === 0) return [];
  const fk = sql.raw(kind === 'achievement' ? 'achievement_id' : 'demand_id');
  const r = await db.execute<Row>(sql`
    SELECT l.id, l.organisation_id, o.name AS organisation_name, l.title, r.content,
           coalesce(l.published_at, l.updated_at) AS published_at, l.updated_at
    FROM ${tableOf(kind)} l
    JOIN listing_revisions r ON r.id = l.published_revision_id AND r.${fk} = l.id
    JOIN organisations o ON o.id = l.organisation_id
    WHERE l.id = ANY(${sql.param(ids)}::uuid[]) AND l.status = 'published'`);
  return r.rows.map((row) => ({
    id: row.id,
    kind,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    title: row.title,
    content: row.content,
    publishedAt: new Date(row.published_at),
    updatedAt: new Date(row.updated_at),
  }));
}

/** One published listing, or null (unknown, draft, withdrawn, …). */
export async function loadOnePublished(db: DbOrTx, kind: ListingKind, id: string): Promise<PublishedListing | null> {
  return (await loadPublished(db, kind, [id]))[0] ?? null;
}
