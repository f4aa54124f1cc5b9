import { sql } from 'drizzle-orm';
import { POOR_VILLAGE_SHARES } from '../../commissioners/coverage.js';
import { defineIndicatorSource } from './registry.js';

/**
 * Poor villages with a tech commissioner (task 16), in hundredths of a
 * percent. Coverage is a level, but sources are sums of amounts over a time
 * range; so the records are the changes of coverage: when a poor village
 * becomes covered (its share of 100%, see POOR_VILLAGE_SHARES) and when it
 * stops being covered (minus its share). The indicator is cumulative, so the
 * sum from the plan's start to a date is the coverage on that date, and the
 * drill-down lists the villages that became covered (and any that lost their
 * commissioner), each with its share. Overlapping assignments of one village
 * are merged (range_agg), so a second commissioner does not count twice.
 * Periods begun before the first plan's start are dated at that start, so a
 * period that began and ended before it nets to zero.
 * Record ids are stable version-4-shaped UUIDs derived from village, kind and day.
 * See docs/decisions (commissioner coverage as a cumulative sum).
 */
defineIndicatorSource({
  name: 'commissioner-village-coverage',
  tables: ['villages', 'commissioner_assignments', 'commissioners', 'plans'],
  records: () => sql`
    WITH poor AS (${POOR_VILLAGE_SHARES}),
    spans AS (
      SELECT a.village_id, unnest(range_agg(daterange(a.starts_on, a.ends_on, '[]'))) AS r
      FROM commissioner_assignments a WHERE a.target_kind = 'village' AND a.status = 'active' GROUP BY a.village_id
    ),
    floor_date AS (SELECT coalesce(min(start_date), '1970-01-01'::date) AS d FROM plans),
    events AS (
      SELECT s.village_id, lower(s.r) AS day, 1 AS sign, 'start' AS kind FROM spans s
      UNION ALL
      SELECT s.village_id, upper(s.r) AS day, -1 AS sign, 'end' AS kind FROM spans s WHERE NOT upper_inf(s.r)
    )
    SELECT (substr(e.h, 1, 8) || '-' || substr(e.h, 9, 4) || '-4' || substr(e.h, 14, 3) || '-8' || substr(e.h, 18, 3) || '-' || substr(e.h, 21, 12))::uuid AS id,
      CASE WHEN e.sign > 0 THEN '科技特派员覆盖：' ELSE '覆盖结束：' END || t.name || p.name AS title,
      p.township_id AS organisation_id,
      (greatest(e.day, (SELECT d FROM floor_date))::timestamp AT TIME ZONE 'Asia/Shanghai') AS at,
      (e.sign * p.share)::bigint AS amount,
      '/console/commissioners/coverage'::text AS link
    FROM (SELECT ev.*, md5(ev.village_id::text || ev.kind || ev.day::text) AS h FROM events ev) e JOIN poor p ON p.id = e.village_id JOIN organisations t ON t.id = p.township_id`,
});
