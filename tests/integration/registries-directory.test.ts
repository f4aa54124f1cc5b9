import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { COUNT_CAP, RANK_WINDOW } from '../../server/modules/registries/bounded-search.js';
import { entryVectorText } from '../../server/modules/registries/index-entry.js';
import type { EntryRow } from '../../server/modules/registries/kinds.js';
import { TestClient } from '../support/client.js';
import { createOrg } from '../support/factories.js';
import { setupTestEnv } from '../support/harness.js';

/**
 * The public registry directory at the scale where counting and ranking every
 * match would be slow (docs/decisions/0024-bounded-directory-search.md):
 * counts stop at 10,000 and say so, relevance ranks the 1,000 newest matches
 * and later pages continue newest first, and the fuzzy name match finds what
 * no word does. Entries go straight into the table (published, with the
 * product's search vectors), as an import of a large directory would leave
 * them; the workflow that publishes them is tested in registries-*.test.ts.
 */
const env = await setupTestEnv();
const anon = new TestClient(env.app);
const operator = await createOrg(env.db, { type: 'maker_space', name: '武威市创业孵化运营有限公司' });

type Space = { name: string; summary?: string; level?: string; status?: string; minutesAgo: number };

async function insertSpaces(rows: Space[]): Promise<void> {
  const vectors = new Map<string, string>();
  const vectorOf = (r: Space) => {
    const key = `${r.name}|${r.summary ?? ''}`;
    if (!vectors.has(key)) vectors.set(key, entryVectorText('space', { name: r.name, summary: r.summary ?? '', kind: 'maker_space', services: [] } as unknown as EntryRow, operator.name));
    return vectors.get(key)!;
  };
  for (let i = 0; i < rows.length; i += 2000) {
    const batch = rows.slice(i, i + 2000);
    await env.db.execute(sql`
      INSERT INTO spaces (organisation_id, name, kind, level, summary, status, published_at, search_vector)
      SELECT ${operator.id}::uuid, n, 'maker_space', l, s, st, CASE WHEN st = 'published' THEN now() - (m || ' minutes')::interval END, v::tsvector
      FROM unnest(${sql.param(batch.map((r) => r.name))}::text[], ${sql.param(batch.map((r) => r.level ?? 'none'))}::text[], ${sql.param(batch.map((r) => r.summary ?? ''))}::text[],
        ${sql.param(batch.map((r) => r.status ?? 'published'))}::text[], ${sql.param(batch.map((r) => r.minutesAgo))}::int[], ${sql.param(batch.map(vectorOf))}::text[]) AS t(n, l, s, st, m, v)`);
  }
}

