import { sql } from 'drizzle-orm';
import { defineIndicatorSource } from './registry.js';

/**
 * Technology-transfer demonstration institutions by recognition level (task 6):
 * published service institutions recognised at the level, dated by the
 * recognition date (district midnight). Owned by the registries
 * (server/modules/registries).
 */
for (const level of ['provincial', 'municipal'] as const) {
  defineIndicatorSource({
    name: `transfer-institutions-${level}`,
    tables: ['institutions'],
    records: () => sql`
      SELECT i.id, i.name AS title, i.organisation_id, (i.recognised_on::timestamp AT TIME ZONE 'Asia/Shanghai') AS at, 1::bigint AS amount,
        '/directory/institutions/' || i.id AS link
      FROM institutions i WHERE i.status = 'published' AND i.recognition_level = ${level} AND i.recognised_on IS NOT NULL`,
  });
}
