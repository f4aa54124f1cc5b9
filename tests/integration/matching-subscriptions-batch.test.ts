import { randomBytes } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { users } from '../../server/modules/identity/schema.js';
import { subscriptionHits, subscriptions } from '../../server/modules/matchmaking/schema.js';
import { clearSubscriptionQueryCache, matchNewRecord, type BatchStats } from '../../server/modules/matching/subscription-batch.js';
import { matchNewRecordOneByOne } from '../../server/modules/matching/subscriptions.js';
import { rebuildTermStats, invalidateTermStats } from '../../server/modules/matching/term-stats.js';
import { notifications } from '../../server/modules/notifications/schema.js';
import { createOrg, createUser } from '../support/factories.js';
import { setupTestEnv } from '../support/harness.js';
import { createAchievement, createDemand, seedCatalog } from '../support/listing-factory.js';

/**
 * The batched publication check must decide exactly what the one-by-one check
 * decided: for the same data, the same hits (subscription, relevance,
 * explanation) and the same notifications. Each publication is checked both
 * ways on the same database state and the results compared.
 */

const env = await setupTestEnv();
const farm = await createOrg(env.db, { name: '凉州区绿源种植专业合作社' });
const lab = await createOrg(env.db, { type: 'research_institute', name: '武威市农业科学研究院' });
const catalog = await seedCatalog(env.db, { farm: farm.id, lab: lab.id });

const subscriberOrgs = await Promise.all([0, 1, 2, 3].map((i) => createOrg(env.db, { name: `订阅单位${i}` })));
const subscribers = await Promise.all(subscriberOrgs.map((o) => createUser(env.db, { roles: ['enterprise_member'], organisationId: o.id })));
const labMember = await createUser(env.db, { roles: ['researcher'], organisationId: lab.id });
const disabled = await createUser(env.db, { roles: ['enterprise_member'], organisationId: subscriberOrgs[0]!.id });

// The subscribers' own listings (one a draft only they see).
const silageDemand = await createDemand(
  env.db,
  { title: '规模牧场青贮饲料霉变防控', problem: '青贮窖开窖后二次发酵、霉变，需要青贮添加剂和菌剂，降低干物质损失。', industrySection: 'A', keywords: ['青贮', '菌剂'] },
  { organisationId: subscriberOrgs[1]!.id },
);
const draftDemand = await createDemand(
  env.db,
  { title: '光伏板积灰清扫（草稿）', problem: '戈壁光伏电站组件积灰严重，人工清洗耗水，希望找到无水清扫机器人。', keywords: ['光伏', '清扫'] },
  { organisationId: subscriberOrgs[2]!.id, status: 'draft' },
);

