import { sql } from 'drizzle-orm';
import { defineIndicatorSource } from './registry.js';

/**
 * Obligations of fiscally funded projects (achievements registered, 科技报告
 * handed in) accepted by the bureau, dated by acceptance. Task 1.
 */
defineIndicatorSource({
  name: 'obligations-accepted',
  tables: ['project_obligations', 'funded_projects'],
  records: () => sql`
    SELECT o.id, p.title || ' — ' || o.title AS title, p.undertaking_org_id AS organisation_id, o.reviewed_at AS at,
      1::bigint AS amount, '/console/projects/' || p.id AS link
    FROM project_obligations o JOIN funded_projects p ON p.id = o.project_id
    WHERE o.status = 'accepted' AND o.reviewed_at IS NOT NULL`,
});
