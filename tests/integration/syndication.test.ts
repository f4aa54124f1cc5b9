import { SaxesParser } from 'saxes';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderListingShell } from '../../server/modules/catalog/search/seo.js';
import { xmlText } from '../../server/modules/catalog/search/syndication.js';
import { setupTestEnv } from '../support/harness.js';
import { createOrg, createUser, PASSWORD } from '../support/factories.js';
import { signIn, TestClient } from '../support/client.js';
import { createAchievement, seedCatalog } from '../support/listing-factory.js';

const env = await setupTestEnv();
const publicUrl = env.app.deps.config.publicUrl;
let cat: Awaited<ReturnType<typeof seedCatalog>>;
let farmId: string;
let hostileId: string;

const HOSTILE_TITLE = '</script><script>alert(1)</script> & <b>甜高粱</b> "引号" \u0001';

beforeAll(async () => {
  const farm = await createOrg(env.db, { name: '武威绿洲农业 & <科技> 有限公司' });
  const lab = await createOrg(env.db, { type: 'research_institute', name: '兰州重离子装备研究所' });
  farmId = farm.id;
  cat = await seedCatalog(env.db, { farm: farm.id, lab: lab.id });
  hostileId = (
    await createAchievement(
      env.db,
      { title: HOSTILE_TITLE.slice(0, 100), summary: '摘要里有 ]]> 和 <!-- 注释 --> 以及 $& 替换符，用于检验转义是否正确。', keywords: ['转义'] },
      { organisationId: farm.id, publishedAt: new Date(Date.UTC(2026, 4, 20)) },
    )
  ).id;
});

/** Parses XML strictly (throws on any well-formedness error) and returns the elements' text by name. */
function parseXml(xml: string): { name: string; text: string; attributes: Record<string, string> }[] {
  const out: { name: string; text: string; attributes: Record<string, string> }[] = [];
  const stack: { name: string; text: string; attributes: Record<string, string> }[] = [];
  const p = new SaxesParser({ xmlns: true });
  p.on('error', (e) => {
    throw e;
  });
  p.on('opentag', (t) => {
    const attributes = Object.fromEntries(Object.values(t.attributes).map((a) => [(a as { local: string }).local, (a as { value: string }).value]));
    stack.push({ name: t.local!, text: '', attributes });
  });
  p.on('text', (t) => {
    if (stack.length) stack[stack.length - 1]!.text += t;
  });
  p.on('closetag', () => out.push(stack.pop()!));
  p.write(xml).close();
  return out;
}

describe('Atom feeds', () => {
  it('serves a well-formed Atom 1.0 feed of published achievements, newest first, with portal links', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/v1/feeds/achievements.atom' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const elements = parseXml(res.body);
    const feed = elements.find((e) => e.name === 'feed')!;
    expect(feed).toBeTruthy();
    const entries = elements.filter((e) => e.name === 'entry');
    expect(entries).toHaveLength(6);
    const titles = elements.filter((e) => e.name === 'title').map((e) => e.text);
    expect(titles).toContain(HOSTILE_TITLE.slice(0, 100).replace('\u0001', ''));
    expect(titles).not.toContain('甜高粱茎秆燃料乙醇发酵工艺（草稿）');
    const links = elements.filter((e) => e.name === 'link' && e.attributes.rel === 'alternate').map((e) => e.attributes.href);
    expect(links).toContain(`${publicUrl}/achievements/${cat.sorghum.id}`);
    expect(links.indexOf(`${publicUrl}/achievements/${hostileId}`)).toBeLessThan(links.indexOf(`${publicUrl}/achievements/${cat.sorghum.id}`));
    const updated = elements.filter((e) => e.name === 'updated').map((e) => e.text);
    for (const u of updated) expect(new Date(u).toISOString()).toBe(u);
    expect(elements.filter((e) => e.name === 'name').map((e) => e.text)).toContain('武威绿洲农业 & <科技> 有限公司');
  });

  it('serves the demands feed without closed demands', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/v1/feeds/demands.atom' });
    const entries = parseXml(res.body).filter((e) => e.name === 'entry');
    expect(entries).toHaveLength(2);
    expect(res.body).not.toContain(cat.closed.id);
  });

  it('escapes any text into valid XML', () => {
    for (const s of ['<>&"\'', '\u0000\u0008\uffff', '\ud800x', ']]>', '😀']) {
      expect(() => parseXml(`<a t="${xmlText(s)}">${xmlText(s)}</a>`)).not.toThrow();
    }
  });
});

