import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { matchFeedback, matchImpressions } from '../../server/modules/matchmaking/schema.js';
import { TestClient } from '../support/client.js';
import { createOrg } from '../support/factories.js';
import { setupTestEnv } from '../support/harness.js';
import { createAchievement, createDemand, seedCatalog } from '../support/listing-factory.js';
import { member, staff } from './catalog-fixtures.js';

const env = await setupTestEnv();
const farm = await createOrg(env.db, { type: 'research_institute', name: '凉州区农业技术推广研究所' });
const lab = await createOrg(env.db, { type: 'research_institute', name: '近代物理研究所' });
const c = await seedCatalog(env.db, { farm: farm.id, lab: lab.id });
await env.db.execute(sql`UPDATE achievements SET external_id = 'zb-0001' WHERE id = ${c.sorghum.id}`);

const enterprise = await member(env);
const ownDemand = await createDemand(
  env.db,
  {
    title: '甜高粱青贮饲料霉变防控',
    problem: '养殖场甜高粱青贮开窖后易霉变发热，需要节水高产的甜高粱栽培与青贮保鲜技术，提升饲料品质。',
    industrySection: 'A',
    cooperationModes: ['commissioned-development'],
    keywords: ['甜高粱', '青贮'],
  },
  { organisationId: enterprise.organisationId, status: 'draft' },
);
const anon = () => new TestClient(env.app);
const reviewer = await staff(env);

const FIELDS = new Set(['id', 'externalId', 'score', 'explanation']);

