import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { searchAchievements } from '../../server/modules/catalog/search/search-listings.js';
import { cleanQuery } from '../../server/modules/catalog/search/query-plan.js';
import { setupTestEnv } from '../support/harness.js';
import { createOrg, createUser, PASSWORD } from '../support/factories.js';
import { signIn, TestClient } from '../support/client.js';
import { seedCatalog } from '../support/listing-factory.js';

const env = await setupTestEnv();
const anon = new TestClient(env.app);
let cat: Awaited<ReturnType<typeof seedCatalog>>;
let farmName: string;

beforeAll(async () => {
  const farm = await createOrg(env.db, { name: '武威绿洲农业科技有限公司' });
  const lab = await createOrg(env.db, { type: 'research_institute', name: '兰州重离子装备研究所' });
  farmName = farm.name;
  cat = await seedCatalog(env.db, { farm: farm.id, lab: lab.id });
});

const list = (qs: Record<string, string | number | boolean>) =>
  anon.get(`/api/v1/achievements?${new URLSearchParams(Object.entries(qs).map(([k, v]) => [k, String(v)]))}`);
const ids = (body: { items: { id: string }[] }) => body.items.map((i) => i.id);

describe('Chinese search over published achievements', () => {
  it.each([
    ['甜高粱', 'sorghum'],
    ['医用重离子加速器', 'accelerator'],
    ['机械治沙', 'sand'],
    ['膜下滴灌', 'drip'],
    ['风光电', 'wind'],
    ['重离子 注入器', 'accelerator'],
    ['irrigation', 'drip'],
    ['LoRa', 'drip'],
  ] as const)('ranks the right listing first for %s (every term matched)', async (q, key) => {
    const res = await list({ q });
    expect(res.status).toBe(200);
    expect(res.body.mode).toBe('and');
    expect(res.body.items[0].id).toBe(cat[key].id);
  });

  it('never shows drafts, withdrawn or closed listings, even when they match best', async () => {
    const res = await list({ q: '甜高粱' });
    expect(ids(res.body)).toEqual([cat.sorghum.id]);
    expect(res.body.total).toBe(1);
    const all = await list({});
    expect(all.body.total).toBe(5);
    expect(ids(all.body)).not.toContain(cat.draft.id);
    expect(ids(all.body)).not.toContain(cat.withdrawn.id);
  });

  it('finds a listing through its pillar tag’s name and its organisation’s name', async () => {
    expect(ids((await list({ q: '设施农牧业' })).body)).toContain(cat.drip.id);
    const byOrg = await list({ q: '绿洲农业' });
    expect(ids(byOrg.body)).toEqual(expect.arrayContaining([cat.sorghum.id, cat.sand.id, cat.drip.id]));
  });

  it('highlights matches with offsets into the title and the summary', async () => {
    const res = await list({ q: '膜下滴灌' });
    const item = res.body.items[0];
    const [s, e] = item.titleHighlights[0];
    expect(item.title.slice(s, e)).toBe('膜下滴灌');
    const [ss, se] = item.snippet.highlights[0];
    expect(item.snippet.text.slice(ss, se)).toBe('膜下滴灌');
  });

  it('falls back to any term when not every term matches', async () => {
    const res = await list({ q: '甜高粱 航空发动机' });
    expect(res.body.mode).toBe('or');
    expect(ids(res.body)).toContain(cat.sorghum.id);
  });

  it('finds misspelled and single-character queries through the fuzzy title match', async () => {
    const miss = await list({ q: '膜下滴管' });
    expect(['or', 'fuzzy']).toContain(miss.body.mode);
    expect(ids(miss.body)).toContain(cat.drip.id);
    const one = await list({ q: '沙' });
    expect(ids(one.body)).toContain(cat.sand.id);
    const latin = await list({ q: 'irigation' });
    expect(latin.body.mode).toBe('fuzzy');
    const nothing = await list({ q: '量子计算机芯片封装' });
    expect(nothing.status).toBe(200);
    expect(nothing.body.items).toEqual([]);
  });
});

