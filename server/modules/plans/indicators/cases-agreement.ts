import { sql } from 'drizzle-orm';
import { defineIndicatorSource } from './registry.js';

/**
 * Matchmaking cases closed with an agreement (status `agreement`), dated by
 * their last change; credited to the side asked (the achievement's or
 * demand's holder). Task 7.
 */
defineIndicatorSource({
  name: 'cases-agreement',
  tables: ['match_cases'],
  records: () => sql`
    SELECT c.id, coalesce(a.title, d.title, '对接案例') AS title, c.counterpart_org_id AS organisation_id, c.updated_at AS at,
      1::bigint AS amount, '/console/cases/' || c.id AS link
    FROM match_cases c
    LEFT JOIN achievements a ON a.id = c.achievement_id
    LEFT JOIN demands d ON d.id = c.demand_id
    WHERE c.status = 'agreement'`,
});