describe('POST /api/v1/match/achievements', () => {
  it('returns explained matches of published achievements, best first, with external identifiers', async () => {
    const res = await anon().post('/api/v1/match/achievements', { text: '我们想种甜高粱做青贮饲料，但是缺水，有没有节水的栽培技术？' });
    expect(res.status).toBe(200);
    const items = res.body.items as any[];
    expect(items[0].id).toBe(c.sorghum.id);
    expect(items[0].externalId).toBe('zb-0001');
    for (const f of FIELDS) expect(items[0]).toHaveProperty(f);
    const e = items[0].explanation;
    expect(e.matchedTerms).toContain('甜高粱');
    expect(e.factors.reduce((s: number, f: any) => s + f.share, 0)).toBeCloseTo(1, 5);
    expect(e.summary.zh).toMatch(/匹配词/);
    expect(e.summary.en).toMatch(/Matched words/);
    expect(items[0].title).toBe('饲用甜高粱高产节水栽培技术');
    expect(items[0].relevance).toBeGreaterThan(0);
    expect(items[0].relevance).toBeLessThanOrEqual(1);
    // Scores never increase down the list.
    for (let i = 1; i < items.length; i++) expect(items[i].score).toBeLessThanOrEqual(items[i - 1].score);
  });

  it('never returns drafts or withdrawn records', async () => {
    const res = await anon().post('/api/v1/match/achievements', { text: '甜高粱 燃料乙醇 颗粒饲料 压制设备', limit: 100 });
    const ids = (res.body.items as any[]).map((i) => i.id);
    expect(ids).not.toContain(c.draft.id);
    expect(ids).not.toContain(c.withdrawn.id);
  });

  it('applies filters, which never let an excluded record through', async () => {
    const texts = ['甜高粱节水', '滴灌 水肥一体化', '重离子加速器', '治沙 草方格', '储能 微电网 光伏'];
    const filterSets = [
      { industrySections: ['A'] },
      { industrySections: ['C', 'D'] },
      { transferModes: ['transfer'] },
      { minTrl: 7 },
      { maxPriceFen: 1_000_000 },
      { regionCodes: ['620600'] },
      { pillarTags: ['sweet-sorghum'] },
      { techFields: ['F09'] },
    ];
    const rows = await env.db.execute<{ id: string; industry_section: string; transfer_modes: string[]; trl: number; price_fen: string | null; price_negotiable: boolean; region_code: string; pillar_tags: string[]; tech_field: string }>(
      sql`SELECT id, industry_section, transfer_modes, trl, price_fen, price_negotiable, region_code, pillar_tags, tech_field FROM achievements`,
    );
    const byId = new Map(rows.rows.map((r) => [r.id, r]));
    const client = anon();
    for (const text of texts) {
      for (const filters of filterSets) {
        const res = await client.post('/api/v1/match/achievements', { text, filters, limit: 50 });
        expect(res.status).toBe(200);
        for (const item of res.body.items as any[]) {
          const r = byId.get(item.id)!;
          if ('industrySections' in filters) expect(filters.industrySections).toContain(r.industry_section);
          if ('transferModes' in filters) expect(r.transfer_modes).toContain('transfer');
          if ('minTrl' in filters) expect(r.trl).toBeGreaterThanOrEqual(7);
          if ('maxPriceFen' in filters) expect(r.price_negotiable || r.price_fen === null || Number(r.price_fen) <= 1_000_000).toBe(true);
          if ('regionCodes' in filters) expect(r.region_code.startsWith('6206')).toBe(true);
          if ('pillarTags' in filters) expect(r.pillar_tags).toContain('sweet-sorghum');
          if ('techFields' in filters) expect(r.tech_field.startsWith('F09')).toBe(true);
        }
      }
    }
    // And the filter does select: the sorghum achievement is found within A, not within C/D.
    const a = await client.post('/api/v1/match/achievements', { text: '甜高粱节水', filters: { industrySections: ['A'] } });
    expect(a.body.items.map((i: any) => i.id)).toContain(c.sorghum.id);
    const cd = await client.post('/api/v1/match/achievements', { text: '甜高粱节水', filters: { industrySections: ['C', 'D'] } });
    expect(cd.body.items.map((i: any) => i.id)).not.toContain(c.sorghum.id);
  });

  it('refuses a bad body naming the field, and unknown filters', async () => {
    const client = anon();
    const cases: [unknown, string][] = [
      [{}, 'text'],
      [{ text: '' }, 'text'],
      [{ text: '甜高粱', limit: 0 }, 'limit'],
      [{ text: '甜高粱', limit: 1000 }, 'limit'],
      [{ text: '甜高粱', filters: { industrySections: ['甲'] } }, 'filters.industrySections.0'],
      [{ text: '甜高粱', filters: { regionCodes: ['999999'] } }, 'filters.regionCodes.0'],
      [{ text: '甜高粱', filters: { colour: 'red' } }, 'filters'],
    ];
    for (const [body, field] of cases) {
      const res = await client.post('/api/v1/match/achievements', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect((res.body.error.fields as any[]).map((f) => f.path).join(' ')).toContain(field);
    }
  });
});

describe('POST /api/v1/match/demands', () => {
  it('finds demands for a description of what one offers', async () => {
    const res = await anon().post('/api/v1/match/demands', { text: '我们有甜高粱青贮保鲜的技术，可以提供技术服务' });
    expect(res.status).toBe(200);
    expect(res.body.items[0].id).toBe(c.silage.id);
    expect(res.body.items.map((i: any) => i.id)).not.toContain(c.closed.id);
  });
});

describe('GET matches of a record', () => {
  it('demand → achievements, explained with the facets that agree', async () => {
    const res = await anon().get(`/api/v1/demands/${c.silage.id}/matches`);
    expect(res.status).toBe(200);
    expect(res.body.direction).toBe('demand-achievements');
    const top = res.body.items[0];
    expect(top.id).toBe(c.sorghum.id);
    expect(top.explanation.matchedFacets.map((f: any) => f.key)).toContain('industry');
  });

  it('achievement → demands, and → the enterprises behind them', async () => {
    // A short description: with only two demands published, most of a long text's words occur in none of them.
    const keeper = await createAchievement(
      env.db,
      { title: '甜高粱青贮饲料保鲜技术', summary: '甜高粱青贮饲料开窖后保鲜防霉变，适合养殖场推广使用。', keywords: ['甜高粱', '青贮'], industrySection: 'A', transferModes: ['technical-service'] },
      { organisationId: lab.id },
    );
    const res = await anon().get(`/api/v1/achievements/${keeper.id}/matches`);
    expect(res.status).toBe(200);
    expect(res.body.items[0].id).toBe(c.silage.id);
    expect(res.body.items.map((i: any) => i.id)).not.toContain(c.closed.id);
    const orgs = await anon().get(`/api/v1/achievements/${keeper.id}/matches?target=enterprises`);
    expect(orgs.status).toBe(200);
    expect(orgs.body.direction).toBe('achievement-enterprises');
    expect(orgs.body.items[0].kind).toBe('organisation');
    expect(orgs.body.items[0].id).toBe(farm.id); // the silage demand's owner in the seed
    expect(orgs.body.items[0].matchedRecords).toBeGreaterThanOrEqual(1);
  });

  it('a long description in a small catalog still retrieves what it shares (absent words do not crowd the candidate query)', async () => {
    const res = await anon().get(`/api/v1/achievements/${c.sorghum.id}/matches`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: any) => i.id)).toContain(c.silage.id);
  });

  it('similar achievements never include the record itself', async () => {
    const res = await anon().get(`/api/v1/achievements/${c.sorghum.id}/similar?limit=50`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: any) => i.id)).not.toContain(c.sorghum.id);
  });

  it('unknown ids are 404; unpublished records are 404 for others but matched for their owner', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const url of [`/api/v1/demands/${unknown}/matches`, `/api/v1/achievements/${unknown}/matches`, `/api/v1/achievements/${unknown}/similar`]) {
      expect((await anon().get(url)).status).toBe(404);
    }
    expect((await anon().get(`/api/v1/achievements/${c.draft.id}/similar`)).status).toBe(404);
    expect((await anon().get(`/api/v1/achievements/${c.withdrawn.id}/matches`)).status).toBe(404);
    expect((await anon().get(`/api/v1/demands/${ownDemand.id}/matches`)).status).toBe(404);
    const outsider = await member(env);
    expect((await outsider.client.get(`/api/v1/demands/${ownDemand.id}/matches`)).status).toBe(404);
    // The owner sees what their draft would match before submitting it.
    const own = await enterprise.client.get(`/api/v1/demands/${ownDemand.id}/matches`);
    expect(own.status).toBe(200);
    expect(own.body.items.map((i: any) => i.id)).toContain(c.sorghum.id);
    expect(own.body.items[0].explanation.matchedTerms).toContain('甜高粱');
    // A bad id is a validation error naming it.
    const bad = await anon().get('/api/v1/demands/not-a-uuid/matches');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toContain('id');
  });

  it('a record published after the statistics were built is matchable at once', async () => {
    const fresh = await createAchievement(
      env.db,
      { title: '枸杞烘干保色新工艺', summary: '采用低温热泵分段烘干与护色处理，枸杞烘干后色泽鲜红、多糖保留率高，适合凉州区枸杞合作社使用。', keywords: ['枸杞', '热泵烘干'] },
      { organisationId: lab.id },
    );
    const res = await anon().post('/api/v1/match/achievements', { text: '枸杞烘干后颜色发暗，想找保色的烘干工艺' });
    expect(res.body.items[0].id).toBe(fresh.id);
  });
});

