import { sql } from 'drizzle-orm';
import type { CoverageView } from '../../../shared/contracts/commissioners.js';
import type { DbOrTx } from '../../db/client.js';
import { townshipList } from './repository.js';

/**
 * Each poor village's share of 100% in hundredths of a percent: integers
 * summing to exactly 10000 (village k of n, ordered by id, gets
 * floor(10000k/n) − floor(10000(k−1)/n)). Coverage is the sum of the shares
 * of the villages covered, here and in the plan indicator, so both agree to
 * the hundredth and full coverage is exactly 100%.
 */
export const POOR_VILLAGE_SHARES = sql`
  SELECT v.id, v.name, v.township_id, v.poverty_flagged_year, v.poverty_lifted_year,
    (floor(10000 * (row_number() OVER w)::numeric / count(*) OVER w2) - floor(10000 * (row_number() OVER w - 1)::numeric / count(*) OVER w2))::bigint AS share
  FROM villages v WHERE v.poverty_flagged_year IS NOT NULL
  WINDOW w AS (ORDER BY v.id), w2 AS ()`;

/**
 * Poor villages (ever flagged 贫困村; lifted ones stay in the register: 脱贫
 * 不脱帮扶) by township, each covered when at least one village assignment
 * is in force on `day` (not cancelled, started, not ended).
 */
export async function computeCoverage(db: DbOrTx, day: string): Promise<CoverageView> {
  const towns = await townshipList(db);
  const rows = await db.execute<{ id: string; name: string; township_id: string; flagged: number | null; lifted: number | null; share: string; commissioners: { id: string; name: string }[] | null }>(sql`
    SELECT v.id, v.name, v.township_id, v.poverty_flagged_year AS flagged, v.poverty_lifted_year AS lifted, v.share::text AS share,
      (SELECT json_agg(json_build_object('id', c.id, 'name', c.name) ORDER BY c.name)
       FROM commissioner_assignments a JOIN commissioners c ON c.id = a.commissioner_id
       WHERE a.village_id = v.id AND a.target_kind = 'village' AND a.status = 'active'
         AND a.starts_on <= ${day}::date AND (a.ends_on IS NULL OR a.ends_on >= ${day}::date)) AS commissioners
    FROM (${POOR_VILLAGE_SHARES}) v
    ORDER BY v.name, v.id`);
  const townships = towns.map((t) => {
    const vs = rows.rows
      .filter((r) => r.township_id === t.id)
      .map((r) => ({ id: r.id, name: r.name, povertyFlaggedYear: r.flagged, povertyLiftedYear: r.lifted, covered: (r.commissioners ?? []).length > 0, commissioners: r.commissioners ?? [] }));
    return { id: t.id, name: t.name, poorVillages: vs.length, covered: vs.filter((v) => v.covered).length, villages: vs };
  });
  const poorVillages = rows.rows.length;
  const covered = townships.reduce((n, t) => n + t.covered, 0);
  const coverageBasisPoints = rows.rows.filter((r) => (r.commissioners ?? []).length > 0).reduce((n, r) => n + Number(r.share), 0);
  return { asOf: day, poorVillages, covered, coverageBasisPoints, townships };
}