type Page = { items: { id: string; name: string; nameHighlights: [number, number][] }[]; total: number; totalCapped: boolean; mode: string };
const get = async (query: string): Promise<Page> => {
  const res = await anon.get(`/api/v1/spaces?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as Page;
};
const q = (text: string) => `q=${encodeURIComponent(text)}`;

// 10,050 published spaces mention 众创空间: every tenth only in its summary
// (it ranks lower), the others in the name. Row i is i minutes old.
const MANY = COUNT_CAP + 50;
const names = Array.from({ length: MANY }, (_, i) => `武威青年创业${i}号${i % 10 === 0 ? '基地' : '众创空间'}`);
await insertSpaces(names.map((name, i) => ({ name, summary: i % 10 === 0 ? '提供众创空间服务' : '提供创业辅导', level: i < 3 ? 'provincial' : 'none', minutesAgo: i })));
await insertSpaces([
  { name: '凉州冷链物流众创空间', summary: '果蔬冷库与配送', minutesAgo: 20_000 },
  { name: '黄羊镇甜高粱星创天地', summary: '甜高粱种植与加工', minutesAgo: 20_001 },
  { name: 'Liangzhou MakerSpace', summary: 'Hardware prototyping', minutesAgo: 20_002 },
  { name: '古浪冷链仓储众创空间（草稿）', summary: '未公开', status: 'draft', minutesAgo: 0 },
  { name: '民勤冷链加工众创空间（已撤回）', summary: '已撤回', status: 'withdrawn', minutesAgo: 0 },
]);
await env.db.execute(sql`ANALYZE spaces`);

describe('registry directory at scale: capped counts and a bounded ranking', () => {
  it('stops counting at 10,000 and says so; narrower queries count exactly', async () => {
    const broad = await get(q('众创空间'));
    expect(broad).toMatchObject({ total: COUNT_CAP, totalCapped: true, mode: 'and' });
    expect(broad.items).toHaveLength(20);
    expect(await get('')).toMatchObject({ total: COUNT_CAP, totalCapped: true, mode: 'none' });
    expect(await get('level=provincial')).toMatchObject({ total: 3, totalCapped: false });
    expect(await get(`level=provincial&${q('众创空间')}`)).toMatchObject({ total: 3, totalCapped: false, mode: 'and' });
    const one = await get(q('甜高粱'));
    expect(one).toMatchObject({ total: 1, totalCapped: false });
    expect(one.items.map((i) => i.name)).toEqual(['黄羊镇甜高粱星创天地']);
  });

  it('ranks the newest 1,000 matches best first, then continues newest first, never repeating or skipping an entry', async () => {
    const first = await get(`${q('众创空间')}&pageSize=20`);
    // The name matches (weight A) come before the newer summary-only match (row 0), newest first among equals.
    expect(first.items.map((i) => i.name).slice(0, 3)).toEqual([names[1], names[2], names[3]]);
    expect(first.items.some((i) => i.name === names[0])).toBe(false);
    const pages: Page[] = [];
    for (let p = 1; p <= RANK_WINDOW / 200 + 1; p++) pages.push(await get(`${q('众创空间')}&pageSize=200&page=${p}`));
    const ids = pages.flatMap((p) => p.items.map((i) => i.name));
    expect(new Set(ids).size).toBe(ids.length);
    // The ranked window is exactly the 1,000 newest matches; summary-only ones at its end.
    const window = ids.slice(0, RANK_WINDOW);
    expect(new Set(window)).toEqual(new Set(names.slice(0, RANK_WINDOW)));
    expect(window.slice(-RANK_WINDOW / 10)).toEqual(names.slice(0, RANK_WINDOW).filter((_, i) => i % 10 === 0));
    // Past the window, newest first.
    expect(ids.slice(RANK_WINDOW)).toEqual(names.slice(RANK_WINDOW, RANK_WINDOW + 200));
    // A page across the window's edge is the end of the window and the start of the rest.
    const across = await get(`${q('众创空间')}&pageSize=30&page=${Math.ceil(RANK_WINDOW / 30)}`);
    const offset = (Math.ceil(RANK_WINDOW / 30) - 1) * 30;
    expect(across.items.map((i) => i.name)).toEqual(ids.slice(offset, offset + 30));
  });

  it('falls back to a fuzzy match on the name when no word matches: a fragment inside a word, one character, a misspelling, any case', async () => {
    const cold = await get(q('冷链'));
    expect(cold).toMatchObject({ mode: 'fuzzy', total: 1, totalCapped: false });
    expect(cold.items[0]!.name).toBe('凉州冷链物流众创空间');
    const marked = cold.items[0]!.nameHighlights.map(([a, b]) => cold.items[0]!.name.slice(a, b)).join('');
    expect(marked).toBe('冷链');
    const sweet = await get(q('甜'));
    expect(sweet).toMatchObject({ mode: 'fuzzy', total: 1 });
    expect(sweet.items[0]!.name).toBe('黄羊镇甜高粱星创天地');
    const inside = await get(q('ERSPA'));
    expect(inside).toMatchObject({ mode: 'fuzzy', total: 1 });
    expect(inside.items[0]!.name).toBe('Liangzhou MakerSpace');
    const typo = await get(q('Liangzou'));
    expect(typo).toMatchObject({ mode: 'fuzzy', total: 1 });
    expect(typo.items[0]!.name).toBe('Liangzhou MakerSpace');
  });

  it('finds nothing, saying so, rather than drafts or withdrawn entries', async () => {
    expect(await get(q('古浪冷链仓储'))).toMatchObject({ total: 0, totalCapped: false, items: [] });
    expect(await get(q('已撤回'))).toMatchObject({ total: 0, items: [] });
    expect(await get(q('核磁共振波谱'))).toMatchObject({ total: 0, totalCapped: false, items: [], mode: 'fuzzy' });
  });

  it('refuses bad paging and over-long queries with a clear error', async () => {
    for (const bad of [`q=${'众'.repeat(201)}`, 'pageSize=201', 'page=0', 'page=x']) {
      const res = await anon.get(`/api/v1/spaces?${bad}`);
      expect(res.status, bad).toBe(400);
      expect(res.body.error.code, bad).toBe('VALIDATION_FAILED');
    }
  });
});
