import { sql } from 'drizzle-orm';
import { defineIndicatorSource } from './registry.js';

/**
 * Major achievements transferred or transformed (重大科技成果, task 13). The
 * register of major achievements comes with the trading issue; until its table
 * `major_achievements` exists, this source is absent and the indicator is
 * reported by the units. The columns below are the ones that issue is asked
 * to provide; align them when it lands.
 */
defineIndicatorSource({
  name: 'major-achievements',
  tables: ['major_achievements'],
  records: () => sql`
    SELECT m.id, m.title, m.organisation_id, m.transformed_at AS at, 1::bigint AS amount, NULL::text AS link
    FROM major_achievements m WHERE m.transformed_at IS NOT NULL`,
});
