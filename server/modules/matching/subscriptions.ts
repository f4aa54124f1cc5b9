import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  CreateSubscriptionBody,
  MatchFilters,
  MatchKind,
  SubscriptionView,
  UpdateSubscriptionBody,
} from '../../../shared/contracts/matching.js';
import type { Actor } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import { sha256 } from '../../core/tokens.js';
import type { Db, DbOrTx, Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { subscriptionHits, subscriptions } from '../matchmaking/schema.js';
import { settings } from '../system/schema.js';
import { listingForQuery, loadListingQuery, relevanceOf, runMatch } from './match-service.js';
import { notify } from '../notifications/notify.js';
import type { Explanation } from './engine/index.js';

export type SubscriptionRow = typeof subscriptions.$inferSelect;
type CreateInput = z.output<typeof CreateSubscriptionBody>;
type UpdateInput = z.output<typeof UpdateSubscriptionBody>;

// ---- unsubscribe tokens --------------------------------------------------

const KEY_SETTING = 'matching.unsubscribe_key';

/** The platform's key for unsubscribe links: random, made on first use, kept in settings. */
async function signingKey(db: DbOrTx): Promise<Buffer> {
  await db.insert(settings).values({ key: KEY_SETTING, value: randomBytes(32).toString('base64') }).onConflictDoNothing();
  const [row] = await db.select().from(settings).where(eq(settings.key, KEY_SETTING));
  return Buffer.from(String(row!.value), 'base64');
}

const mac = (key: Buffer, id: string) => createHmac('sha256', key).update(`unsubscribe:${id}`).digest('base64url');

/**
 * The unsubscribe token of a subscription: its id and an HMAC of it under the
 * platform's key. The same token every time (so every e-mail's link works),
 * never stored (only its SHA-256), and it cannot be made up for another id.
 */
export async function unsubscribeToken(db: DbOrTx, id: string): Promise<string> {
  return `${id}.${mac(await signingKey(db), id)}`;
}

/** The subscription a token names, or null when the token is not one we signed. */
async function subscriptionOfToken(db: DbOrTx, token: string): Promise<SubscriptionRow | null> {
  const [id, sig] = token.split('.');
  if (!id || !sig || !/^[0-9a-f-]{36}$/.test(id)) return null;
  const expected = Buffer.from(mac(await signingKey(db), id));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const [row] = await db.select().from(subscriptions).where(and(eq(subscriptions.id, id), eq(subscriptions.unsubscribeTokenHash, sha256(token))));
  return row ?? null;
}

// ---- the subscriber's operations -----------------------------------------

/** Which engine direction a subscription's interest and target make (null: not a pair we match). */
export function subscriptionDirection(sourceKind: string, target: MatchKind) {
  if (sourceKind === 'profile') return target === 'achievement' ? ('text-achievements' as const) : ('text-demands' as const);
  if (sourceKind === 'demand') return target === 'achievement' ? ('demand-achievements' as const) : null;
  return target === 'demand' ? ('achievement-demands' as const) : ('achievement-similar' as const);
}

export async function findOwnSubscription(db: DbOrTx, actor: Actor, id: string, opts: { forUpdate?: boolean } = {}): Promise<SubscriptionRow> {
  const q = db.select().from(subscriptions).where(eq(subscriptions.id, id)).limit(1);
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  // Someone else's subscription looks exactly like an unknown one.
  if (!row || row.userId !== actor.userId) throw new AppError('NOT_FOUND');
  return row;
}

/**
 * Save an interest: one of the listings the caller may read (their
 * organisation's, or any published one) or a free-text profile, with filters,
 * a threshold and the e-mail digest wanted.
 */
export async function createSubscription(tx: Tx, actor: Actor, input: CreateInput, now: Date): Promise<SubscriptionRow> {
  if (!actor.userId) throw new AppError('UNAUTHENTICATED');
  if (!subscriptionDirection(input.sourceKind, input.target)) {
    throw AppError.field('target', '需求只能订阅匹配的成果', 'A demand can only be matched with achievements');
  }
  if (input.sourceKind !== 'profile') {
    try {
      await listingForQuery(tx, actor, input.sourceKind, input.sourceId!);
    } catch (e) {
      if (e instanceof AppError && e.code === 'NOT_FOUND') throw AppError.field('sourceId', '找不到该成果或需求', 'No such achievement or demand');
      throw e;
    }
  }
  const id = crypto.randomUUID();
  const token = await unsubscribeToken(tx, id);
  const [row] = await tx
    .insert(subscriptions)
    .values({
      id,
      userId: actor.userId,
      target: input.target,
      sourceKind: input.sourceKind,
      sourceId: input.sourceKind === 'profile' ? null : input.sourceId!,
      profileText: input.sourceKind === 'profile' ? input.profileText! : null,
      filters: input.filters,
      threshold: input.threshold,
      emailDigest: input.emailDigest,
      unsubscribeTokenHash: sha256(token),
      createdAt: now,
    })
    .returning();
  await recordAudit(tx, actor, {
    action: 'match_subscription.create',
    entityType: 'match_subscription',
    entityId: id,
    changes: { target: input.target, sourceKind: input.sourceKind, sourceId: input.sourceId ?? null, threshold: input.threshold, emailDigest: input.emailDigest },
  });
  return row!;
}

export async function updateSubscription(tx: Tx, actor: Actor, id: string, input: UpdateInput): Promise<SubscriptionRow> {
  const row = await findOwnSubscription(tx, actor, id, { forUpdate: true });
  if (input.profileText !== undefined && row.sourceKind !== 'profile') {
    throw AppError.field('profileText', '只有自由文本订阅可以修改描述', 'Only a free-text subscription has a description to change');
  }
  const set: Partial<typeof subscriptions.$inferInsert> = {};
  if (input.filters !== undefined) set.filters = input.filters;
  if (input.threshold !== undefined) set.threshold = input.threshold;
  if (input.emailDigest !== undefined) set.emailDigest = input.emailDigest;
  if (input.active !== undefined) set.active = input.active;
  if (input.profileText !== undefined) set.profileText = input.profileText;
  const [updated] = await tx.update(subscriptions).set(set).where(eq(subscriptions.id, id)).returning();
  await recordAudit(tx, actor, {
    action: 'match_subscription.update',
    entityType: 'match_subscription',
    entityId: id,
    changes: Object.fromEntries(Object.entries(set).map(([k, v]) => [k, { before: (row as Record<string, unknown>)[k] ?? null, after: v }])),
  });
  return updated!;
}

export async function deleteSubscription(tx: Tx, actor: Actor, id: string): Promise<void> {
  const row = await findOwnSubscription(tx, actor, id, { forUpdate: true });
  await tx.delete(subscriptions).where(eq(subscriptions.id, id));
  await recordAudit(tx, actor, { action: 'match_subscription.delete', entityType: 'match_subscription', entityId: id, changes: { target: row.target, sourceKind: row.sourceKind } });
}

/**
 * The link in an e-mail: turns the subscription off without signing in.
 * Idempotent (a second click says the same). An unknown or forged token is
 * NOT_FOUND.
 */
export async function unsubscribeByToken(tx: Tx, actor: Actor, token: string): Promise<{ target: MatchKind; description: string }> {
  const row = await subscriptionOfToken(tx, token);
  if (!row) throw new AppError('NOT_FOUND');
  if (row.active || row.emailDigest !== 'none') {
    await tx.update(subscriptions).set({ active: false, emailDigest: 'none' }).where(eq(subscriptions.id, row.id));
    await recordAudit(tx, actor, {
      action: 'match_subscription.unsubscribe',
      entityType: 'match_subscription',
      entityId: row.id,
      changes: { active: { before: row.active, after: false }, emailDigest: { before: row.emailDigest, after: 'none' } },
    });
  }
  return { target: row.target as MatchKind, description: await describe(tx, row) };
}

/** What a subscription is about, for people (the listing's title or the profile's start). */
export async function describe(db: DbOrTx, row: SubscriptionRow): Promise<string> {
  if (row.sourceKind === 'profile') return (row.profileText ?? '').slice(0, 60);
  const table = sql.raw(row.sourceKind === 'achievement' ? 'achievements' : 'demands');
  const r = await db.execute<{ title: string }>(sql`SELECT title FROM ${table} WHERE id = ${row.sourceId}`);
  return r.rows[0]?.title ?? '';
}

export async function presentSubscriptions(db: DbOrTx, rows: SubscriptionRow[]): Promise<SubscriptionView[]> {
  if (rows.length === 0) return [];
  const counts = await db.execute<{ subscription_id: string; n: number }>(sql`
    SELECT subscription_id, count(*)::int AS n FROM match_subscription_hits
    WHERE subscription_id = ANY(${sql.param(rows.map((r) => r.id))}::uuid[]) GROUP BY 1`);
  const n = new Map(counts.rows.map((r) => [r.subscription_id, r.n]));
  const out: SubscriptionView[] = [];
  for (const row of rows) {
    out.push({
      id: row.id,
      target: row.target as MatchKind,
      sourceKind: row.sourceKind as SubscriptionView['sourceKind'],
      source: row.sourceId ? { id: row.sourceId, title: await describe(db, row) } : null,
      profileText: row.profileText,
      filters: (row.filters ?? {}) as MatchFilters,
      threshold: row.threshold,
      emailDigest: row.emailDigest as SubscriptionView['emailDigest'],
      active: row.active,
      hits: n.get(row.id) ?? 0,
      lastDigestAt: row.lastDigestAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
    });
  }
  return out;
}

export async function listOwnSubscriptions(db: DbOrTx, actor: Actor): Promise<SubscriptionRow[]> {
  return db.select().from(subscriptions).where(eq(subscriptions.userId, actor.userId!)).orderBy(desc(subscriptions.createdAt), subscriptions.id);
}

export async function listHits(db: DbOrTx, actor: Actor, id: string) {
  await findOwnSubscription(db, actor, id);
  const r = await db.execute<{ id: string; record_kind: string; record_id: string; score: number; explanation: Explanation; created_at: Date; title: string | null }>(sql`
    SELECT h.id, h.record_kind, h.record_id, h.score, h.explanation, h.created_at,
      coalesce(a.title, d.title) AS title
    FROM match_subscription_hits h
    LEFT JOIN achievements a ON a.id = h.record_id AND h.record_kind = 'achievement'
    LEFT JOIN demands d ON d.id = h.record_id AND h.record_kind = 'demand'
    WHERE h.subscription_id = ${id} ORDER BY h.created_at DESC, h.id LIMIT 200`);
  return r.rows.map((h) => ({
    id: h.id,
    kind: h.record_kind as MatchKind,
    recordId: h.record_id,
    title: h.title ?? '',
    relevance: Number(h.score),
    explanation: h.explanation,
    createdAt: new Date(h.created_at).toISOString(),
  }));
}

// ---- matching new publications -------------------------------------------

/** How far down a subscription's ranking a newly published record is looked for. */
export const HIT_POOL = 500;

/** A subscription as the publication check reads it (with its owner's organisation). */
export type ActiveSubscription = SubscriptionRow & { organisation_id: string | null };

/** The published record a check is about, or null when it is not (or no longer) matchable. */
export async function publishedRecord(db: DbOrTx, kind: MatchKind, id: string): Promise<{ title: string; organisation_id: string } | null> {
  const rec = await db.execute<{ title: string; organisation_id: string }>(sql`
    SELECT title, organisation_id FROM ${sql.raw(kind === 'achievement' ? 'achievements' : 'demands')}
    WHERE id = ${id} AND status = 'published' AND search_vector IS NOT NULL`);
  return rec.rows[0] ?? null;
}

/**
 * Records a hit and tells the subscriber in the app, in one transaction;
 * false when the record had already hit this subscription (a concurrent
 * check, or an edit re-publishing it).
 */
export async function recordHit(
  db: Db,
  s: Pick<SubscriptionRow, 'id' | 'userId'>,
  record: { kind: MatchKind; id: string; title: string },
  relevance: number,
  explanation: Explanation,
  now: Date,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const ins = await tx
      .insert(subscriptionHits)
      .values({ subscriptionId: s.id, recordKind: record.kind, recordId: record.id, score: relevance, explanation, createdAt: now })
      .onConflictDoNothing()
      .returning({ id: subscriptionHits.id });
    if (ins.length === 0) return false;
    await notify(tx, {
      userIds: [s.userId],
      kind: 'match.subscription_hit',
      params: { kind: record.kind, title: record.title, relevance: Math.round(relevance * 100), summaryZh: explanation.summary.zh, summaryEn: explanation.summary.en },
      link: `/${record.kind === 'achievement' ? 'achievements' : 'demands'}/${record.id}`,
    });
    return true;
  });
}

