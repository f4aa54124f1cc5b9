/**
 * Benchmark records inside the platform's own tables (achievements published
 * with an approved revision, as the catalog leaves them), for the benches that
 * run the platform's matching service rather than the engine on bench tables:
 * match-freshness and match-subscriptions. Texts from ../shared/data/zhibei,
 * benchmark only, never product data.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Db } from '../../server/db/client.js';

const DATA = path.resolve(import.meta.dirname, '../../../shared/data');

export type Text = { title: string; summary: string };

const lines = (file: string) => readFileSync(path.join(DATA, file), 'utf8').split('\n').filter((l) => l.trim());

/** The zhibei achievements with an abstract of 40 characters or more, cut to the catalog's lengths. */
export function achievementTexts(): Text[] {
  return lines('zhibei/achievements.jsonl')
    .map((l) => JSON.parse(l) as { title: string; abstract: string })
    .filter((r) => r.title && r.abstract && r.abstract.length >= 40)
    .map((r) => ({ title: r.title.slice(0, 100), summary: r.abstract.trim().slice(0, 4000) }));
}

/** The zhibei demands (dev half of the source) with a description of 20 characters or more. */
export function demandTexts(): Text[] {
  return lines('zhibei/demands_dev.jsonl')
    .map((l) => JSON.parse(l) as { title: string; description: string })
    .filter((r) => r.title && r.description && r.description.length >= 20)
    .map((r) => ({ title: r.title.slice(0, 100), summary: r.description.trim().slice(0, 2000) }));
}

/** An achievement's revision content for a text (section C, TRL 6, transfer, negotiable price). */
export const achievementContent = (t: Text) => ({ title: t.title, summary: t.summary, keywords: [], industrySection: 'C', trl: 6, transferModes: ['transfer'], price: { kind: 'negotiable' } });

/** Published achievements in bulk (three statements, any number of texts); not yet indexed. */
export async function insertPublishedAchievements(db: Db, orgId: string, texts: Text[]): Promise<string[]> {
  const r = await db.execute<{ id: string }>(sql`
    INSERT INTO achievements (organisation_id, status, title, summary, industry_section, trl, transfer_modes, price_negotiable, published_at)
    SELECT ${orgId}, 'published', title, summary, 'C', 6, ARRAY['transfer'], true, now()
    FROM unnest(${sql.param(texts.map((t) => t.title))}::text[], ${sql.param(texts.map((t) => t.summary))}::text[]) AS s(title, summary)
    RETURNING id`);
  // The revisions after the rows (one statement cannot update the rows it inserts).
  await db.execute(sql`
    INSERT INTO listing_revisions (kind, achievement_id, number, status, content)
    SELECT 'achievement', a.id, 1, 'approved',
      jsonb_build_object('title', a.title, 'summary', a.summary, 'keywords', '[]'::jsonb, 'industrySection', 'C', 'trl', 6, 'transferModes', '["transfer"]'::jsonb, 'price', '{"kind":"negotiable"}'::jsonb)
    FROM achievements a WHERE a.published_revision_id IS NULL`);
  await db.execute(sql`UPDATE achievements a SET published_revision_id = r.id FROM listing_revisions r WHERE r.achievement_id = a.id AND a.published_revision_id IS NULL`);
  return r.rows.map((x) => x.id);
}
