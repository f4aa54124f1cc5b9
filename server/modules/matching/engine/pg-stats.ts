import { sql } from 'drizzle-orm';
import type { SqlExecutor, TableSpec } from './candidates.js';
import { charDfSql } from './chars.js';
import { CorpusStats } from './corpus-stats.js';
import type { Field } from './types.js';

const FIELD_OF_WEIGHT: Record<string, Field> = { A: 'title', B: 'keywords', C: 'body', D: 'indicators' };

/**
 * Builds corpus statistics from a table's stored search vectors (the rows
 * meeting `spec.where`): document frequency per lexeme and token count per
 * weight, in aggregate queries, plus the character pseudo-terms' (chars.ts). For start-up and after a dictionary
 * change; between rebuilds, keep the statistics current with add/remove.
 */
export async function corpusStatsFromTable(db: SqlExecutor, spec: Pick<TableSpec, 'table' | 'vectorColumn' | 'where'>): Promise<CorpusStats> {
  const table = sql.identifier(spec.table);
  const vec = sql.identifier(spec.vectorColumn ?? 'search_vector');
  const where = spec.where ?? sql`TRUE`;
  const n = await db.execute(sql`SELECT count(*)::int AS n FROM ${table} WHERE ${where} AND ${vec} IS NOT NULL`);
  const df = await db.execute(sql`SELECT u.lexeme, count(*)::int AS df FROM ${table}, unnest(${vec}) u WHERE ${where} GROUP BY u.lexeme`);
  const chars = await db.execute(charDfSql(table, vec, where));
  const lens = await db.execute(sql`SELECT w::text AS weight, count(*)::int AS n FROM ${table}, unnest(${vec}) u, unnest(u.weights) w WHERE ${where} GROUP BY w`);
  const lengthSum: Record<Field, number> = { title: 0, keywords: 0, body: 0, indicators: 0 };
  for (const r of lens.rows) {
    const f = FIELD_OF_WEIGHT[String(r.weight)];
    if (f) lengthSum[f] += Number(r.n);
  }
  return CorpusStats.fromJSON({
    n: Number(n.rows[0]?.n ?? 0),
    lengthSum,
    df: [...df.rows.map((r) => [String(r.lexeme), Number(r.df)] as [string, number]), ...chars.rows.map((r) => [String(r.term), Number(r.df)] as [string, number])],
  });
}