type Sub = { user: string; target: 'achievement' | 'demand'; sourceKind: 'profile' | 'demand' | 'achievement'; sourceId?: string; profileText?: string; filters?: object; threshold: number; active?: boolean };
const PROFILES = [
  '甜高粱 青贮 饲料 发酵',
  '光伏电站清扫机器人，无水清洗组件积灰',
  '滴灌水肥一体化，节水灌溉自动控制',
  '风光储能微电网调度',
  '机械治沙 草方格 铺设',
  '医用重离子加速器',
  '奶牛养殖 粪污处理',
  '甜高粱秸秆燃料乙醇',
];
const THRESHOLDS = [0, 0.05, 0.15, 0.25, 0.35, 0.5, 0.8];
const subs: Sub[] = [];
PROFILES.forEach((text, i) => {
  for (const [j, threshold] of THRESHOLDS.entries()) {
    const user = subscribers[(i + j) % subscribers.length]!.id;
    subs.push({ user, target: 'achievement', sourceKind: 'profile', profileText: text, threshold });
    if (j % 2 === 0) subs.push({ user, target: 'demand', sourceKind: 'profile', profileText: text, threshold });
  }
});
subs.push(
  { user: subscribers[1]!.id, target: 'achievement', sourceKind: 'demand', sourceId: silageDemand.id, threshold: 0.1 },
  { user: subscribers[1]!.id, target: 'achievement', sourceKind: 'demand', sourceId: silageDemand.id, threshold: 0.3, filters: { minTrl: 7 } },
  { user: subscribers[2]!.id, target: 'achievement', sourceKind: 'demand', sourceId: draftDemand.id, threshold: 0.1 },
  // Someone else's draft: the subscriber cannot read it, so it never hits.
  { user: subscribers[3]!.id, target: 'achievement', sourceKind: 'demand', sourceId: draftDemand.id, threshold: 0 },
  { user: subscribers[0]!.id, target: 'achievement', sourceKind: 'achievement', sourceId: catalog.sorghum.id, threshold: 0.1 },
  { user: subscribers[3]!.id, target: 'demand', sourceKind: 'achievement', sourceId: catalog.panels.id, threshold: 0.05 },
  { user: subscribers[0]!.id, target: 'achievement', sourceKind: 'profile', profileText: '甜高粱', threshold: 0, filters: { techFields: ['F09'] } },
  { user: subscribers[0]!.id, target: 'achievement', sourceKind: 'profile', profileText: '甜高粱', threshold: 0, filters: { industrySections: ['C'] } },
  { user: subscribers[0]!.id, target: 'achievement', sourceKind: 'profile', profileText: '甜高粱', threshold: 0, filters: { pillarTags: ['wind-solar-power-equipment'] } },
  // The same interest without filters, and saved twice: shared full queries must still respect each one's filters.
  { user: subscribers[2]!.id, target: 'achievement', sourceKind: 'profile', profileText: '甜高粱', threshold: 0 },
  { user: subscribers[3]!.id, target: 'achievement', sourceKind: 'profile', profileText: '甜高粱', threshold: 0.2 },
  { user: subscribers[0]!.id, target: 'achievement', sourceKind: 'profile', profileText: '甜高粱', threshold: 0, filters: { transferModes: ['license'] } },
  { user: subscribers[0]!.id, target: 'achievement', sourceKind: 'profile', profileText: '甜高粱', threshold: 0, filters: { regionCodes: ['620600'], minTrl: 5 } },
  { user: subscribers[0]!.id, target: 'achievement', sourceKind: 'profile', profileText: '甜高粱', threshold: 0, active: false },
  // The publishing organisation's own member: never told about its own records.
  { user: labMember.id, target: 'achievement', sourceKind: 'profile', profileText: '甜高粱 青贮 饲料', threshold: 0 },
  { user: disabled.id, target: 'achievement', sourceKind: 'profile', profileText: '甜高粱 青贮 饲料', threshold: 0 },
);
await env.db.insert(subscriptions).values(
  subs.map((s) => ({
    userId: s.user,
    target: s.target,
    sourceKind: s.sourceKind,
    sourceId: s.sourceId ?? null,
    profileText: s.profileText ?? null,
    filters: s.filters ?? {},
    threshold: s.threshold,
    active: s.active ?? true,
    unsubscribeTokenHash: randomBytes(16).toString('hex'),
  })),
);
await env.db.update(users).set({ status: 'disabled' }).where(eq(users.id, disabled.id));
await rebuildTermStats(env.db, 'achievement');
await rebuildTermStats(env.db, 'demand');
invalidateTermStats(env.db);

type Outcome = { hits: string[]; notes: string[] };

/** What a check left for one record: its hits and notifications (as comparable strings), then removed again. */
async function takeOutcome(kind: 'achievement' | 'demand', id: string): Promise<Outcome> {
  const hits = await env.db.select().from(subscriptionHits).where(and(eq(subscriptionHits.recordKind, kind), eq(subscriptionHits.recordId, id)));
  const notes = await env.db.select().from(notifications).where(eq(notifications.kind, 'match.subscription_hit'));
  const mine = notes.filter((n) => String(n.link ?? '').endsWith(id));
  if (hits.length) await env.db.delete(subscriptionHits).where(inArray(subscriptionHits.id, hits.map((h) => h.id)));
  if (mine.length) await env.db.delete(notifications).where(inArray(notifications.id, mine.map((n) => n.id)));
  return {
    hits: hits.map((h) => JSON.stringify([h.subscriptionId, h.score, h.explanation])).sort(),
    notes: mine.map((n) => JSON.stringify([n.userId, n.params, n.link])).sort(),
  };
}

const now = env.clock.now();
const stats: BatchStats[] = [];

async function bothWays(kind: 'achievement' | 'demand', id: string): Promise<{ batched: Outcome; oneByOne: Outcome }> {
  const n = await matchNewRecord(env.db, kind, id, now, (s) => stats.push(s));
  const batched = await takeOutcome(kind, id);
  expect(batched.hits).toHaveLength(n);
  await matchNewRecordOneByOne(env.db, kind, id, now);
  const oneByOne = await takeOutcome(kind, id);
  return { batched, oneByOne };
}

