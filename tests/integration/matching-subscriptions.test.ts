import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { enqueue } from '../../server/core/jobs/queue.js';
import { reindexListingJob } from '../../server/modules/catalog/search/index-listing.js';
import { mailOutbox } from '../../server/modules/mail/schema.js';
import { subscriptionHits, subscriptions } from '../../server/modules/matchmaking/schema.js';
import { sendDigests } from '../../server/modules/matching/digests.js';
import { notifications } from '../../server/modules/notifications/schema.js';
import { users } from '../../server/modules/identity/schema.js';
import { signIn, TestClient } from '../support/client.js';
import { createOrg, PASSWORD } from '../support/factories.js';
import { setupTestEnv, TestClock } from '../support/harness.js';
import { createAchievement, createDemand } from '../support/listing-factory.js';
import { member } from './catalog-fixtures.js';

// 06:00 district time on 1 June: before the day's digests go out (08:00).
const clock = new TestClock(Date.parse('2026-05-31T22:00:00Z'));
const env = await setupTestEnv({ clock });
const institute = await createOrg(env.db, { type: 'research_institute', name: '武威市农业科学研究院' });
const dairy = await member(env);
const other = await member(env);
await env.db.update(users).set({ email: 'dairy@example.test' }).where(eq(users.id, dairy.user.id));

// A background corpus so that idf means something.
await createAchievement(env.db, { title: '戈壁光伏组件无水清扫机器人', summary: '履带式机器人沿光伏阵列行走，毛刷无水清扫组件表面积灰，提高戈壁光伏电站发电效率。' }, { organisationId: institute.id });
await createAchievement(env.db, { title: '日光温室卷帘智能控制装置', summary: '根据光照、温度和风速自动控制日光温室卷帘机，冬季夜间保温，减少蔬菜冻害。' }, { organisationId: institute.id });

const demand = await createDemand(
  env.db,
  {
    title: '奶牛场青贮饲料二次发酵防控',
    problem: '牧场青贮窖开窖后温度升高、霉变严重，需要可在规模牧场推广的青贮添加剂与青贮菌剂，降低干物质损失。',
    industrySection: 'A',
    keywords: ['青贮', '菌剂', '二次发酵'],
  },
  { organisationId: dairy.organisationId },
);

/** Publishes an achievement the way the catalog does: the re-indexing job after commit, then matching's jobs. */
async function publish(title: string, summary: string, organisationId = institute.id, extra: Record<string, unknown> = {}) {
  const a = await createAchievement(env.db, { title, summary, ...extra }, { organisationId, index: false });
  await enqueue(env.db, reindexListingJob, { kind: 'achievement', id: a.id });
  await env.drainJobs();
  return a;
}

