import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { StatisticsView } from '../../../shared/contracts/commissioners.js';
import type { DbOrTx } from '../../db/client.js';

type Stats = z.infer<typeof StatisticsView>;

/**
 * Services in a range of district days (inclusive): per commissioner, per
 * township (of the village served) and per month: logs, minutes,
 * beneficiaries and distinct villages.
 */
export async function serviceStatistics(db: DbOrTx, from: string, to: string): Promise<Stats> {
  const range = sql`l.served_at >= (${from}::date::timestamp AT TIME ZONE 'Asia/Shanghai') AND l.served_at < ((${to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`;
  const agg = sql`count(*)::int AS logs, sum(l.minutes)::int AS minutes, sum(l.beneficiary_count)::int AS beneficiaries, count(DISTINCT l.village_id)::int AS villages`;
  type Row = { id: string; name: string; logs: number; minutes: number; beneficiaries: number; villages: number };
  const byC = await db.execute<Row>(sql`
    SELECT c.id, c.name, ${agg} FROM commissioner_service_logs l JOIN commissioners c ON c.id = l.commissioner_id
    WHERE ${range} GROUP BY c.id, c.name ORDER BY minutes DESC, c.name`);
  const byT = await db.execute<Row>(sql`
    SELECT t.id, t.name, ${agg} FROM commissioner_service_logs l JOIN villages v ON v.id = l.village_id JOIN organisations t ON t.id = v.township_id
    WHERE ${range} GROUP BY t.id, t.name, t.sort_order ORDER BY t.sort_order, t.name`);
  const byM = await db.execute<{ month: string; logs: number; minutes: number }>(sql`
    SELECT to_char(l.served_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month, count(*)::int AS logs, sum(l.minutes)::int AS minutes
    FROM commissioner_service_logs l WHERE ${range} GROUP BY 1 ORDER BY 1`);
  const stat = (r: Row) => ({ logs: r.logs, minutes: r.minutes, beneficiaries: r.beneficiaries, villages: r.villages });
  return {
    from,
    to,
    byCommissioner: byC.rows.map((r) => ({ commissioner: { id: r.id, name: r.name }, ...stat(r) })),
    byTownship: byT.rows.map((r) => ({ township: { id: r.id, name: r.name }, ...stat(r) })),
    byMonth: byM.rows,
  };
}
