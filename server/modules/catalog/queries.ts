import { sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { ListingKind } from '../../../shared/contracts/catalog-content.js';
import type { QueueItem, RecordSummary } from '../../../shared/contracts/catalog.js';
import { listingQuality } from '../../../shared/catalog/quality.js';
import { type Actor, can } from '../../core/access.js';
import type { DbOrTx } from '../../db/client.js';
import { likePattern } from '../users/repository.js';
import { presentSummary } from './present.js';
import type { ListingStatus } from './transitions.js';

/** Table names by kind; fixed strings, never user input. */
const TABLE = { achievement: sql.raw('achievements'), demand: sql.raw('demands') } as const;

/** Titles at least this similar (pg_trgm) are shown to the reviewer as likely duplicates. */
export const SIMILARITY_THRESHOLD = 0.3;

type Page = { page: number; pageSize: number };

/**
 * The console list: the caller's organisation's listings in any status, or
 * every listing for staff who may read any. Newest activity first; `q`
 * matches the published or the working title.
 */
export async function listListings(
  db: DbOrTx,
  actor: Actor,
  kind: ListingKind,
  filter: { status?: ListingStatus; q?: string } & Page,
): Promise<{ items: z.input<typeof RecordSummary>[]; total: number }> {
  const conds: SQL[] = [sql`true`];
  // An organisation no one belongs to: only the 'any' scope covers it.
  if (!can(actor, 'read', kind, { organisationId: null })) {
    if (!actor.organisationId) return { items: [], total: 0 };
    conds.push(sql`x.organisation_id = ${actor.organisationId}`);
  }
  if (filter.status) conds.push(sql`x.status = ${filter.status}`);
  if (filter.q) conds.push(sql`(x.title ILIKE ${likePattern(filter.q)} OR p.content->>'title' ILIKE ${likePattern(filter.q)})`);
  const where = sql.join(conds, sql` AND `);
  const from = sql`FROM ${TABLE[kind]} x LEFT JOIN listing_revisions p ON p.id = x.pending_revision_id JOIN organisations o ON o.id = x.organisation_id`;
  const count = await db.execute<{ total: number }>(sql`SELECT count(*)::int AS total ${from} WHERE ${where}`);
  const rows = await db.execute<{
    id: string;
    organisation_id: string;
    status: string;
    title: string;
    quality_score: number;
    updated_at: Date;
    published_at: Date | null;
    organisation_name: string;
    pending_status: string | null;
    pending_title: string | null;
    pending_updated_at: Date | null;
  }>(sql`
    SELECT x.id, x.organisation_id, x.status, x.title, x.quality_score, x.updated_at, x.published_at,
           o.name AS organisation_name, p.status AS pending_status, p.content->>'title' AS pending_title, p.updated_at AS pending_updated_at
    ${from} WHERE ${where}
    ORDER BY greatest(x.updated_at, coalesce(p.updated_at, x.updated_at)) DESC, x.id
    LIMIT ${filter.pageSize} OFFSET ${(filter.page - 1) * filter.pageSize}`);
  return {
    total: count.rows[0]?.total ?? 0,
    items: rows.rows.map((r) =>
      presentSummary(
        actor,
        kind,
        {
          id: r.id,
          organisationId: r.organisation_id,
          status: r.status,
          title: r.title,
          qualityScore: r.quality_score,
          updatedAt: new Date(r.updated_at),
          publishedAt: r.published_at ? new Date(r.published_at) : null,
        },
        {
          organisationName: r.organisation_name,
          pendingStatus: r.pending_status,
          pendingTitle: r.pending_title,
          pendingUpdatedAt: r.pending_updated_at ? new Date(r.pending_updated_at) : null,
        },
      ),
    ),
  };
}

/**
 * Submitted revisions, oldest first (first come, first served), each with the
 * listings of the same kind whose titles are similar (pg_trgm), from this or
 * other organisations: likely duplicates the reviewer should look at.
 */
export async function reviewQueue(
  db: DbOrTx,
  filter: { kind?: ListingKind } & Page,
): Promise<{ items: z.input<typeof QueueItem>[]; total: number }> {
  const where = filter.kind ? sql`r.status = 'submitted' AND r.kind = ${filter.kind}` : sql`r.status = 'submitted'`;
  const count = await db.execute<{ total: number }>(sql`SELECT count(*)::int AS total FROM listing_revisions r WHERE ${where}`);
  const rows = await db.execute<{
    revision_id: string;
    kind: ListingKind;
    record_id: string;
    number: number;
    content: Record<string, unknown> & { title: string };
    submitted_at: Date;
    organisation_name: string;
    is_edit: boolean;
  }>(sql`
    SELECT r.id AS revision_id, r.kind, coalesce(r.achievement_id, r.demand_id) AS record_id, r.number, r.content, r.submitted_at,
           o.name AS organisation_name,
           coalesce(a.published_revision_id, d.published_revision_id) IS NOT NULL AS is_edit
    FROM listing_revisions r
    LEFT JOIN achievements a ON a.id = r.achievement_id
    LEFT JOIN demands d ON d.id = r.demand_id
    JOIN organisations o ON o.id = coalesce(a.organisation_id, d.organisation_id)
    WHERE ${where}
    ORDER BY r.submitted_at ASC, r.id
    LIMIT ${filter.pageSize} OFFSET ${(filter.page - 1) * filter.pageSize}`);
  const items = [];
  for (const r of rows.rows) {
    items.push({
      revisionId: r.revision_id,
      recordId: r.record_id,
      kind: r.kind,
      title: r.content.title,
      organisationName: r.organisation_name,
      number: r.number,
      isEdit: r.is_edit,
      submittedAt: new Date(r.submitted_at).toISOString(),
      qualityScore: listingQuality(r.kind, r.content).score,
      similar: await similarListings(db, r.kind, r.record_id, r.content.title),
    });
  }
  return { items, total: count.rows[0]?.total ?? 0 };
}

/** Up to five listings of the same kind, other than this one, with titles similar to `title`. */
export async function similarListings(db: DbOrTx, kind: ListingKind, excludeId: string, title: string) {
  const rows = await db.execute<{ id: string; title: string; organisation_name: string; status: string; similarity: number }>(sql`
    SELECT x.id, x.title, o.name AS organisation_name, x.status, similarity(x.title, ${title})::float8 AS similarity
    FROM ${TABLE[kind]} x JOIN organisations o ON o.id = x.organisation_id
    WHERE x.id <> ${excludeId} AND similarity(x.title, ${title}) > ${SIMILARITY_THRESHOLD}
    ORDER BY similarity DESC, x.id
    LIMIT 5`);
  return rows.rows.map((r) => ({
    id: r.id,
    kind,
    title: r.title,
    organisationName: r.organisation_name,
    status: r.status as ListingStatus,
    similarity: Number(r.similarity),
  }));
}