describe('facets, filters, sort and pages', () => {
  it('filters by pillar tag and counts every facet under the other filters', async () => {
    const res = await list({ pillarTag: 'sweet-sorghum' });
    expect(ids(res.body)).toEqual([cat.sorghum.id]);
    const pillar = Object.fromEntries(res.body.facets.pillarTag.map((b: { value: string; count: number }) => [b.value, b.count]));
    // The pillar facet ignores its own filter: the visitor sees what else there is.
    expect(pillar).toMatchObject({ 'sweet-sorghum': 1, 'medical-heavy-ion-accelerator': 1, 'wind-solar-power-equipment': 1 });
    expect(res.body.facets.stage).toEqual([{ value: 'mature', label: expect.any(String), count: 1 }]);
    expect(res.body.facets.pillarTag.find((b: { value: string }) => b.value === 'sweet-sorghum').label).toBe('甜高粱');
  });

  it('counts facets under the query too', async () => {
    const res = await list({ q: '重离子' });
    expect(res.body.facets.transferMode.map((b: { value: string }) => b.value).sort()).toEqual(['joint-development', 'license']);
  });

  it('matches a top-level tech field with its subfields, and a region with its counties', async () => {
    expect(ids((await list({ techField: 'F09' })).body).sort()).toEqual([cat.sorghum.id, cat.sand.id, cat.drip.id].sort());
    expect(ids((await list({ techField: 'F09.02' })).body)).toEqual([cat.drip.id]);
    expect(ids((await list({ region: '620600' })).body).sort()).toEqual([cat.sorghum.id, cat.sand.id, cat.drip.id, cat.wind.id].sort());
    expect((await list({ region: '620000' })).body.total).toBe(5);
    expect(ids((await list({ region: '620102' })).body)).toEqual([cat.accelerator.id]);
    const regions = (await list({})).body.facets.region;
    expect(regions.find((b: { value: string }) => b.value === '620600')).toMatchObject({ count: 4, label: '武威市' });
  });

  it('filters by TRL range, stage, transfer mode, IP type, price range and 面议', async () => {
    expect(ids((await list({ trlMin: 6 })).body).sort()).toEqual([cat.sorghum.id, cat.sand.id, cat.drip.id].sort());
    expect(ids((await list({ trlMin: 4, trlMax: 5 })).body).sort()).toEqual([cat.accelerator.id, cat.wind.id].sort());
    expect(ids((await list({ stage: 'early' })).body)).toEqual([cat.wind.id]);
    expect(ids((await list({ transferMode: 'license' })).body)).toEqual([cat.accelerator.id]);
    expect(ids((await list({ ipType: 'utility-model' })).body)).toEqual([cat.sand.id]);
    expect(ids((await list({ priceMinFen: 10_000_000, priceMaxFen: 30_000_000 })).body)).toEqual([cat.sorghum.id]);
    expect(ids((await list({ negotiable: true })).body).sort()).toEqual([cat.accelerator.id, cat.wind.id].sort());
    expect(ids((await list({ industrySection: 'C', industryDivision: '35', q: '治沙' })).body)).toEqual([cat.sand.id]);
  });

  it('sorts by price both ways (面议 last) and by newest, and pages', async () => {
    expect(ids((await list({ sort: 'price_asc' })).body).slice(0, 3)).toEqual([cat.drip.id, cat.sorghum.id, cat.sand.id]);
    expect(ids((await list({ sort: 'price_desc' })).body).slice(0, 3)).toEqual([cat.sand.id, cat.sorghum.id, cat.drip.id]);
    const newest = await list({ pageSize: 2, page: 2 });
    expect(newest.body).toMatchObject({ total: 5, page: 2, pageSize: 2, mode: 'none' });
    expect(ids(newest.body)).toEqual([cat.sand.id, cat.accelerator.id]);
  });

  it('refuses bad filters with a field message', async () => {
    for (const [qs, field] of [
      [{ trlMin: 7, trlMax: 6 }, 'trlMax'],
      [{ trl: 'x', trlMin: 10 }, 'trlMin'],
      [{ pillarTag: 'no-such-tag' }, 'pillarTag'],
      [{ region: '999999' }, 'region'],
      [{ techField: 'F77' }, 'techField'],
      [{ priceMinFen: -1 }, 'priceMinFen'],
      [{ priceMinFen: 1.5 }, 'priceMinFen'],
      [{ sort: 'random' }, 'sort'],
      [{ q: '高'.repeat(201) }, 'q'],
    ] as const) {
      const res = await list(qs);
      expect(res.status, JSON.stringify(qs)).toBe(400);
      expect(res.body.error.fields.map((f: { path: string }) => f.path)).toContain(field);
    }
  });
});

