import { count, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { experts } from '../../server/modules/funding/schema.js';
import { syncDirectory } from '../../server/modules/matching/directory-index.js';
import { matchDirectoryDocs } from '../../server/modules/matching/schema.js';
import type { Role } from '../../shared/roles.js';
import { signIn, TestClient } from '../support/client.js';
import { createOrg, createUser, PASSWORD } from '../support/factories.js';
import { setupTestEnv } from '../support/harness.js';

const env = await setupTestEnv();
const login = async (roles: Role[], organisationId?: string | null) => {
  const u = await createUser(env.db, { roles, organisationId });
  return { user: u, client: await signIn(env.app, u.username, PASSWORD) };
};
const anon = new TestClient(env.app);
const reviewer = (await login(['reviewer'])).client;
const admin = (await login(['bureau_admin'])).client;
const enterprise = (await login(['enterprise_member'], (await createOrg(env.db, { name: '武威甜高粱酒业有限公司' })).id)).client;

/** Registers, submits and approves an entry the way its owner and the bureau do. */
async function publish(client: TestClient, path: string, content: Record<string, unknown>, approve = true): Promise<string> {
  const created = await client.post(`/api/v1/${path}`, { content });
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  await client.post(`/api/v1/${path}/${created.body.id}/submit`);
  if (approve) expect((await reviewer.post(`/api/v1/${path}/${created.body.id}/approve`)).body.status).toBe('published');
  return created.body.id;
}

async function institution(name: string, content: Record<string, unknown>, approve = true) {
  const org = await createOrg(env.db, { type: 'service_institution', name });
  const owner = await login(['service_member'], org.id);
  const id = await publish(owner.client, 'institutions', { name, summary: '', ...content }, approve);
  return { id, owner: owner.client, organisationId: org.id };
}

const ipAgency = await institution('武威知识产权代理事务所', {
  types: ['ip_agency', 'legal'],
  summary: '为企业和科研院所提供发明专利申请、专利布局和商标注册服务。',
  regionCode: '620602',
});
await ipAgency.owner.post(`/api/v1/institutions/${ipAgency.id}/services`, {
  category: 'ip_agency',
  name: '发明专利申请代理',
  description: '技术交底书撰写、专利检索、发明专利申请文件撰写与审查意见答复。',
  priceFen: 800000,
});
const testing = await institution('甘肃河西检验检测中心', {
  types: ['testing'],
  summary: '食品和农产品检验检测，出具具有资质的检测报告，服务酿酒和农产品加工企业。',
  regionCode: '620100',
  recognitionLevel: 'provincial',
  certificateNo: 'GS-JC-2025-01',
  recognisedOn: '2025-05-01',
});
const unapproved = await institution('尚未审核的专利服务公司', { types: ['ip_agency'], summary: '发明专利申请代理、专利检索、专利布局服务（待审核）。' }, false);
const withdrawn = await institution('已撤下的专利事务所', { types: ['ip_agency'], summary: '发明专利申请代理与专利检索服务（已撤下）。' });
expect((await withdrawn.owner.post(`/api/v1/institutions/${withdrawn.id}/withdraw`, {})).body.status).toBe('withdrawn');

const brokerUser = await login(['broker'], (await createOrg(env.db, { type: 'service_institution', name: '凉州区技术转移服务中心' })).id);
const brokerId = await publish(brokerUser.client, 'brokers', { name: '张明', grade: 'intermediate', expertise: ['甜高粱深加工', '酿酒工艺'], bio: '从事甜高粱酿酒和农产品精深加工技术转移十年，熟悉发酵工艺。' });
const draftBroker = await login(['broker']);
await publish(draftBroker.client, 'brokers', { name: '李未审', grade: 'junior', expertise: ['甜高粱深加工', '酿酒工艺'], bio: '甜高粱酿酒发酵工艺（未审核）。' }, false);

const expertUser = await createUser(env.db, { roles: ['expert'] });
const [expert] = await env.db.insert(experts).values({ userId: expertUser.id, name: '王教授', field: '发酵工程 酿酒工艺', title: '教授', unit: '甘肃农业大学食品科学与工程学院' }).returning();
const retiredUser = await createUser(env.db, { roles: ['expert'] });
const [retired] = await env.db.insert(experts).values({ userId: retiredUser.id, name: '赵停用', field: '发酵工程 酿酒工艺', title: '研究员', unit: '某研究所', active: 0 }).returning();

const PATENT = '我们研发了一种新型甜高粱榨汁设备，想申请发明专利，需要专利检索和专利申请代理服务。';
const LIQUOR = '甜高粱酿酒的发酵工艺不稳定，出酒率低，想找懂发酵工艺的专家指导。';
const ids = (body: { items: { id: string }[] }) => body.items.map((i) => i.id);
const indexRows = async () => (await env.db.select({ n: count() }).from(matchDirectoryDocs))[0]!.n;
/** Matches check the registries' signatures at most once a second per process. */
const nextCheck = () => new Promise((r) => setTimeout(r, 1100));

describe('free text → service institutions', () => {
  it('finds the institution whose services fit, explained in both languages, with a link to its directory page', async () => {
    const res = await anon.post('/api/v1/match/institutions', { text: PATENT });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.direction).toBe('text-institutions');
    const first = res.body.items[0];
    expect(first).toMatchObject({ id: ipAgency.id, kind: 'institution', title: '武威知识产权代理事务所', externalId: null, link: `/directory/institutions/${ipAgency.id}` });
    expect(first.organisation).toMatchObject({ id: ipAgency.organisationId, name: '武威知识产权代理事务所' });
    expect(first.explanation.matchedTerms).toEqual(expect.arrayContaining(['专利']));
    expect(first.explanation.summary.zh).toMatch(/^匹配词：.*专利/);
    expect(first.explanation.summary.en).toMatch(/^Matched words: .*专利/);
    expect(first.explanation.factors[0]).toMatchObject({ key: 'text', zh: '内容相关', en: 'Content relevance' });
    expect(first.details.services).toEqual([{ name: '发明专利申请代理', category: 'ip_agency' }]);
    expect(first.details.types).toEqual(['ip_agency', 'legal']);
    expect(first.score).toBeGreaterThan(0);
    expect(first.relevance).toBeGreaterThan(0);
    expect(first.relevance).toBeLessThanOrEqual(1);
  });

  it('never returns an unapproved or withdrawn institution, even for its own words', async () => {
    const res = await anon.post('/api/v1/match/institutions', { text: '发明专利申请代理、专利检索、专利布局服务（待审核）（已撤下）', limit: 100 });
    expect(ids(res.body)).toContain(ipAgency.id);
    expect(ids(res.body)).not.toContain(unapproved.id);
    expect(ids(res.body)).not.toContain(withdrawn.id);
    // Not even for its owner.
    const own = await unapproved.owner.post('/api/v1/match/institutions', { text: '尚未审核的专利服务公司 待审核', limit: 100 });
    expect(ids(own.body)).not.toContain(unapproved.id);
  });

  it('applies region, type and recognition-level filters in the query', async () => {
    const text = '检验检测 专利 农产品 酿酒';
    const all = ids((await anon.post('/api/v1/match/institutions', { text })).body);
    expect(all).toEqual(expect.arrayContaining([ipAgency.id, testing.id]));
    expect(ids((await anon.post('/api/v1/match/institutions', { text, filters: { regionCodes: ['620600'] } })).body)).toEqual([ipAgency.id]);
    expect(ids((await anon.post('/api/v1/match/institutions', { text, filters: { institutionTypes: ['testing'] } })).body)).toEqual([testing.id]);
    expect(ids((await anon.post('/api/v1/match/institutions', { text, filters: { recognitionLevels: ['provincial', 'national'] } })).body)).toEqual([testing.id]);
    expect(ids((await anon.post('/api/v1/match/institutions', { text, filters: { regionCodes: ['620600'], institutionTypes: ['testing'] } })).body)).toEqual([]);
  });

  it('follows the registry: a withdrawal hides at once, an approval and a new service are matchable on the next check', async () => {
    expect((await testing.owner.post(`/api/v1/institutions/${testing.id}/withdraw`, {})).body.status).toBe('withdrawn');
    expect(ids((await anon.post('/api/v1/match/institutions', { text: '食品和农产品检验检测' })).body)).not.toContain(testing.id);
    // Back in the directory: a change, submitted and approved again.
    const current = (await testing.owner.get(`/api/v1/institutions/${testing.id}`)).body;
    const saved = await testing.owner.put(`/api/v1/institutions/${testing.id}`, { content: { ...(current.pending?.content ?? current.content), summary: '食品、白酒和农产品检验检测，出具具有资质的检测报告。' } });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    await testing.owner.post(`/api/v1/institutions/${testing.id}/submit`);
    expect((await reviewer.post(`/api/v1/institutions/${testing.id}/approve`)).body.status).toBe('published');
    await testing.owner.post(`/api/v1/institutions/${testing.id}/services`, { category: 'testing', name: '白酒理化指标检测', description: '甲醇、杂醇油、总酸总酯检测。', priceFen: 30000 });
    await nextCheck();
    const res = await anon.post('/api/v1/match/institutions', { text: '白酒甲醇和杂醇油超标，需要检测' });
    expect(res.body.items[0]).toMatchObject({ id: testing.id, details: { services: [{ name: '白酒理化指标检测', category: 'testing' }] } });
  });

  it('refuses bad input with a clear error, and changes nothing', async () => {
    const before = await indexRows();
    const cases: [unknown, string][] = [
      [{ text: '专' }, 'text'],
      [{ text: PATENT, limit: 0 }, 'limit'],
      [{ text: PATENT, limit: 101 }, 'limit'],
      [{ text: PATENT, filters: { regionCodes: ['999999'] } }, 'filters.regionCodes.0'],
      [{ text: PATENT, filters: { institutionTypes: ['cooking'] } }, 'filters.institutionTypes.0'],
      [{ text: PATENT, filters: { recognitionLevel: ['national'] } }, 'filters'],
      [{ text: PATENT, filter: {} }, ''],
    ];
    for (const [body, path] of cases) {
      const res = await anon.post('/api/v1/match/institutions', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      if (path) expect(res.body.error.fields.map((f: { path: string }) => f.path).join(' ')).toContain(path);
    }
    expect(await indexRows()).toBe(before);
  });
});

describe('free text → experts and brokers', () => {
  it('finds approved brokers for everyone, explained, with a link to the broker directory', async () => {
    const res = await anon.post('/api/v1/match/experts', { text: LIQUOR, limit: 50 });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.direction).toBe('text-experts');
    expect(res.body.items[0]).toMatchObject({ id: brokerId, kind: 'broker', title: '张明', link: `/directory/brokers/${brokerId}`, details: { grade: 'intermediate', expertise: ['甜高粱深加工', '酿酒工艺'] } });
    expect(res.body.items[0].explanation.matchedTerms).toEqual(expect.arrayContaining(['发酵']));
    // The unapproved broker and the review experts are not shown to the public.
    expect(res.body.items.map((i: { kind: string }) => i.kind)).toEqual(['broker']);
    const enterpriseView = await enterprise.post('/api/v1/match/experts', { text: LIQUOR, limit: 50 });
    expect(ids(enterpriseView.body)).toEqual([brokerId]);
  });

  it('shows the bureau the review experts too (field, title, unit), never an inactive one', async () => {
    for (const client of [reviewer, admin]) {
      const res = await client.post('/api/v1/match/experts', { text: LIQUOR, limit: 50 });
      expect(ids(res.body)).toEqual(expect.arrayContaining([brokerId, expert!.id]));
      expect(ids(res.body)).not.toContain(retired!.id);
      expect(res.body.items.find((i: { id: string }) => i.id === expert!.id)).toMatchObject({
        kind: 'expert',
        title: '王教授',
        link: null,
        details: { field: '发酵工程 酿酒工艺', professionalTitle: '教授', unit: '甘肃农业大学食品科学与工程学院' },
      });
    }
    const onlyExperts = await admin.post('/api/v1/match/experts', { text: LIQUOR, filters: { kinds: ['expert'] } });
    expect(ids(onlyExperts.body)).toEqual([expert!.id]);
    const seniorBrokers = await admin.post('/api/v1/match/experts', { text: LIQUOR, filters: { brokerGrades: ['senior'] } });
    expect(ids(seniorBrokers.body)).toEqual([]);
    // Asking for experts as the public gives nothing rather than an error: the pool is not theirs to see.
    expect(ids((await anon.post('/api/v1/match/experts', { text: LIQUOR, filters: { kinds: ['expert'] } })).body)).toEqual([]);
  });

  it('follows the expert pool: a deactivated expert disappears at once', async () => {
    await env.db.update(experts).set({ active: 0 }).where(eq(experts.id, expert!.id));
    expect(ids((await admin.post('/api/v1/match/experts', { text: LIQUOR, limit: 50 })).body)).not.toContain(expert!.id);
    await env.db.update(experts).set({ active: 1 }).where(eq(experts.id, expert!.id));
  });

  it('refuses bad filters with a clear error', async () => {
    for (const body of [{ text: LIQUOR, filters: { kinds: ['institution'] } }, { text: LIQUOR, filters: { brokerGrades: ['expert'] } }, { text: LIQUOR, filters: { regionCodes: ['620600'] } }, { text: '' }]) {
      const res = await anon.post('/api/v1/match/experts', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
  });
});

describe('the directory index', () => {
  it('holds only entries that may be matched, rebuilt only when they change', async () => {
    await nextCheck();
    await anon.post('/api/v1/match/institutions', { text: PATENT });
    const rows = await env.db.select({ kind: matchDirectoryDocs.kind, id: matchDirectoryDocs.entryId }).from(matchDirectoryDocs).where(eq(matchDirectoryDocs.kind, 'institution'));
    expect(rows.map((r) => r.id).sort()).toEqual([ipAgency.id, testing.id].sort());
    expect(await syncDirectory(env.db, 'institution', new Date())).toEqual({ written: 0, removed: 0 });
    await env.db.execute(sql`UPDATE institutions SET summary = summary || '另提供PCT国际专利申请。' WHERE id = ${ipAgency.id}`);
    expect(await syncDirectory(env.db, 'institution', new Date())).toEqual({ written: 1, removed: 0 });
    expect(await syncDirectory(env.db, 'expert', new Date())).toEqual({ written: 0, removed: 0 });
    await env.db.update(experts).set({ active: 0 }).where(eq(experts.id, expert!.id));
    expect(await syncDirectory(env.db, 'expert', new Date())).toEqual({ written: 0, removed: 1 });
  });

  it('the scheduled job keeps it in step without anyone matching', async () => {
    await env.db.update(experts).set({ active: 1 }).where(eq(experts.id, expert!.id));
    env.clock.advance(3600);
    await env.drainJobs();
    const rows = await env.db.select({ id: matchDirectoryDocs.entryId }).from(matchDirectoryDocs).where(eq(matchDirectoryDocs.kind, 'expert'));
    expect(rows.map((r) => r.id)).toEqual([expert!.id]);
  });
});
