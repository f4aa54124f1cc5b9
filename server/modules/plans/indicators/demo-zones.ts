import { sql } from 'drizzle-orm';
import { defineIndicatorSource } from './registry.js';

/**
 * Demonstration zones and bases (task 5), for plans that choose a computed
 * source: demo-zones-municipal counts municipal zones built or recognised
 * (dated by the later of the two dates); demo-zones-provincial-cultivating
 * counts provincial zones in any stage (dated from cultivation). The
 * Liangzhou plan file still marks these indicators as reported. Owned by the
 * registries.
 */
defineIndicatorSource({
  name: 'demo-zones-municipal',
  tables: ['demo_zones'],
  records: () => sql`
    SELECT z.id, z.name AS title, z.organisation_id, (coalesce(z.recognised_on, z.built_on)::timestamp AT TIME ZONE 'Asia/Shanghai') AS at, 1::bigint AS amount,
      '/directory/demo-zones/' || z.id AS link
    FROM demo_zones z WHERE z.status = 'published' AND z.kind = 'zone' AND z.level = 'municipal' AND z.stage IN ('built', 'recognised')
      AND coalesce(z.recognised_on, z.built_on) IS NOT NULL`,
});
defineIndicatorSource({
  name: 'demo-zones-provincial-cultivating',
  tables: ['demo_zones'],
  records: () => sql`
    SELECT z.id, z.name AS title, z.organisation_id, (coalesce(z.cultivating_since, z.built_on, z.recognised_on, z.published_at::date)::timestamp AT TIME ZONE 'Asia/Shanghai') AS at,
      1::bigint AS amount, '/directory/demo-zones/' || z.id AS link
    FROM demo_zones z WHERE z.status = 'published' AND z.kind = 'zone' AND z.level = 'provincial'`,
});
