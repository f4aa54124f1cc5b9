import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { FeedbackBody, FeedbackExportQuery, ImpressionsBody } from '../../../shared/contracts/match-feedback.js';
import type { MatchDirection } from '../../../shared/contracts/matching.js';
import type { Actor } from '../../core/access.js';
import type { DbOrTx, Tx } from '../../db/client.js';
import { matchFeedback } from '../matchmaking/schema.js';
import { addDays } from '../projects/due-dates.js';

/** The kind of record a direction returns (and asks from). */
export function kindsOf(direction: MatchDirection): { query: 'achievement' | 'demand' | 'text'; result: 'achievement' | 'demand' | 'organisation' } {
  switch (direction) {
    case 'demand-achievements':
      return { query: 'demand', result: 'achievement' };
    case 'achievement-demands':
      return { query: 'achievement', result: 'demand' };
    case 'achievement-enterprises':
      return { query: 'achievement', result: 'organisation' };
    case 'achievement-similar':
      return { query: 'achievement', result: 'achievement' };
    case 'text-achievements':
      return { query: 'text', result: 'achievement' };
    case 'text-demands':
      return { query: 'text', result: 'demand' };
  }
}

/**
 * A user's judgement of one suggestion, with the query it answered (the
 * record or the text), its position and score: what offline evaluation needs
 * to turn feedback into relevance judgements. A later judgement of the same
 * pair by the same user is a new row (the export keeps only the latest).
 */
export async function recordFeedback(tx: Tx, actor: Actor, input: z.output<typeof FeedbackBody>, now: Date) {
  const kinds = kindsOf(input.direction);
  const [row] = await tx
    .insert(matchFeedback)
    .values({
      userId: actor.userId,
      direction: input.direction,
      queryKind: kinds.query,
      queryId: input.queryId ?? null,
      queryText: input.queryText ?? null,
      resultKind: kinds.result,
      resultId: input.resultId,
      rank: input.rank ?? null,
      score: input.score ?? null,
      useful: input.useful,
      createdAt: now,
    })
    .returning();
  return { id: row!.id, useful: row!.useful, createdAt: row!.createdAt.toISOString() };
}

/**
 * Lists of suggestions shown (the funnel's first stage), one row per list, all
 * in one INSERT. The industry of a list is its query record's section, read
 * in the same statement.
 */
export async function recordImpressions(db: DbOrTx, actor: Actor, input: z.output<typeof ImpressionsBody>, now: Date): Promise<number> {
  const lists = input.lists;
  const r = await db.execute(sql`
    INSERT INTO match_impressions (user_id, organisation_id, direction, query_id, result_ids, industry_section, created_at)
    SELECT ${actor.userId}::uuid, ${actor.organisationId}::uuid, v.direction, v.query_id,
           ARRAY(SELECT jsonb_array_elements_text(v.result_ids))::uuid[],
           coalesce((SELECT industry_section FROM demands WHERE id = v.query_id), (SELECT industry_section FROM achievements WHERE id = v.query_id)),
           ${now.toISOString()}::timestamptz
    FROM jsonb_to_recordset(${JSON.stringify(lists.map((l) => ({ direction: l.direction, query_id: l.queryId ?? null, result_ids: l.resultIds })))}::jsonb)
      AS v(direction text, query_id uuid, result_ids jsonb)`);
  return r.rowCount ?? lists.length;
}

export type FeedbackExportRow = {
  createdAt: string;
  userId: string | null;
  direction: string;
  queryKind: string | null;
  queryId: string | null;
  queryExternalId: string | null;
  queryText: string | null;
  resultKind: string;
  resultId: string;
  resultExternalId: string | null;
  rank: number | null;
  score: number | null;
  useful: boolean;
};

/**
 * Feedback for offline evaluation: the latest judgement per user, query and
 * result, with the records' external identifiers (imported records keep their
 * source's), oldest first. Dates are district dates, inclusive.
 */
export async function feedbackForExport(db: DbOrTx, q: z.output<typeof FeedbackExportQuery>): Promise<FeedbackExportRow[]> {
  const from = q.from ? sql`AND f.created_at >= ${`${q.from}T00:00:00+08:00`}::timestamptz` : sql``;
  const to = q.to ? sql`AND f.created_at < ${`${addDays(q.to, 1)}T00:00:00+08:00`}::timestamptz` : sql``;
  const r = await db.execute<Record<string, unknown>>(sql`
    SELECT * FROM (
      SELECT DISTINCT ON (f.user_id, f.direction, f.query_id, f.query_text, f.result_id) f.*,
        coalesce(qa.external_id, qd.external_id) AS query_external_id,
        coalesce(ra.external_id, rd.external_id) AS result_external_id
      FROM match_feedback f
      LEFT JOIN achievements qa ON qa.id = f.query_id AND f.query_kind = 'achievement'
      LEFT JOIN demands qd ON qd.id = f.query_id AND f.query_kind = 'demand'
      LEFT JOIN achievements ra ON ra.id = f.result_id AND f.result_kind = 'achievement'
      LEFT JOIN demands rd ON rd.id = f.result_id AND f.result_kind = 'demand'
      WHERE TRUE ${from} ${to}
      ORDER BY f.user_id, f.direction, f.query_id, f.query_text, f.result_id, f.created_at DESC, f.id DESC
    ) x ORDER BY created_at, id`);
  return r.rows.map((row) => ({
    createdAt: new Date(String(row.created_at)).toISOString(),
    userId: (row.user_id as string | null) ?? null,
    direction: String(row.direction),
    queryKind: (row.query_kind as string | null) ?? null,
    queryId: (row.query_id as string | null) ?? null,
    queryExternalId: (row.query_external_id as string | null) ?? null,
    queryText: (row.query_text as string | null) ?? null,
    resultKind: String(row.result_kind),
    resultId: String(row.result_id),
    resultExternalId: (row.result_external_id as string | null) ?? null,
    rank: row.rank === null ? null : Number(row.rank),
    score: row.score === null ? null : Number(row.score),
    useful: Boolean(row.useful),
  }));
}

const CSV_COLUMNS: (keyof FeedbackExportRow)[] = [
  'createdAt', 'userId', 'direction', 'queryKind', 'queryId', 'queryExternalId', 'queryText', 'resultKind', 'resultId', 'resultExternalId', 'rank', 'score', 'useful',
];

const csvCell = (v: unknown) => {
  if (v === null || v === undefined) return '';
  const s = String(v);
  // Leading = + - @ would be formulas in a spreadsheet.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function feedbackCsv(rows: FeedbackExportRow[]): string {
  return ['\ufeff' + CSV_COLUMNS.join(','), ...rows.map((r) => CSV_COLUMNS.map((c) => csvCell(r[c])).join(','))].join('\r\n') + '\r\n';
}

export function feedbackJsonl(rows: FeedbackExportRow[]): string {
  return rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length ? '\n' : '');
}

