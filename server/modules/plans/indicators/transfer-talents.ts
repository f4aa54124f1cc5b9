import { sql } from 'drizzle-orm';
import { defineIndicatorSource } from './registry.js';

/**
 * Professional technology-transfer talents by level (task 11): recognitions
 * the bureau recorded on broker profiles, dated 1 January of the recognition
 * year (district time). Owned by the registries.
 */
for (const level of ['provincial', 'municipal'] as const) {
  defineIndicatorSource({
    name: `transfer-talents-${level}`,
    tables: ['talent_recognitions', 'brokers'],
    records: () => sql`
      SELECT t.id, b.name AS title, b.organisation_id, (make_date(t.year, 1, 1)::timestamp AT TIME ZONE 'Asia/Shanghai') AS at, 1::bigint AS amount,
        '/directory/brokers/' || b.id AS link
      FROM talent_recognitions t JOIN brokers b ON b.id = t.broker_id WHERE t.level = ${level}`,
  });
}