/**
 * A record was published (or changed while published): every active
 * subscription to its kind ranks it the way the API would (the subscription's
 * query over the whole published corpus, so its score is the same relative
 * score users see) and, when its relevance reaches the subscription's
 * threshold, records a hit and tells the subscriber in the app. A record
 * already hit is not announced again (an edit re-publishes it). The
 * subscriber's own organisation's records are skipped.
 *
 * This is the first version: one match query per active subscription. The
 * publication job uses the batched check (subscription-batch.ts), which gives
 * the same hits; this one stays as its reference (tests compare both, the
 * bench times both).
 */
export async function matchNewRecordOneByOne(db: Db, kind: MatchKind, id: string, now: Date): Promise<number> {
  const record = await publishedRecord(db, kind, id);
  if (!record) return 0;
  const subs = await activeSubscriptionsFor(db, kind, id);
  let hits = 0;
  for (const s of subs) {
    if (s.organisation_id && s.organisation_id === record.organisation_id) continue;
    const direction = subscriptionDirection(s.sourceKind, kind);
    if (!direction) continue;
    let source: { text: string } | { doc: Awaited<ReturnType<typeof listingForQuery>>['doc'] };
    if (s.sourceKind === 'profile') source = { text: s.profileText ?? '' };
    else {
      // The subscriber's view of the listing: their own organisation's even when not published.
      const q = await loadListingQuery(db, s.sourceKind as MatchKind, s.sourceId!, (row) => row.organisationId === s.organisation_id).catch(() => null);
      if (!q) continue;
      source = { doc: q.doc };
    }
    const matches = await runMatch(db, { target: kind, direction, source, filters: s.filters as MatchFilters, limit: HIT_POOL, now });
    const m = matches.find((x) => x.id === id);
    if (!m) continue;
    const relevance = relevanceOf(m.score, direction === 'text-demands' ? 'achievement-demands' : direction);
    if (relevance < s.threshold) continue;
    if (await recordHit(db, s, { kind, id, title: record.title }, relevance, m.explanation, now)) hits += 1;
  }
  return hits;
}

/** The active subscriptions of active users to a kind that this record has not hit yet. */
export async function activeSubscriptionsFor(db: DbOrTx, kind: MatchKind, id: string): Promise<ActiveSubscription[]> {
  const subs = await db.execute<ActiveSubscription>(sql`
    SELECT s.id, s.user_id AS "userId", s.target, s.source_kind AS "sourceKind", s.source_id AS "sourceId", s.profile_text AS "profileText",
      s.filters, s.threshold, u.organisation_id
    FROM match_subscriptions s JOIN users u ON u.id = s.user_id
    WHERE s.target = ${kind} AND s.active AND u.status = 'active'
      AND NOT EXISTS (SELECT 1 FROM match_subscription_hits h WHERE h.subscription_id = s.id AND h.record_kind = ${kind} AND h.record_id = ${id})`);
  return subs.rows;
}
