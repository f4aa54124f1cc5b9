import { sql } from 'drizzle-orm';
import { defineIndicatorSource } from './registry.js';

/**
 * Innovation platforms by level (task 3): published platforms (key labs,
 * engineering centres, new R&D institutions, …) recognised at the level,
 * dated by the recognition date; a platform without a date is not counted.
 * Owned by the registries.
 */
const byLevel = (level: 'provincial' | 'national') => () => sql`
  SELECT p.id, p.name AS title, p.organisation_id, (p.recognised_on::timestamp AT TIME ZONE 'Asia/Shanghai') AS at, 1::bigint AS amount,
    '/directory/platforms/' || p.id AS link
  FROM platforms p WHERE p.status = 'published' AND p.level = ${level} AND p.recognised_on IS NOT NULL`;

defineIndicatorSource({ name: 'innovation-platforms-provincial', tables: ['platforms'], records: byLevel('provincial') });
defineIndicatorSource({ name: 'innovation-platforms-national', tables: ['platforms'], records: byLevel('national') });