async function subscribe(client: TestClient, body: Record<string, unknown>) {
  const res = await client.post('/api/v1/match/subscriptions', body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

describe('subscriptions', () => {
  it('refuses what cannot be matched, naming the field, and saves nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ target: 'demand', sourceKind: 'demand', sourceId: demand.id }, 'target'],
      [{ target: 'achievement', sourceKind: 'demand' }, 'sourceId'],
      [{ target: 'achievement', sourceKind: 'profile' }, 'profileText'],
      [{ target: 'achievement', sourceKind: 'profile', profileText: '青贮', threshold: 2 }, 'threshold'],
      [{ target: 'achievement', sourceKind: 'profile', profileText: '青贮', emailDigest: 'hourly' }, 'emailDigest'],
      [{ target: 'achievement', sourceKind: 'demand', sourceId: '00000000-0000-4000-8000-000000000000' }, 'sourceId'],
    ];
    for (const [body, field] of cases) {
      const res = await dairy.client.post('/api/v1/match/subscriptions', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.fields.map((f: any) => f.path)).toContain(field);
    }
    // Another organisation's draft is as unknown as a missing one.
    const draft = await createDemand(env.db, { title: '未发布的需求草稿', problem: '这是另一家单位尚未发布的需求草稿，外单位不能订阅它的匹配结果。' }, { organisationId: other.organisationId, status: 'draft' });
    const res = await dairy.client.post('/api/v1/match/subscriptions', { target: 'achievement', sourceKind: 'demand', sourceId: draft.id });
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].path).toBe('sourceId');
    expect((await new TestClient(env.app).post('/api/v1/match/subscriptions', { target: 'achievement', sourceKind: 'profile', profileText: '青贮' })).status).toBe(401);
    expect(await env.db.select().from(subscriptions)).toHaveLength(0);
  });

  it('tells the subscriber in the app when a matching record is published, with the explanation', async () => {
    const sub = await subscribe(dairy.client, { target: 'achievement', sourceKind: 'demand', sourceId: demand.id, threshold: 0.3, emailDigest: 'daily' });
    expect(sub).toMatchObject({ target: 'achievement', sourceKind: 'demand', source: { id: demand.id, title: '奶牛场青贮饲料二次发酵防控' }, threshold: 0.3, emailDigest: 'daily', active: true, hits: 0 });

    const silage = await publish('青贮饲料复合菌剂防二次发酵技术', '乳酸菌与布氏乳杆菌复配的青贮菌剂，抑制青贮开窖后的二次发酵和霉变，适用于规模牧场，干物质损失降低四成。', institute.id, {
      keywords: ['青贮', '菌剂'],
      industrySection: 'A',
    });
    const hits = await env.db.select().from(subscriptionHits).where(eq(subscriptionHits.subscriptionId, sub.id));
    expect(hits.map((h) => h.recordId)).toEqual([silage.id]);
    expect(hits[0]!.score).toBeGreaterThanOrEqual(0.3);
    const notes = await env.db.select().from(notifications).where(eq(notifications.userId, dairy.user.id));
    const hitNote = notes.find((n) => n.kind === 'match.subscription_hit')!;
    expect(hitNote.link).toBe(`/achievements/${silage.id}`);
    expect(String((hitNote.params as any).summaryZh)).toMatch(/青贮/);

    const listed = await dairy.client.get(`/api/v1/match/subscriptions/${sub.id}/hits`);
    expect(listed.status).toBe(200);
    expect(listed.body.items[0]).toMatchObject({ recordId: silage.id, kind: 'achievement', title: '青贮饲料复合菌剂防二次发酵技术' });
    expect(listed.body.items[0].explanation.matchedTerms.length).toBeGreaterThan(0);

    // Re-indexing the same record (an edit) does not announce it again.
    await enqueue(env.db, reindexListingJob, { kind: 'achievement', id: silage.id });
    await env.drainJobs();
    expect(await env.db.select().from(subscriptionHits).where(eq(subscriptionHits.subscriptionId, sub.id))).toHaveLength(1);
  });

  it('stays quiet for records below the threshold, outside the filters, or of the subscriber’s own organisation', async () => {
    const strict = await subscribe(dairy.client, { target: 'achievement', sourceKind: 'profile', profileText: '青贮菌剂 二次发酵 霉变', threshold: 1 });
    const filtered = await subscribe(dairy.client, { target: 'achievement', sourceKind: 'profile', profileText: '青贮菌剂 二次发酵 霉变', threshold: 0, filters: { industrySections: ['C'] } });
    const loose = await subscribe(dairy.client, { target: 'achievement', sourceKind: 'profile', profileText: '青贮菌剂 二次发酵 霉变', threshold: 0 });
    await publish('青贮窖密封防霉变薄膜', '青贮窖用多层共挤阻氧薄膜，减少开窖前后的霉变和二次发酵。', institute.id, { industrySection: 'A' });
    await publish('本单位的青贮菌剂', '本单位自己的青贮菌剂与二次发酵防控成果，不应推送给本单位。', dairy.organisationId, { industrySection: 'A' });
    const count = async (id: string) => (await env.db.select().from(subscriptionHits).where(eq(subscriptionHits.subscriptionId, id))).length;
    expect(await count(strict.id)).toBe(0);
    expect(await count(filtered.id)).toBe(0);
    expect(await count(loose.id)).toBe(1);
    // Unrelated publications never hit even a zero threshold (no shared words, not a candidate).
    await publish('重离子加速器注入器', '射频四极场与漂移管直线加速器组合的注入器。');
    expect(await count(loose.id)).toBe(1);
  });

  it('belong to their user: others get 404; the owner changes, lists and deletes them', async () => {
    const sub = await subscribe(dairy.client, { target: 'achievement', sourceKind: 'profile', profileText: '滴灌 水肥一体化' });
    for (const [method, url, body] of [
      ['PATCH', `/api/v1/match/subscriptions/${sub.id}`, { threshold: 0.9 }],
      ['GET', `/api/v1/match/subscriptions/${sub.id}/hits`, undefined],
      ['DELETE', `/api/v1/match/subscriptions/${sub.id}`, undefined],
    ] as const) {
      expect((await other.client.request(method, url, body)).status).toBe(404);
    }
    expect((await other.client.get('/api/v1/match/subscriptions')).body.items).toHaveLength(0);
    const bad = await dairy.client.patch(`/api/v1/match/subscriptions/${sub.id}`, {});
    expect(bad.status).toBe(400);
    const changed = await dairy.client.patch(`/api/v1/match/subscriptions/${sub.id}`, { threshold: 0.9, emailDigest: 'weekly', active: false });
    expect(changed.body).toMatchObject({ threshold: 0.9, emailDigest: 'weekly', active: false });
    const list = await dairy.client.get('/api/v1/match/subscriptions');
    expect(list.body.items.map((s: any) => s.id)).toContain(sub.id);
    expect((await dairy.client.delete(`/api/v1/match/subscriptions/${sub.id}`)).status).toBe(200);
    expect((await dairy.client.get(`/api/v1/match/subscriptions/${sub.id}/hits`)).status).toBe(404);
  });

  it('sends the daily digest once a day, with the explanation and a working unsubscribe link', async () => {
    // Before 08:00 nothing goes out.
    expect(await sendDigests(env.db, clock.now(), 'https://cg.example.test/')).toBe(0);
    clock.set('2026-06-01T00:30:00Z');
    const n = await sendDigests(env.db, clock.now(), 'https://cg.example.test/');
    expect(n).toBe(1);
    const mails = await env.db.select().from(mailOutbox);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.toAddress).toBe('dairy@example.test');
    expect(mail.subject).toMatch(/每日匹配推送/);
    expect(mail.bodyText).toContain('青贮饲料复合菌剂防二次发酵技术');
    expect(mail.bodyText).toMatch(/匹配词/);
    expect(mail.bodyText).toMatch(/Matched words/);
    const link = /https:\/\/cg\.example\.test\/unsubscribe\?token=(\S+)/.exec(mail.bodyText)!;
    expect(link).not.toBeNull();

    // Nothing new, or not a new day yet: no second mail.
    expect(await sendDigests(env.db, clock.now(), 'https://cg.example.test')).toBe(0);
    await publish('青贮添加剂乳酸菌制剂', '用于青贮的乳酸菌添加剂，抑制开窖后二次发酵与霉变，牧场青贮品质提升。', institute.id, { industrySection: 'A', keywords: ['青贮', '菌剂'] });
    clock.advance(3600);
    expect(await sendDigests(env.db, clock.now(), 'https://cg.example.test')).toBe(0);
    clock.set('2026-06-02T00:30:00Z'); // 08:30 the next district day
    expect(await sendDigests(env.db, clock.now(), 'https://cg.example.test')).toBe(1);

    // The link works without signing in, and again (idempotent); a forged token does not.
    const token = decodeURIComponent(link[1]!);
    const visitor = new TestClient(env.app);
    const res = await visitor.post('/api/v1/match/unsubscribe', { token });
    expect(res.status).toBe(200);
    expect(res.body.description).toBe('奶牛场青贮饲料二次发酵防控');
    const [row] = await env.db.select().from(subscriptions).where(eq(subscriptions.id, token.split('.')[0]!));
    expect(row).toMatchObject({ active: false, emailDigest: 'none' });
    expect((await visitor.post('/api/v1/match/unsubscribe', { token })).status).toBe(200);
    const forged = `${token.split('.')[0]}.${'A'.repeat(43)}`;
    expect((await visitor.post('/api/v1/match/unsubscribe', { token: forged })).status).toBe(404);
    const otherId = (await env.db.select().from(subscriptions)).find((s) => s.id !== row!.id)!.id;
    expect((await visitor.post('/api/v1/match/unsubscribe', { token: `${otherId}.${token.split('.')[1]}` })).status).toBe(404);
  });

  it('weekly digests wait seven days', async () => {
    const again = await signIn(env.app, dairy.user.username, PASSWORD); // a day later: a new session
    const sub = await subscribe(again, { target: 'achievement', sourceKind: 'profile', profileText: '青贮菌剂 二次发酵 霉变', threshold: 0, emailDigest: 'weekly' });
    await publish('青贮菌剂现场快速检测', '青贮菌剂活菌数现场快速检测方法，判断二次发酵与霉变风险。', institute.id, { industrySection: 'A' });
    const before = (await env.db.select().from(mailOutbox)).length;
    // The hourly schedule (run by the drain) or this call sends the first weekly digest at once.
    await sendDigests(env.db, clock.now(), 'https://cg.example.test');
    const first = await env.db.execute(sql`SELECT count(*)::int AS n FROM match_subscription_hits WHERE subscription_id = ${sub.id} AND digested_at IS NULL`);
    expect(first.rows[0]!.n).toBe(0);
    await publish('青贮菌剂冻干保存工艺', '青贮菌剂冻干保存，防止二次发酵与霉变的菌剂活性下降。', institute.id, { industrySection: 'A' });
    clock.advance(3 * 86400);
    await sendDigests(env.db, clock.now(), 'https://cg.example.test');
    const [s] = await env.db.select().from(subscriptions).where(eq(subscriptions.id, sub.id));
    const pending = await env.db.execute(sql`SELECT count(*)::int AS n FROM match_subscription_hits WHERE subscription_id = ${sub.id} AND digested_at IS NULL`);
    expect(pending.rows[0]!.n).toBeGreaterThan(0);
    clock.advance(4 * 86400);
    await sendDigests(env.db, clock.now(), 'https://cg.example.test');
    const after = await env.db.execute(sql`SELECT count(*)::int AS n FROM match_subscription_hits WHERE subscription_id = ${sub.id} AND digested_at IS NULL`);
    expect(after.rows[0]!.n).toBe(0);
    expect(s!.lastDigestAt).not.toBeNull();
    expect((await env.db.select().from(mailOutbox)).length).toBeGreaterThan(before);
  });

});
