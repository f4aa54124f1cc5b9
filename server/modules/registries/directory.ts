import { sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { ConsoleItem, ConsoleQuery, DirectoryItem, DirectoryQuery, RegistryKind } from '../../../shared/contracts/registries.js';
import { type Actor, permissionsOf, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Db } from '../../db/client.js';
import { cleanQuery } from '../catalog/search/query-plan.js';
import { likePattern, snippet } from '../search/index.js';
import { boundedSearch } from './bounded-search.js';
import { KINDS } from './kinds.js';

const joinAll = (parts: SQL[]): SQL => (parts.length ? sql.join(parts, sql` AND `) : sql`TRUE`);

/**
 * The public directories: published entries only, searched like the catalog
 * (jieba tokens against the weighted search vector: AND, then OR, then a
 * fuzzy match on the name), with snippets of the summary. Counts are capped
 * and relevance ranks a bounded window of matches (bounded-search.ts), so a
 * query costs about the same at 100,000 entries as at 1,000.
 */
export async function searchDirectory(db: Db, kind: RegistryKind, input: z.output<typeof DirectoryQuery>) {
  const def = KINDS[kind];
  const table = sql.identifier(def.sqlName);
  const found = await boundedSearch(db, { table, base: [sql`l.status = 'published'`, ...def.filters(input)] }, cleanQuery(input.q), {
    limit: input.pageSize,
    offset: (input.page - 1) * input.pageSize,
  });
  const { plan } = found;
  const rows = found.ids.length
    ? (
        await db.execute<Record<string, unknown> & { id: string; name: string; body: string | null; organisation_name: string | null; published_at: Date }>(
          sql`SELECT l.id, l.name, ${def.bodyColumn} AS body, o.name AS organisation_name, l.published_at, ${def.facetColumns}
              FROM ${table} l LEFT JOIN organisations o ON o.id = l.organisation_id
              WHERE l.id IN (${sql.join(found.ids.map((id) => sql`${id}::uuid`), sql`, `)})`,
        )
      ).rows
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const items: z.input<typeof DirectoryItem>[] = found.ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return []; // withdrawn between the two reads
    return [
      {
        id: r.id,
        kind,
        name: r.name,
        nameHighlights: plan.tokens.length ? snippet(r.name, plan.tokens, { length: r.name.length + 10 }).highlights : [],
        snippet: snippet(r.body ?? '', plan.tokens, { length: 120 }),
        organisationName: r.organisation_name,
        facets: def.facets(r),
        publishedAt: new Date(r.published_at).toISOString(),
      },
    ];
  });
  return { items, total: found.total, totalCapped: found.capped, page: input.page, pageSize: input.pageSize, mode: plan.mode };
}

/**
 * The console list: the caller's own entries (their organisation's, or their
 * own broker profile), the bureau's review queue (a submission or change
 * awaiting review, oldest first), or every entry (bureau).
 */
export async function consoleList(db: Db, actor: Actor, kind: RegistryKind, input: z.output<typeof ConsoleQuery>) {
  const def = KINDS[kind];
  requireCan(actor, 'read', def.entity);
  const any = permissionsOf(actor).includes(`read:${def.entity}:any`);
  const table = sql.identifier(def.sqlName);
  const conds: SQL[] = [];
  if (input.scope === 'review' || input.scope === 'all') {
    if (!any) throw new AppError('FORBIDDEN');
    if (input.scope === 'review') conds.push(sql`r.status = 'submitted'`);
  } else if (kind === 'broker') {
    conds.push(sql`l.user_id = ${actor.userId}`);
  } else {
    if (!actor.organisationId) return { items: [], total: 0, page: input.page, pageSize: input.pageSize };
    conds.push(sql`l.organisation_id = ${actor.organisationId}`);
  }
  if (input.status) conds.push(sql`l.status = ${input.status}`);
  if (input.q?.trim()) conds.push(sql`l.name ILIKE ${likePattern(input.q.trim())}`);
  const where = joinAll(conds);
  const from = sql`${table} l LEFT JOIN registry_revisions r ON r.id = l.pending_revision_id LEFT JOIN organisations o ON o.id = l.organisation_id`;
  const order = input.scope === 'review' ? sql`r.submitted_at ASC, l.id` : sql`l.updated_at DESC, l.id`;
  const rows = await db.execute<{
    id: string;
    name: string;
    status: string;
    organisation_id: string | null;
    organisation_name: string | null;
    pending_status: string | null;
    submitted_at: Date | null;
    review_note: string | null;
    pending_name: string | null;
    updated_at: Date;
  }>(sql`SELECT l.id, l.name, l.status, l.organisation_id, o.name AS organisation_name, r.status AS pending_status, r.submitted_at, r.review_note,
      r.content->>'name' AS pending_name, l.updated_at
    FROM ${from} WHERE ${where} ORDER BY ${order} LIMIT ${input.pageSize} OFFSET ${(input.page - 1) * input.pageSize}`);
  const total = await db.execute<{ n: string }>(sql`SELECT count(*) AS n FROM ${from} WHERE ${where}`);
  const items: z.input<typeof ConsoleItem>[] = rows.rows.map((r) => ({
    id: r.id,
    kind,
    name: r.pending_name ?? r.name,
    status: r.status as z.input<typeof ConsoleItem>['status'],
    organisation: r.organisation_id ? { id: r.organisation_id, name: r.organisation_name ?? '' } : null,
    pendingStatus: r.pending_status as z.input<typeof ConsoleItem>['pendingStatus'],
    submittedAt: r.submitted_at ? new Date(r.submitted_at).toISOString() : null,
    reviewNote: r.review_note,
    updatedAt: new Date(r.updated_at).toISOString(),
  }));
  return { items, total: Number(total.rows[0]?.n ?? 0), page: input.page, pageSize: input.pageSize };
}
