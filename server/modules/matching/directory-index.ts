import { sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { segmenter, tsvectorText, weightedTokens, type WeightedText } from '../search/index.js';
import { corpusStatsFromTable, type CorpusStats, type SqlExecutor } from './engine/index.js';

/**
 * Matching's index of the directories (table `match_directory_docs`,
 * docs/decisions/0022): approved service institutions with the services they
 * offer, approved broker profiles, active review experts.
 *
 * The registries write their own vector in the approving transaction but
 * signal nothing after it, their services change without review (and are not
 * in that vector), and the experts table has no vector. So this index is
 * kept by comparison, not by hook: a kind's *signature* (count and sum of the
 * fingerprints of the rows that may be matched, one aggregate statement) is
 * checked at most once a second per process when someone matches, and by
 * `matching.sync_directory` every few minutes; when it differs, the rows whose
 * fingerprint changed are rebuilt (jieba, in TypeScript), the ones no longer
 * eligible deleted, and the corpus statistics recomputed (small tables: three
 * aggregates). No registry file is touched.
 *
 * Visibility never depends on this index: the match's SQL checks each
 * entry's own table (published, active) at query time, so a withdrawn
 * institution is gone from the results the moment it is withdrawn, even
 * before the next sync.
 */

export const DIRECTORY_KINDS = ['institution', 'broker', 'expert'] as const;
export type DirectoryKind = (typeof DIRECTORY_KINDS)[number];

/** What the two endpoints match against: institutions, or people (brokers and experts). */
export type DirectoryCorpus = 'institutions' | 'people';
export const CORPUS_KINDS: Record<DirectoryCorpus, readonly DirectoryKind[]> = { institutions: ['institution'], people: ['broker', 'expert'] };

export const INSTITUTION_TYPE_ZH: Record<string, string> = {
  trading: '技术交易',
  evaluation: '评估评价',
  financing: '投融资',
  consulting: '咨询',
  legal: '法律服务',
  ip_agency: '知识产权代理',
  testing: '检验检测',
};
const LEVEL_ZH: Record<string, string> = { national: '国家级技术转移示范机构', provincial: '省级技术转移示范机构', municipal: '市级技术转移示范机构' };
const GRADE_ZH: Record<string, string> = { junior: '初级技术经纪人', intermediate: '中级技术经纪人', senior: '高级技术经理人' };

/**
 * The rows of a kind that may be matched, with everything their vector and
 * facets are built from (so `md5(row)` is a fingerprint of exactly that).
 */
const SOURCE: Record<DirectoryKind, SQL> = {
  institution: sql`SELECT i.id, i.external_id, i.name, i.types, i.summary, i.address, i.region_code, i.recognition_level AS level, o.name AS org_name,
      coalesce((SELECT json_agg(json_build_object('category', s.category, 'name', s.name, 'description', s.description) ORDER BY s.created_at, s.id)
        FROM institution_services s WHERE s.institution_id = i.id AND s.active), '[]'::json) AS services
    FROM institutions i LEFT JOIN organisations o ON o.id = i.organisation_id
    WHERE i.status = 'published'`,
  broker: sql`SELECT b.id, b.external_id, b.name, b.grade AS level, b.expertise, b.bio, o.name AS org_name
    FROM brokers b LEFT JOIN organisations o ON o.id = b.organisation_id
    WHERE b.status = 'published'`,
  expert: sql`SELECT e.id, NULL::text AS external_id, e.name, e.field, e.title, e.unit
    FROM funding_experts e WHERE e.active = 1`,
};

type SourceRow = Record<string, unknown> & { id: string; external_id: string | null; name: string };

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x !== '') : []);
type Service = { category: string; name: string; description: string };
const servicesOf = (v: unknown): Service[] => (Array.isArray(v) ? (v as Service[]) : []);

/** The weighted texts of an entry: A name; B types, services, expertise, field; C descriptions; D address, unit, organisation. */
export function directoryTexts(kind: DirectoryKind, r: SourceRow): WeightedText {
  if (kind === 'institution') {
    const services = servicesOf(r.services);
    return {
      A: r.name,
      B: [...strs(r.types).map((t) => INSTITUTION_TYPE_ZH[t] ?? t), LEVEL_ZH[String(r.level)] ?? null, ...services.map((s) => s.name), ...services.map((s) => INSTITUTION_TYPE_ZH[s.category] ?? null)],
      C: [str(r.summary), ...services.map((s) => str(s.description))],
      D: [str(r.address), str(r.org_name)],
    };
  }
  if (kind === 'broker') return { A: r.name, B: [...strs(r.expertise), GRADE_ZH[String(r.level)] ?? null], C: [str(r.bio)], D: [str(r.org_name)] };
  return { A: r.name, B: [str(r.field), str(r.title)], D: [str(r.unit)] };
}