describe('published demands', () => {
  const demands = (qs: Record<string, string | number>) =>
    anon.get(`/api/v1/demands?${new URLSearchParams(Object.entries(qs).map(([k, v]) => [k, String(v)]))}`);

  it('searches, filters and counts demands; closed ones never appear', async () => {
    const q = await demands({ q: '甜高粱' });
    expect(ids(q.body)).toEqual([cat.silage.id]);
    expect((await demands({})).body.total).toBe(2);
    expect(ids((await demands({ q: '风光电' })).body)).toEqual([cat.panels.id]);
    expect(ids((await demands({ cooperationMode: 'joint-development' })).body)).toEqual([cat.panels.id]);
    expect(ids((await demands({ budgetMinFen: 40_000_000 })).body)).toEqual([cat.panels.id]);
    expect(ids((await demands({ budgetMaxFen: 20_000_000 })).body)).toEqual([cat.silage.id]);
    expect(ids((await demands({ deadlineAfter: '2027-01-01' })).body)).toEqual([cat.panels.id]);
    expect(ids((await demands({ region: '620622' })).body)).toEqual([cat.panels.id]);
    const facets = (await demands({ pillarTag: 'sweet-sorghum' })).body.facets;
    expect(facets.cooperationMode.map((b: { value: string }) => b.value).sort()).toEqual(['commissioned-development', 'technical-consulting']);
    expect(facets.pillarTag).toHaveLength(2);
  });
});

describe('detail pages', () => {
  it('shows the published content without its contact to visitors', async () => {
    const res = await anon.get(`/api/v1/achievements/${cat.sorghum.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ kind: 'achievement', contact: null, contactHidden: true, organisation: { name: farmName } });
    expect(res.body.content.title).toBe('饲用甜高粱高产节水栽培技术');
    expect(res.body.content.contact).toBeUndefined();
    expect(JSON.stringify(res.body)).not.toContain('13909350000');
  });

  it('shows the contact to signed-in members of verified organisations only', async () => {
    const verified = await createOrg(env.db);
    const pending = await createOrg(env.db, { status: 'pending' });
    const member = await createUser(env.db, { roles: ['enterprise_member'], organisationId: verified.id });
    const newcomer = await createUser(env.db, { roles: ['enterprise_member'], organisationId: pending.id });
    const m = await signIn(env.app, member.username, PASSWORD);
    const n = await signIn(env.app, newcomer.username, PASSWORD);
    const seen = await m.get(`/api/v1/demands/${cat.silage.id}`);
    expect(seen.body).toMatchObject({ contactHidden: false, contact: { name: '赵经理', phone: '13809350000' } });
    const hidden = await n.get(`/api/v1/demands/${cat.silage.id}`);
    expect(hidden.body).toMatchObject({ contactHidden: true, contact: null });
  });

  it('answers 404 for drafts, withdrawn, closed and unknown listings, and 400 for a malformed id', async () => {
    for (const url of [
      `/api/v1/achievements/${cat.draft.id}`,
      `/api/v1/achievements/${cat.withdrawn.id}`,
      `/api/v1/demands/${cat.closed.id}`,
      `/api/v1/demands/${cat.sorghum.id}`,
      '/api/v1/achievements/00000000-0000-4000-8000-000000000000',
    ]) {
      const res = await anon.get(url);
      expect(res.status, url).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
    expect((await anon.get('/api/v1/achievements/not-an-id')).status).toBe(400);
  });
});

describe('hostile queries', () => {
  const HOSTILE = [
    "'", "''", '\\', ':*', '&|!()', '!!!', '<->', '"甜高粱"', "甜高粱' OR 1=1 --", '%', '_', '%_%', '\\%', '<script>alert(1)</script>',
    '甜高粱:*A', '(((((', '😀🚜', 'ＬｏＲａ', '\t\n', '\u0000', 'a\u0000b', '\u200b', 'ab', 'c++', ' ', 'null', 'undefined', '0x00',
  ];

  it.each(HOSTILE)('answers %j with a result, never an error', async (q) => {
    const res = await list({ q });
    expect(res.status).toBe(200);
    expect(['and', 'or', 'fuzzy', 'none']).toContain(res.body.mode);
  });

  it('answers any string with 200 (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom('', '&sort=relevance', '&pillarTag=sweet-sorghum'), async (q, extra) => {
        let encoded: string;
        try {
          encoded = encodeURIComponent(q);
        } catch {
          return; // lone surrogates cannot travel in a URL; cleanQuery is tested on them below
        }
        const res = await anon.get(`/api/v1/achievements?q=${encoded}${extra}`);
        expect(res.status).toBe(200);
      }),
      { numRuns: 60 },
    );
  });

  it('cleans strings that cannot reach PostgreSQL (NUL, lone surrogates) before searching', async () => {
    expect(cleanQuery('甜\u0000高粱\ud800')).toBe('甜 高粱');
    const r = await searchAchievements(env.db, { q: '\ud800甜高粱\udfff\u0000', page: 1, pageSize: 5 }, 'zh-CN');
    expect(r.items[0]?.id).toBe(cat.sorghum.id);
  });
});