describe('the batched subscription check', () => {
  it('records the same hits and notifications as one query per subscription, for every kind of subscription', async () => {
    const published = [
      await createAchievement(env.db, { title: '甜高粱青贮饲料复合菌剂', summary: '乳酸菌与布氏乳杆菌复合菌剂，抑制青贮二次发酵和霉变，降低干物质损失。', keywords: ['青贮', '菌剂', '甜高粱'], pillarTags: ['sweet-sorghum'], trl: 7 }, { organisationId: lab.id }),
      await createAchievement(env.db, { title: '光伏组件无水清扫机器人', summary: '沿阵列行走的履带机器人，毛刷无水清扫组件积灰，适用于戈壁光伏电站。', keywords: ['光伏', '清扫'], industrySection: 'D', techField: 'F07.02', transferModes: ['license'], licenseKinds: ['exclusive'], pillarTags: ['wind-solar-power-equipment'] }, { organisationId: farm.id }),
      await createAchievement(env.db, { title: '甜高粱茎秆燃料乙醇固态发酵', summary: '甜高粱茎秆固态发酵生产燃料乙醇，发酵周期短，出醇率高。', keywords: ['燃料乙醇', '甜高粱'], regionCode: '620100', trl: 5 }, { organisationId: farm.id }),
      await createAchievement(env.db, { title: '沙漠公路防沙栅栏材料', summary: '高密度聚乙烯防沙网，耐紫外老化，用于沙漠公路两侧防风固沙。', keywords: ['治沙'], industrySection: 'N' }, { organisationId: farm.id }),
    ];
    const demands = [
      await createDemand(env.db, { title: '青贮饲料发酵菌剂采购', problem: '合作社青贮甜高粱，需要发酵菌剂和青贮技术指导。', keywords: ['青贮', '甜高粱'], industrySection: 'A' }, { organisationId: farm.id }),
      await createDemand(env.db, { title: '储能电站能量管理系统', problem: '风光储一体化项目需要微电网能量管理和储能调度系统。', keywords: ['储能', '微电网'], industrySection: 'D' }, { organisationId: farm.id }),
    ];
    let total = 0;
    for (const a of published) {
      const { batched, oneByOne } = await bothWays('achievement', a.id);
      expect(batched).toEqual(oneByOne);
      total += batched.hits.length;
    }
    for (const d of demands) {
      const { batched, oneByOne } = await bothWays('demand', d.id);
      expect(batched).toEqual(oneByOne);
      total += batched.hits.length;
    }
    // The comparison means something: some subscriptions were hit, and most needed no full query.
    expect(total).toBeGreaterThan(5);
    const checked = stats.reduce((s, x) => s + x.subscriptions, 0);
    const full = stats.reduce((s, x) => s + x.fullQueries, 0);
    expect(full).toBeLessThan(checked / 2);
  });

  it('gives the same result with a cold cache and after a subscription or its listing changed', async () => {
    const a = await createAchievement(env.db, { title: '青贮窖密封覆膜技术', summary: '双层覆膜和负压密封，减少青贮窖开窖后的二次发酵。', keywords: ['青贮'] }, { organisationId: lab.id });
    clearSubscriptionQueryCache(env.db);
    const cold = await bothWays('achievement', a.id);
    expect(cold.batched).toEqual(cold.oneByOne);
    // A profile rewritten and a threshold lowered: the cached query must not be reused.
    const [profile] = await env.db.select().from(subscriptions).where(eq(subscriptions.profileText, '医用重离子加速器'));
    await env.db.update(subscriptions).set({ profileText: '青贮窖 覆膜 密封', threshold: 0 }).where(eq(subscriptions.id, profile!.id));
    const changed = await bothWays('achievement', a.id);
    expect(changed.batched).toEqual(changed.oneByOne);
    expect(changed.batched.hits.some((h) => h.includes(profile!.id))).toBe(true);
    // The draft demand behind a subscription rewritten by its organisation: its new text counts.
    const [draftSub] = await env.db.select().from(subscriptions).where(and(eq(subscriptions.sourceId, draftDemand.id), eq(subscriptions.userId, subscribers[2]!.id)));
    const before = await bothWays('achievement', a.id);
    expect(before.batched.hits.some((h) => h.includes(draftSub!.id))).toBe(false);
    await env.db.execute(sql`UPDATE listing_revisions SET content = jsonb_set(content, '{problem}', to_jsonb('青贮窖开窖后二次发酵严重，需要青贮窖密封覆膜技术。'::text)), updated_at = now()
      WHERE demand_id = ${draftDemand.id}`);
    await env.db.execute(sql`UPDATE demands SET title = '青贮窖密封覆膜' WHERE id = ${draftDemand.id}`);
    const after = await bothWays('achievement', a.id);
    expect(after.batched).toEqual(after.oneByOne);
    expect(after.batched.hits.some((h) => h.includes(draftSub!.id))).toBe(true);
  });

  it('leaves a record already announced alone (an edit re-publishing it)', async () => {
    const a = await createAchievement(env.db, { title: '甜高粱青贮添加剂', summary: '甜高粱青贮专用添加剂，抑制开窖后的霉变和二次发酵。', keywords: ['青贮', '甜高粱'] }, { organisationId: lab.id });
    const first = await matchNewRecord(env.db, 'achievement', a.id, now);
    expect(first).toBeGreaterThan(0);
    expect(await matchNewRecord(env.db, 'achievement', a.id, now)).toBe(0);
  });
});
