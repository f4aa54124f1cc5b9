import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { ListingKind } from '../../../../shared/contracts/catalog-content.js';
import { industryDivision, pillarIndustry, techField, techFieldTop } from '../../../../shared/taxonomies/index.js';
import { defineJob } from '../../../core/jobs/queue.js';
import type { DbOrTx } from '../../../db/client.js';
import { segmenter, tsvectorText, weightedTokens, type Segmenter, type WeightedText } from '../../search/index.js';
import { ensureDictionary } from './dictionary.js';
import { loadPublished, tableOf, type PublishedListing } from './published.js';

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** Names that make codes searchable: 甜高粱 finds a listing tagged 特色农产品 only through the tag's name. */
function codeNames(content: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const tag of strs(content.pillarTags)) {
    const p = pillarIndustry(tag);
    if (p) out.push(p.name, p.nameEn);
  }
  const field = str(content.techField);
  if (field) {
    const top = techFieldTop(field);
    const f = techField(field);
    if (top) out.push(top.name, top.nameEn);
    if (f && f !== top) out.push(f.name, f.nameEn);
  }
  const division = str(content.industryDivision);
  const d = division ? industryDivision(division) : undefined;
  if (d) out.push(d.name);
  return out;
}

/**
 * The weighted texts of a published listing: A title; B keywords, pillar-tag
 * and field names; C summary/problem and advantage/indicators; D scenarios,
 * commercial route, current state and the organisation's name.
 */
export function listingTexts(listing: Pick<PublishedListing, 'kind' | 'title' | 'content' | 'organisationName'>): WeightedText {
  const c = listing.content;
  const b = [...strs(c.keywords), ...codeNames(c)];
  if (listing.kind === 'achievement') {
    return {
      A: listing.title,
      B: b,
      C: [str(c.summary), str(c.advantage)],
      D: [str(c.applicationScenarios), str(c.commercialRoute), listing.organisationName],
    };
  }
  return { A: listing.title, B: b, C: [str(c.problem), str(c.indicators)], D: [str(c.currentState), listing.organisationName] };
}

/** tsvector input text for a listing with the given segmenter. */
export function listingVector(listing: Parameters<typeof listingTexts>[0], seg: Segmenter = segmenter()): string {
  return tsvectorText(weightedTokens(listingTexts(listing), seg));
}

/**
 * Writes the search vectors of several listings of one kind in one statement:
 * published ones get their vector and the segmenter's version, the others
 * (withdrawn, returned to draft, …) a NULL vector so they never match.
 * Returns how many were published.
 */
export async function indexListings(db: DbOrTx, kind: ListingKind, ids: readonly string[], seg: Segmenter = segmenter()): Promise<number> {
  if (ids.length === 0) return 0;
  const published = await loadPublished(db, kind, ids);
  const vectors = published.map((l) => listingVector(l, seg));
  const table = tableOf(kind);
  if (published.length > 0) {
    await db.execute(sql`
      UPDATE ${table} l SET search_vector = v.vec::tsvector, search_dictionary_version = ${seg.version}
      FROM unnest(${sql.param(published.map((l) => l.id))}::uuid[], ${sql.param(vectors)}::text[]) AS v(id, vec)
      WHERE l.id = v.id`);
  }
  const unpublished = ids.filter((id) => !published.some((l) => l.id === id));
  if (unpublished.length > 0) {
    await db.execute(sql`
      UPDATE ${table} SET search_vector = NULL, search_dictionary_version = NULL
      WHERE id = ANY(${sql.param(unpublished)}::uuid[]) AND search_vector IS NOT NULL`);
  }
  return published.length;
}

/**
 * Recomputes one listing's search vector from its published content (NULL
 * when it is not published). Idempotent; safe to run any number of times.
 */
export async function indexListing(db: DbOrTx, kind: ListingKind, id: string): Promise<void> {
  await indexListings(db, kind, [id]);
}

type IndexedHook = (db: DbOrTx, kind: ListingKind, id: string) => Promise<void>;
const indexedHooks: IndexedHook[] = [];

/** Run `hook` after the re-indexing job rewrote a listing's vector (matching: statistics and subscriptions). */
export function onListingIndexed(hook: IndexedHook): void {
  indexedHooks.push(hook);
}

/**
 * Recompute a listing's search vector after it was published or changed.
 * Enqueue it in the transaction that changed the listing: it runs after commit.
 */
export const reindexListingJob = defineJob({
  name: 'catalog.reindex_listing',
  payload: z.object({ kind: z.enum(['achievement', 'demand']), id: z.uuid() }),
  handler: async ({ kind, id }, { db }) => {
    // Another instance may have changed the admin terms since this one loaded them.
    await ensureDictionary(db);
    await indexListing(db, kind, id);
    for (const hook of indexedHooks) await hook(db, kind, id);
  },
});
