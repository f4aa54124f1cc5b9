import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { FacilityRow } from './repository.js';
import { openMinutesInMonth } from './rules.js';

export type MonthUse = { month: number; usedMinutes: number; openMinutes: number; percent: number; feeFen: number; uses: number };

/**
 * Monthly utilisation of a facility in a year (district months): minutes
 * used (from usage records) against minutes open (from the opening hours),
 * with the fees and number of uses.
 */
export async function utilisation(db: DbOrTx, f: FacilityRow, year: number): Promise<MonthUse[]> {
  const r = await db.execute<{ month: number; minutes: string; fee: string; uses: number }>(sql`
    SELECT extract(month FROM started_at AT TIME ZONE 'Asia/Shanghai')::int AS month,
      sum(extract(epoch FROM ended_at - started_at) / 60)::bigint::text AS minutes, sum(fee_fen)::text AS fee, count(*)::int AS uses
    FROM facility_usage
    WHERE facility_id = ${f.id} AND extract(year FROM started_at AT TIME ZONE 'Asia/Shanghai') = ${year}
    GROUP BY 1`);
  const by = new Map(r.rows.map((x) => [x.month, x]));
  return Array.from({ length: 12 }, (_, i) => {
    const m = by.get(i + 1);
    const usedMinutes = m ? Number(m.minutes) : 0;
    const openMinutes = openMinutesInMonth(f.openingHours, year, i + 1);
    return {
      month: i + 1,
      usedMinutes,
      openMinutes,
      percent: openMinutes === 0 ? 0 : Math.round((usedMinutes / openMinutes) * 1000) / 10,
      feeFen: m ? Number(m.fee) : 0,
      uses: m?.uses ?? 0,
    };
  });
}