describe('feedback and impressions', () => {
  it('stores a judgement with its query context; visitors cannot judge', async () => {
    const body = { direction: 'demand-achievements', queryId: c.silage.id, resultId: c.sorghum.id, rank: 1, score: 1.4, useful: true };
    expect((await anon().post('/api/v1/match/feedback', body)).status).toBe(401);
    const res = await enterprise.client.post('/api/v1/match/feedback', body);
    expect(res.status).toBe(200);
    expect(res.body.useful).toBe(true);
    env.clock.advance(60); // the user changes their mind a minute later
    await enterprise.client.post('/api/v1/match/feedback', { ...body, useful: false });
    const rows = await env.db.select().from(matchFeedback);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ direction: 'demand-achievements', queryKind: 'demand', queryId: c.silage.id, resultKind: 'achievement', resultId: c.sorghum.id, rank: 1 });
    const bad = await enterprise.client.post('/api/v1/match/feedback', { direction: 'sideways', resultId: c.sorghum.id, useful: true });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: any) => f.path)).toContain('direction');
    const noQuery = await enterprise.client.post('/api/v1/match/feedback', { direction: 'text-achievements', resultId: c.sorghum.id, useful: true });
    expect(noQuery.status).toBe(400);
    expect(await env.db.select().from(matchFeedback)).toHaveLength(2);
  });

  it('exports the latest judgement per pair for offline evaluation, to the bureau only', async () => {
    expect((await enterprise.client.get('/api/v1/match/feedback/export')).status).toBe(403);
    const res = await reviewer.client.get('/api/v1/match/feedback/export');
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/match-feedback-.*\.jsonl/);
    const lines = String(res.body).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ useful: false, resultExternalId: 'zb-0001', queryId: c.silage.id });
    const csv = await reviewer.client.get('/api/v1/match/feedback/export?format=csv');
    expect(String(csv.body)).toContain('resultExternalId');
    expect(String(csv.body)).toContain('zb-0001');
  });

  it('records lists shown in one batch, with the industry of the query record', async () => {
    const res = await anon().post('/api/v1/match/impressions', {
      lists: [
        { direction: 'demand-achievements', queryId: c.silage.id, resultIds: [c.sorghum.id, c.drip.id] },
        { direction: 'text-achievements', resultIds: [c.sorghum.id] },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.recorded).toBe(2);
    const rows = await env.db.select().from(matchImpressions);
    expect(rows.map((r) => r.industrySection).sort()).toEqual(['A', null].sort());
    // The funnel's first stage counts them, by industry.
    const funnel = await reviewer.client.get('/api/v1/matchmaking/funnel?groupBy=industry');
    expect(funnel.status).toBe(200);
    expect(funnel.body.total.shown).toBe(2);
    const bad = await anon().post('/api/v1/match/impressions', { lists: [] });
    expect(bad.status).toBe(400);
    expect(await env.db.select().from(matchImpressions)).toHaveLength(2);
  });
});

describe('rate limit', () => {
  it('public matching is limited per address', async () => {
    const client = anon();
    let limited = 0;
    for (let i = 0; i < 65; i++) {
      const res = await client.post('/api/v1/match/demands', { text: '光伏清扫', limit: 1 });
      if (res.status === 429) {
        limited += 1;
        expect(res.body.error.code).toBe('RATE_LIMITED');
      }
    }
    expect(limited).toBeGreaterThan(0);
    // Another address is not affected.
    expect((await anon().post('/api/v1/match/demands', { text: '光伏清扫', limit: 1 })).status).toBe(200);
  });
});
