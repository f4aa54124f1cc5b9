import { sql } from 'drizzle-orm';
import { defineIndicatorSource } from './registry.js';

/** Achievements registered and published in the catalog, dated by publication (task 1). */
defineIndicatorSource({
  name: 'achievements-published',
  tables: ['achievements'],
  records: () => sql`
    SELECT a.id, a.title, a.organisation_id, a.published_at AS at, 1::bigint AS amount, '/achievements/' || a.id AS link
    FROM achievements a WHERE a.status = 'published' AND a.published_at IS NOT NULL`,
});