describe('syndication API', () => {
  async function tokenClient(roles: Parameters<typeof createUser>[1]['roles'], organisationId: string | null) {
    const u = await createUser(env.db, { roles, organisationId });
    const c = await signIn(env.app, u.username, PASSWORD);
    const t = await c.post('/api/v1/me/tokens', { password: PASSWORD, name: '市科技成果网同步' });
    expect(t.status).toBe(200);
    const bearer = new TestClient(env.app);
    bearer.headers.authorization = `Bearer ${t.body.secret}`;
    return bearer;
  }

  it('pages through published records with a cursor, oldest change first, with the documented fields', async () => {
    const partner = await tokenClient(['enterprise_member'], farmId);
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 10; i++) {
      const url: string = `/api/v1/syndication/achievements?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await partner.get(url);
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((r: { id: string }) => r.id));
      cursor = res.body.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
    expect(seen).not.toContain(cat.draft.id);
    const one = (await partner.get('/api/v1/syndication/achievements?limit=500')).body.items.find((r: { id: string }) => r.id === cat.sorghum.id);
    expect(one).toMatchObject({
      kind: 'achievement',
      url: `${publicUrl}/achievements/${cat.sorghum.id}`,
      title: '饲用甜高粱高产节水栽培技术',
      trl: 7,
      priceFen: 20_000_000,
      priceNegotiable: false,
      pillarTags: ['sweet-sorghum'],
      ipTypes: ['plant-variety'],
      cooperationModes: [],
    });
    expect(JSON.stringify(one)).not.toContain('13909350000');
  });

  it('returns only records changed after `since`', async () => {
    const partner = await tokenClient(['reviewer'], null);
    await env.db.execute(sql`UPDATE demands SET updated_at = '2026-01-01T00:00:00Z'`);
    await env.db.execute(sql`UPDATE demands SET updated_at = '2026-05-10T00:00:00Z' WHERE id = ${cat.panels.id}`);
    const res = await partner.get('/api/v1/syndication/demands?since=2026-03-01T00:00:00Z');
    expect(res.body.items.map((r: { id: string }) => r.id)).toEqual([cat.panels.id]);
    expect(res.body.items[0]).toMatchObject({ kind: 'demand', budgetMinFen: 50_000_000, trl: null, deadline: '2027-03-31' });
  });

  it('refuses visitors, members of unverified organisations, and a forged cursor', async () => {
    expect((await new TestClient(env.app).get('/api/v1/syndication/achievements')).status).toBe(401);
    const pending = await createOrg(env.db, { status: 'pending' });
    const newcomer = await tokenClient(['enterprise_member'], pending.id);
    const res = await newcomer.get('/api/v1/syndication/achievements');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('ORG_NOT_VERIFIED');
    const staff = await tokenClient(['bureau_admin'], null);
    const forged = await staff.get('/api/v1/syndication/achievements?cursor=bm90LWEtY3Vyc29y');
    expect(forged.status).toBe(400);
    expect(forged.body.error.fields[0].path).toBe('cursor');
    expect((await staff.get('/api/v1/syndication/achievements?since=yesterday')).status).toBe(400);
  });
});

describe('SEO shell of a listing page', () => {
  const INDEX = `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="UTF-8" />
    <meta name="description" content="凉州区科技成果转移转化服务平台" />
    <title>成果 · 科技成果转移转化服务平台</title>
    <script type="module" crossorigin src="/assets/index-abc.js"></script>
  </head>
  <body><div id="root"></div></body>
</html>`;

  function jsonLdOf(html: string): Record<string, unknown> {
    const m = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html);
    return JSON.parse(m![1]!) as Record<string, unknown>;
  }

  it('gives a published achievement its title, description, canonical link and JSON-LD', async () => {
    const html = (await renderListingShell(env.db, `/achievements/${cat.sorghum.id}?from=feed`, INDEX, 'https://kj.example.cn'))!;
    expect(html).toContain('<title>饲用甜高粱高产节水栽培技术 · 成果 · 科技成果转移转化服务平台</title>');
    expect(html.match(/<title>/g)).toHaveLength(1);
    expect(html.match(/name="description"/g)).toHaveLength(1);
    expect(html).toMatch(/<meta name="description" content="武威绿洲农业 &amp; &lt;科技&gt; 有限公司：针对河西走廊/);
    expect(html).toContain(`<link rel="canonical" href="https://kj.example.cn/achievements/${cat.sorghum.id}" />`);
    expect(html).toContain('src="/assets/index-abc.js"');
    expect(jsonLdOf(html)).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'CreativeWork',
      name: '饲用甜高粱高产节水栽培技术',
      offers: { '@type': 'Offer', price: '200000.00', priceCurrency: 'CNY' },
      creator: { name: '武威绿洲农业 & <科技> 有限公司' },
    });
  });

  it('gives a published demand a schema.org Demand', async () => {
    const html = (await renderListingShell(env.db, `/demands/${cat.silage.id}`, INDEX, 'https://kj.example.cn'))!;
    expect(jsonLdOf(html)).toMatchObject({ '@type': 'Demand', name: '甜高粱青贮饲料保鲜工艺', availabilityEnds: '2026-12-31' });
  });

  it('cannot be broken out of by the listing’s text', async () => {
    const html = (await renderListingShell(env.db, `/achievements/${hostileId}`, INDEX, 'https://kj.example.cn'))!;
    // One script element of ours and the app's own; no text closes or opens one.
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html).not.toContain('<b>');
    expect(html).not.toContain('<!--');
    expect((jsonLdOf(html).name as string).startsWith('</script><script>')).toBe(true);
    expect(html).toContain('$&amp; 替换符');
  });

  it('returns null for anything that is not a published listing page', async () => {
    for (const url of [
      `/achievements/${cat.draft.id}`,
      `/achievements/${cat.withdrawn.id}`,
      `/demands/${cat.closed.id}`,
      `/demands/${cat.sorghum.id}`,
      '/achievements/00000000-0000-4000-8000-000000000000',
      '/achievements/not-an-id',
      '/achievements',
      '/',
      `/console/achievements/${cat.sorghum.id}`,
    ]) {
      expect(await renderListingShell(env.db, url, INDEX, 'https://kj.example.cn'), url).toBeNull();
    }
  });
});
