import { desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { RebuildView } from '../../../../shared/contracts/catalog-public.js';
import type { Actor } from '../../../core/access.js';
import { AppError } from '../../../core/errors.js';
import { defineJob, enqueue } from '../../../core/jobs/queue.js';
import type { Db, DbOrTx } from '../../../db/client.js';
import { withTx } from '../../../db/tx.js';
import { recordAudit } from '../../audit/record-audit.js';
import { segmenter } from '../../search/index.js';
import { indexRebuilds } from '../schema.js';
import { ensureDictionary } from './dictionary.js';
import { indexListings } from './index-listing.js';
import { tableOf } from './published.js';

/** Listings re-indexed per statement: large enough to amortise round trips, small enough for steady progress. */
export const REBUILD_BATCH = 500;
// Serialises "is a rebuild running? else start one" across requests and instances.
const REBUILD_LOCK = 7_301_201;

type RebuildRow = typeof indexRebuilds.$inferSelect;

export function presentRebuild(r: RebuildRow): RebuildView {
  return {
    id: r.id,
    status: r.status as RebuildView['status'],
    dictionaryVersion: r.dictionaryVersion,
    total: r.total,
    done: r.done,
    error: r.error,
    createdAt: r.createdAt.toISOString(),
    startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}

/** The latest rebuild, or null when none ever ran. */
export async function latestRebuild(db: DbOrTx): Promise<RebuildRow | null> {
  const [row] = await db.select().from(indexRebuilds).orderBy(desc(indexRebuilds.createdAt)).limit(1);
  return row ?? null;
}

/**
 * Starts a rebuild of every published listing's search vector (after a
 * dictionary change). Only one at a time: INVALID_STATE while one is queued
 * or running. The work runs in a job, after commit.
 */
export async function startIndexRebuild(db: Db, actor: Actor, now: Date): Promise<RebuildRow> {
  const version = await ensureDictionary(db);
  return withTx(db, async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${REBUILD_LOCK})`);
    const active = await tx.execute(sql`SELECT 1 FROM index_rebuilds WHERE status IN ('queued', 'running') LIMIT 1`);
    if (active.rows.length > 0) {
      throw new AppError('INVALID_STATE', { message: { zh: '已有索引重建正在进行。', en: 'An index rebuild is already in progress.' } });
    }
    const [row] = await tx.insert(indexRebuilds).values({ dictionaryVersion: version, requestedBy: actor.userId, createdAt: now }).returning();
    await enqueue(tx, rebuildIndexJob, { rebuildId: row!.id });
    await recordAudit(tx, actor, { action: 'search_index.rebuild', entityType: 'index_rebuild', entityId: row!.id, changes: { dictionaryVersion: version } });
    return row!;
  });
}

async function countPublished(db: DbOrTx): Promise<number> {
  const r = await db.execute<{ n: string }>(sql`
    SELECT (SELECT count(*) FROM achievements WHERE status = 'published') + (SELECT count(*) FROM demands WHERE status = 'published') AS n`);
  return Number(r.rows[0]?.n ?? 0);
}

/**
 * Re-indexes every published listing in keyset batches, writing progress to
 * the rebuild row after each batch; clears vectors left on unpublished ones.
 */
export async function runIndexRebuild(db: Db, rebuildId: string, now: () => Date, heartbeat: () => Promise<void> = async () => {}): Promise<void> {
  const [row] = await db.select().from(indexRebuilds).where(eq(indexRebuilds.id, rebuildId));
  if (!row || row.status === 'done') return;
  await ensureDictionary(db);
  const seg = segmenter();
  const total = await countPublished(db);
  await db.update(indexRebuilds).set({ status: 'running', startedAt: now(), total, done: 0, dictionaryVersion: seg.version }).where(eq(indexRebuilds.id, rebuildId));
  try {
    let done = 0;
    for (const kind of ['achievement', 'demand'] as const) {
      const table = tableOf(kind);
      await db.execute(sql`UPDATE ${table} SET search_vector = NULL, search_dictionary_version = NULL WHERE status <> 'published' AND search_vector IS NOT NULL`);
      let after = '00000000-0000-0000-0000-000000000000';
      for (;;) {
        const ids = await db.execute<{ id: string }>(sql`
          SELECT id FROM ${table} WHERE status = 'published' AND id > ${after}::uuid ORDER BY id LIMIT ${REBUILD_BATCH}`);
        if (ids.rows.length === 0) break;
        done += await indexListings(db, kind, ids.rows.map((r) => r.id), seg);
        after = ids.rows[ids.rows.length - 1]!.id;
        await db.update(indexRebuilds).set({ done, total: Math.max(total, done) }).where(eq(indexRebuilds.id, rebuildId));
        await heartbeat();
      }
    }
    await db.update(indexRebuilds).set({ status: 'done', done, finishedAt: now() }).where(eq(indexRebuilds.id, rebuildId));
  } catch (e) {
    await db
      .update(indexRebuilds)
      .set({ status: 'failed', error: e instanceof Error ? e.message.slice(0, 500) : 'unknown error', finishedAt: now() })
      .where(eq(indexRebuilds.id, rebuildId));
    throw e;
  }
}

/** Runs a rebuild started by startIndexRebuild. Not retried: a failed rebuild is visible and can be started again. */
export const rebuildIndexJob = defineJob({
  name: 'catalog.rebuild_search_index',
  payload: z.object({ rebuildId: z.uuid() }),
  maxAttempts: 1,
  handler: async ({ rebuildId }, { db, now, heartbeat }) => runIndexRebuild(db, rebuildId, now, heartbeat),
});