/** Count and fingerprint sum of a kind's matchable rows: equal signatures, nothing to do. */
async function signature(db: DbOrTx, kind: DirectoryKind): Promise<string> {
  const r = await db.execute<{ n: number; s: string }>(sql`
    SELECT count(*)::int AS n, coalesce(sum(hashtext(md5(row_to_json(x)::text))), 0)::text AS s FROM (${SOURCE[kind]}) x`);
  return `${r.rows[0]?.n ?? 0}:${r.rows[0]?.s ?? '0'}`;
}

/**
 * Brings a kind's rows of the index in step with its registry: new and
 * changed entries (re)built, entries no longer eligible removed. Returns how
 * many rows were written and removed. One sync per kind at a time.
 */
export async function syncDirectory(db: Db, kind: DirectoryKind, now: Date): Promise<{ written: number; removed: number }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`match_directory:${kind}`}))`);
    const current = await tx.execute<{ id: string; fp: string }>(sql`SELECT x.id, md5(row_to_json(x)::text) AS fp FROM (${SOURCE[kind]}) x`);
    const indexed = await tx.execute<{ id: string; fp: string }>(sql`SELECT entry_id AS id, fingerprint AS fp FROM match_directory_docs WHERE kind = ${kind}`);
    const have = new Map(indexed.rows.map((r) => [r.id, r.fp]));
    const wanted = new Map(current.rows.map((r) => [r.id, r.fp]));
    const changed = current.rows.filter((r) => have.get(r.id) !== r.fp).map((r) => r.id);
    const gone = [...have.keys()].filter((id) => !wanted.has(id));
    if (gone.length > 0) {
      await tx.execute(sql`DELETE FROM match_directory_docs WHERE kind = ${kind} AND entry_id = ANY(${sql.param(gone)}::uuid[])`);
    }
    const seg = segmenter();
    for (let i = 0; i < changed.length; i += 500) {
      const ids = changed.slice(i, i + 500);
      const rows = await tx.execute<SourceRow & { fp: string }>(sql`SELECT x.*, md5(row_to_json(x)::text) AS fp FROM (${SOURCE[kind]}) x WHERE x.id = ANY(${sql.param(ids)}::uuid[])`);
      if (rows.rows.length === 0) continue;
      const values = rows.rows.map(
        (r) =>
          sql`(${kind}, ${r.id}::uuid, ${r.external_id}, ${r.name}, ${tsvectorText(weightedTokens(directoryTexts(kind, r), seg))}::tsvector, ${str(r.region_code)}, ${sql.param(strs(r.types))}::text[], ${str(r.level)}, ${r.fp}, ${now})`,
      );
      await tx.execute(sql`
        INSERT INTO match_directory_docs (kind, entry_id, external_id, name, search_vector, region_code, types, level, fingerprint, indexed_at)
        VALUES ${sql.join(values, sql`, `)}
        ON CONFLICT (kind, entry_id) DO UPDATE SET external_id = excluded.external_id, name = excluded.name, search_vector = excluded.search_vector,
          region_code = excluded.region_code, types = excluded.types, level = excluded.level, fingerprint = excluded.fingerprint, indexed_at = excluded.indexed_at`);
    }
    return { written: changed.length, removed: gone.length };
  });
}

type Cached = { signature: string; stats: CorpusStats; checkedAt: number };
const caches = new WeakMap<object, Map<DirectoryCorpus, Cached>>();
/** How long a process trusts its view of a corpus before checking the signatures again (ms). */
const RECHECK_MS = 1000;

/**
 * The corpus statistics of a corpus, after making sure its index is in step
 * with the registries (see the file comment). Cheap when nothing changed: one
 * aggregate per kind at most once a second.
 */
export async function directoryStats(db: Db, corpus: DirectoryCorpus, now: Date): Promise<CorpusStats> {
  let byCorpus = caches.get(db);
  if (!byCorpus) caches.set(db, (byCorpus = new Map()));
  const hit = byCorpus.get(corpus);
  if (hit && Date.now() - hit.checkedAt < RECHECK_MS) return hit.stats;
  const kinds = CORPUS_KINDS[corpus];
  const sigs: string[] = [];
  for (const k of kinds) sigs.push(await signature(db, k));
  const sig = sigs.join('/');
  if (hit && hit.signature === sig) {
    hit.checkedAt = Date.now();
    return hit.stats;
  }
  for (const k of kinds) await syncDirectory(db, k, now);
  const stats = await corpusStatsFromTable(db as unknown as SqlExecutor, { table: 'match_directory_docs', where: sql`kind = ANY(${sql.param([...kinds])}::text[])` });
  byCorpus.set(corpus, { signature: sig, stats, checkedAt: Date.now() });
  return stats;
}

/** Forget the cached statistics (tests). */
export function invalidateDirectoryStats(db: object): void {
  caches.delete(db);
}
