import { sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { DirectoryMatchItem, ExpertFilters, InstitutionFilters } from '../../../shared/contracts/matching.js';
import { type Actor, can } from '../../core/access.js';
import type { Db } from '../../db/client.js';
import { regionPrefix } from '../catalog/search/filters.js';
import { buildQuery, loadMatchConfig, match, PgCandidateSource, weightsFor, type Match, type SqlExecutor, type TableSpec } from './engine/index.js';
import { CORPUS_KINDS, directoryStats, type DirectoryCorpus, type DirectoryKind } from './directory-index.js';
import { preferKnownTerms } from './match-service.js';

/**
 * Free text → service institutions and → people (brokers, review experts):
 * "describe your problem in a few sentences" against the directories
 * (docs/decisions/0022). Same engine as the catalog directions (retrieval in
 * PostgreSQL over matching's directory index, BM25F re-ranking, explanation);
 * the directories have no facets a free text states, so the score is the
 * text's and relevance is the score over the text weight.
 */

type Item = z.input<typeof DirectoryMatchItem>;

/** Whether an entry may be shown, from its own table at query time (never from the index). */
const VISIBLE: Record<DirectoryKind, SQL> = {
  institution: sql`(kind = 'institution' AND EXISTS (SELECT 1 FROM institutions i WHERE i.id = match_directory_docs.entry_id AND i.status = 'published'))`,
  broker: sql`(kind = 'broker' AND EXISTS (SELECT 1 FROM brokers b WHERE b.id = match_directory_docs.entry_id AND b.status = 'published'))`,
  expert: sql`(kind = 'expert' AND EXISTS (SELECT 1 FROM funding_experts e WHERE e.id = match_directory_docs.entry_id AND e.active = 1))`,
};

/**
 * The kinds a caller may see. The review experts are the funding programme's
 * pool, which that module shows only to the bureau (`read:funding_expert`):
 * the public finds brokers; bureau staff find experts too.
 */
export function visibleKinds(actor: Actor, corpus: DirectoryCorpus): DirectoryKind[] {
  return CORPUS_KINDS[corpus].filter((k) => k !== 'expert' || can(actor, 'read', 'funding_expert'));
}

function filterSql(corpus: DirectoryCorpus, f: InstitutionFilters | ExpertFilters | undefined): SQL[] {
  if (!f) return [];
  const out: SQL[] = [];
  if (corpus === 'institutions') {
    const g = f as InstitutionFilters;
    if (g.regionCodes) out.push(sql`region_code LIKE ANY(${sql.param(g.regionCodes.map((r) => `${regionPrefix(r)}%`))}::text[])`);
    if (g.institutionTypes) out.push(sql`types && ${sql.param(g.institutionTypes)}::text[]`);
    if (g.recognitionLevels) out.push(sql`level = ANY(${sql.param(g.recognitionLevels)}::text[])`);
  } else {
    const g = f as ExpertFilters;
    if (g.kinds) out.push(sql`kind = ANY(${sql.param(g.kinds)}::text[])`);
    if (g.brokerGrades) out.push(sql`(kind = 'broker' AND level = ANY(${sql.param(g.brokerGrades)}::text[]))`);
  }
  return out;
}

export type DirectoryMatchInput = { corpus: DirectoryCorpus; text: string; filters?: InstitutionFilters | ExpertFilters; limit: number; now: Date };

/** Retrieval and re-ranking over the directory index; only entries the caller may see are candidates. */
export async function runDirectoryMatch(db: Db, actor: Actor, input: DirectoryMatchInput): Promise<Match[]> {
  const kinds = visibleKinds(actor, input.corpus);
  if (kinds.length === 0) return [];
  const config = loadMatchConfig();
  const stats = await directoryStats(db, input.corpus, input.now);
  const regionCodes = input.corpus === 'institutions' ? (input.filters as InstitutionFilters | undefined)?.regionCodes : undefined;
  const query = buildQuery({ direction: 'text-achievements', source: { text: input.text }, filters: { regionCodes }, now: input.now.toISOString() }, { stats, config });
  const where = sql.join([sql`(${sql.join(kinds.map((k) => VISIBLE[k]), sql` OR `)})`, ...filterSql(input.corpus, input.filters)], sql` AND `);
  const spec: TableSpec = {
    table: 'match_directory_docs',
    idColumn: 'entry_id',
    titleColumn: 'name',
    columns: ['kind', 'external_id', 'region_code'],
    where,
    // No facets a free text states (the region is a filter): only the text scores, no freshness of an approval date.
    toDoc: (row) => ({ id: String(row.entry_id), externalId: (row.external_id as string | null) ?? null, fields: {}, facets: { regionCode: (row.region_code as string | null) ?? undefined } }),
  };
  const source = new PgCandidateSource(db as unknown as SqlExecutor, spec, config, stats);
  return match(preferKnownTerms(query, stats), source, stats, config, { limit: input.limit });
}

/** score → 0–1: over the text weight, the only factor a directory match has. */
export function directoryRelevance(score: number): number {
  const w = weightsFor(loadMatchConfig(), 'text-achievements').text;
  return w > 0 ? Math.min(1, score / w) : 0;
}

/** Where the web app shows an entry (review experts have no public page). */
const LINK: Partial<Record<DirectoryKind, (id: string) => string>> = {
  institution: (id) => `/directory/institutions/${id}`,
  broker: (id) => `/directory/brokers/${id}`,
};

/**
 * Names and details of the matched entries, in the matches' order, read from
 * the registries with the visibility checked once more. An institution shows
 * the services whose name or description has a matched word.
 */
export async function presentDirectoryMatches(db: Db, actor: Actor, corpus: DirectoryCorpus, matches: Match[]): Promise<Item[]> {
  if (matches.length === 0) return [];
  const ids = sql.param(matches.map((m) => m.id));
  const kinds = visibleKinds(actor, corpus);
  const byId = new Map<string, Omit<Item, 'id' | 'externalId' | 'score' | 'explanation' | 'relevance'>>();
  const servicesOf = new Map<string, { name: string; category: string; description: string }[]>();
  if (kinds.includes('institution')) {
    const r = await db.execute<{ id: string; name: string; types: string[]; recognition_level: string; region_code: string | null; organisation_id: string; org_name: string; services: { name: string; category: string; description: string }[] }>(sql`
      SELECT i.id, i.name, i.types, i.recognition_level, i.region_code, i.organisation_id, o.name AS org_name,
        coalesce((SELECT json_agg(json_build_object('name', s.name, 'category', s.category, 'description', s.description) ORDER BY s.created_at, s.id)
          FROM institution_services s WHERE s.institution_id = i.id AND s.active), '[]'::json) AS services
      FROM institutions i JOIN organisations o ON o.id = i.organisation_id
      WHERE i.id = ANY(${ids}::uuid[]) AND i.status = 'published'`);
    for (const x of r.rows) {
      servicesOf.set(x.id, x.services);
      byId.set(x.id, {
        kind: 'institution',
        title: x.name,
        organisation: { id: x.organisation_id, name: x.org_name },
        link: LINK.institution!(x.id),
        details: { types: x.types, recognitionLevel: x.recognition_level, regionCode: x.region_code },
      });
    }
  }
  if (kinds.includes('broker')) {
    const r = await db.execute<{ id: string; name: string; grade: string; expertise: string[]; organisation_id: string | null; org_name: string | null }>(sql`
      SELECT b.id, b.name, b.grade, b.expertise, b.organisation_id, o.name AS org_name
      FROM brokers b LEFT JOIN organisations o ON o.id = b.organisation_id
      WHERE b.id = ANY(${ids}::uuid[]) AND b.status = 'published'`);
    for (const x of r.rows) {
      byId.set(x.id, {
        kind: 'broker',
        title: x.name,
        organisation: x.organisation_id && x.org_name ? { id: x.organisation_id, name: x.org_name } : null,
        link: LINK.broker!(x.id),
        details: { grade: x.grade, expertise: x.expertise },
      });
    }
  }
  if (kinds.includes('expert')) {
    const r = await db.execute<{ id: string; name: string; field: string; title: string; unit: string; unit_org_id: string | null }>(sql`
      SELECT e.id, e.name, e.field, e.title, e.unit, e.unit_org_id FROM funding_experts e WHERE e.id = ANY(${ids}::uuid[]) AND e.active = 1`);
    for (const x of r.rows) {
      byId.set(x.id, {
        kind: 'expert',
        title: x.name,
        organisation: x.unit_org_id ? { id: x.unit_org_id, name: x.unit } : null,
        link: null,
        details: { field: x.field, professionalTitle: x.title, unit: x.unit },
      });
    }
  }
  return matches.flatMap((m) => {
    const entry = byId.get(m.id);
    if (!entry) return [];
    const terms = m.explanation.matchedTerms.map((t) => t.split('（')[0]!).filter(Boolean);
    const services = servicesOf.get(m.id);
    const details = services
      ? { ...entry.details, services: services.filter((s) => terms.some((t) => s.name.includes(t) || s.description.includes(t))).map(({ name, category }) => ({ name, category })) }
      : entry.details;
    return [{ ...entry, details, id: m.id, externalId: m.externalId, score: m.score, explanation: m.explanation, relevance: directoryRelevance(m.score) }];
  });
}
