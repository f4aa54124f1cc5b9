import { sql } from 'drizzle-orm';
import { defineIndicatorSource } from './registry.js';

/**
 * Enterprise technology demands published, dated by publication (task 1,
 * 精准对接). A demand later closed (solved) or expired was still published and
 * counts; a withdrawn one does not.
 */
defineIndicatorSource({
  name: 'demands-published',
  tables: ['demands'],
  records: () => sql`
    SELECT d.id, d.title, d.organisation_id, d.published_at AS at, 1::bigint AS amount, '/demands/' || d.id AS link
    FROM demands d WHERE d.status IN ('published', 'closed', 'expired') AND d.published_at IS NOT NULL`,
});
