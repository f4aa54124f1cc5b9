import { sql } from 'drizzle-orm';
import { defineIndicatorSource } from './registry.js';

/**
 * Major achievements transferred or transformed (重大科技成果, task 13): the
 * register in `major_achievements` (server/modules/contracts), counted when
 * confirmed, by `transformed_at` (the registration date of the contract that
 * transformed it, or the reviewer's decision date). Proposals and rejections
 * have no `transformed_at` and do not count.
 */
defineIndicatorSource({
  name: 'major-achievements',
  tables: ['major_achievements'],
  records: () => sql`
    SELECT m.id, m.title, m.organisation_id, m.transformed_at AS at, 1::bigint AS amount, '/console/major-achievements'::text AS link
    FROM major_achievements m WHERE m.transformed_at IS NOT NULL`,
});
