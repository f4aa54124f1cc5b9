import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { COUNT_CAP } from '../../server/modules/registries/bounded-search.js';
import { segmenter, tsvectorText, weightedTokens } from '../../server/modules/search/index.js';
import { TestClient } from '../support/client.js';
import { createOrg } from '../support/factories.js';
import { setupTestEnv } from '../support/harness.js';

/**
 * The public facilities directory at scale, sharing the registries' bounded
 * search (docs/decisions/0024-bounded-directory-search.md): counts stop at
 * 10,000 and say so, the kind filter counts exactly, and a fuzzy match on the
 * name finds what no word does. Facilities go straight into the table
 * (published, with the product's weighted vectors); registration and review
 * are tested in facilities-booking.test.ts.
 */
const env = await setupTestEnv();
const anon = new TestClient(env.app);
const owner = await createOrg(env.db, { type: 'research_institute', name: '武威市农业科学研究院' });

type Facility = { kind: string; name: string; category?: string; description?: string; status?: string; minutesAgo: number };

async function insertFacilities(rows: Facility[]): Promise<void> {
  const seg = segmenter();
  const vectors = new Map<string, string>();
  const vectorOf = (f: Facility) => {
    const key = `${f.name}|${f.category ?? ''}|${f.description ?? ''}`;
    if (!vectors.has(key)) vectors.set(key, tsvectorText(weightedTokens({ A: f.name, B: [f.category ?? ''], C: [f.description ?? ''], D: ['凉州区', owner.name] }, seg)));
    return vectors.get(key)!;
  };
  for (let i = 0; i < rows.length; i += 2000) {
    const b = rows.slice(i, i + 2000);
    await env.db.execute(sql`
      INSERT INTO facilities (organisation_id, kind, name, category, description, location, opening_hours, status, published_at, search_vector)
      SELECT ${owner.id}::uuid, k, n, c, d, '凉州区', '{"days":[1,2,3,4,5],"open":"08:30","close":"17:30"}'::jsonb, st,
        CASE WHEN st = 'published' THEN now() - (m || ' minutes')::interval END, v::tsvector
      FROM unnest(${sql.param(b.map((r) => r.kind))}::text[], ${sql.param(b.map((r) => r.name))}::text[], ${sql.param(b.map((r) => r.category ?? ''))}::text[],
        ${sql.param(b.map((r) => r.description ?? ''))}::text[], ${sql.param(b.map((r) => r.status ?? 'published'))}::text[], ${sql.param(b.map((r) => r.minutesAgo))}::int[],
        ${sql.param(b.map(vectorOf))}::text[]) AS t(k, n, c, d, st, m, v)`);
  }
}

type Page = { items: { id: string; name: string; kind: string }[]; total: number; totalCapped: boolean; mode: string | null };
const get = async (query: string): Promise<Page> => {
  const res = await anon.get(`/api/v1/public/facilities?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as Page;
};
const q = (text: string) => `q=${encodeURIComponent(text)}`;

// 10,020 published instruments for pesticide-residue testing, 5 labs, a freeze dryer, drafts and withdrawn ones.
await insertFacilities(
  Array.from({ length: COUNT_CAP + 20 }, (_, i) => ({ kind: 'instrument', name: `检测仪器${i}号`, category: '分析仪器', description: '农药残留检测', minutesAgo: i + 10 })),
);
await insertFacilities([
  ...Array.from({ length: 5 }, (_, i) => ({ kind: 'lab', name: `中试实验室${i}号`, description: '甜高粱中试与农药残留检测', minutesAgo: 20_000 + i })),
  { kind: 'instrument', name: '真空冷冻干燥机', category: '工艺试验仪器', description: '果蔬冻干', minutesAgo: 1 },
  { kind: 'instrument', name: '冷冻干燥机（草稿）', status: 'draft', minutesAgo: 0 },
  { kind: 'instrument', name: '冷冻干燥机（已撤回）', status: 'withdrawn', minutesAgo: 0 },
]);
await env.db.execute(sql`ANALYZE facilities`);

describe('facilities directory at scale', () => {
  it('stops counting at 10,000 and says so; the kind filter and narrower queries count exactly', async () => {
    expect(await get(q('农药残留'))).toMatchObject({ total: COUNT_CAP, totalCapped: true, mode: 'and' });
    expect(await get('')).toMatchObject({ total: COUNT_CAP, totalCapped: true, mode: null });
    const labs = await get(`kind=lab&${q('农药残留')}`);
    expect(labs).toMatchObject({ total: 5, totalCapped: false, mode: 'and' });
    expect(labs.items.every((i) => i.kind === 'lab')).toBe(true);
    expect(await get('kind=lab')).toMatchObject({ total: 5, totalCapped: false });
    // A filter that excludes every match of the words: nothing, counted exactly.
    expect(await get(`kind=rd_centre&${q('农药残留')}`)).toMatchObject({ total: 0, totalCapped: false, items: [] });
  });

  it('pages of a capped result never repeat an entry', async () => {
    const seen = new Set<string>();
    for (let p = 1; p <= 6; p++) for (const i of (await get(`${q('农药残留')}&pageSize=200&page=${p}`)).items) seen.add(i.id);
    expect(seen.size).toBe(1200);
  });

  it('falls back to a fuzzy match on the name when no word matches, and tells so', async () => {
    // 空冷 spans two words of the name (真空 | 冷冻): no lexeme has it.
    const dried = await get(q('空冷'));
    expect(dried).toMatchObject({ mode: 'fuzzy', total: 1 });
    expect(dried.items.map((i) => i.name)).toEqual(['真空冷冻干燥机']);
    const one = await get(q('真'));
    expect(one).toMatchObject({ mode: 'fuzzy', total: 1 });
    expect(one.items[0]!.name).toBe('真空冷冻干燥机');
    expect(await get(q('核磁共振波谱'))).toMatchObject({ total: 0, totalCapped: false, items: [], mode: 'fuzzy' });
    // Drafts and withdrawn facilities never appear, not even by name.
    expect(await get(q('草稿'))).toMatchObject({ total: 0, items: [] });
    expect(await get(q('撤回'))).toMatchObject({ total: 0, items: [] });
  });

  it('refuses an unknown kind, bad paging and over-long queries with a clear error', async () => {
    for (const bad of ['kind=telescope', `q=${'谱'.repeat(201)}`, 'pageSize=201', 'page=0']) {
      const res = await anon.get(`/api/v1/public/facilities?${bad}`);
      expect(res.status, bad).toBe(400);
      expect(res.body.error.code, bad).toBe('VALIDATION_FAILED');
    }
  });
});
