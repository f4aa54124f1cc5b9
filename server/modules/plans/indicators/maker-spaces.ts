import { sql } from 'drizzle-orm';
import { defineIndicatorSource } from './registry.js';

/**
 * Maker spaces by level (task 9): published maker spaces (众创空间, including
 * rural star spaces 星创天地) recognised at the level, dated by the recognition
 * date. The plan's municipal target names specialised (专业化) maker spaces, so
 * the municipal count takes professional ones only. Owned by the registries.
 */
defineIndicatorSource({
  name: 'maker-spaces-provincial',
  tables: ['spaces'],
  records: () => sql`
    SELECT s.id, s.name AS title, s.organisation_id, (s.recognised_on::timestamp AT TIME ZONE 'Asia/Shanghai') AS at, 1::bigint AS amount,
      '/directory/spaces/' || s.id AS link
    FROM spaces s WHERE s.status = 'published' AND s.kind IN ('maker_space', 'star_space') AND s.level = 'provincial' AND s.recognised_on IS NOT NULL`,
});
defineIndicatorSource({
  name: 'maker-spaces-municipal',
  tables: ['spaces'],
  records: () => sql`
    SELECT s.id, s.name AS title, s.organisation_id, (s.recognised_on::timestamp AT TIME ZONE 'Asia/Shanghai') AS at, 1::bigint AS amount,
      '/directory/spaces/' || s.id AS link
    FROM spaces s WHERE s.status = 'published' AND s.kind IN ('maker_space', 'star_space') AND s.level = 'municipal'
      AND s.specialisation = 'professional' AND s.recognised_on IS NOT NULL`,
});
