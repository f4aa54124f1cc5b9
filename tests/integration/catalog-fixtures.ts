import { eq } from 'drizzle-orm';
import type { Role } from '../../shared/roles.js';
import { achievements, demands, listingRevisions } from '../../server/modules/catalog/schema.js';
import { auditLog } from '../../server/modules/audit/schema.js';
import { REVIEW_CHECKLIST } from '../../shared/contracts/catalog.js';
import type { TestEnv } from '../support/harness.js';
import { createOrg, createUser, PASSWORD } from '../support/factories.js';
import { signIn } from '../support/client.js';

/**
 * Listings written for these tests (the district's industries), and helpers
 * shared by the catalog workflow, review and demand tests.
 */
export const ACHIEVEMENT = {
  title: '甜高粱秸秆复合菌青贮饲料加工技术',
  researchStart: '2021-03',
  researchEnd: '2023-10',
  confidentiality: 'public',
  attribute: 'domestic-secondary-development',
  keywords: ['甜高粱', '青贮饲料', '乳酸菌'],
  form: 'new-process',
  level: 'domestic-advanced',
  stage: 'mature',
  evaluationMethod: 'review',
  applicationStatus: 'small-scale',
  completingUnits: [{ name: '凉州区农业技术推广中心', share: 100 }],
  completers: [
    { name: '王建国', unit: '凉州区农业技术推广中心', share: 60 },
    { name: '李秀兰', share: 40 },
  ],
  summary:
    '以甜高粱秸秆为原料，经揉丝、添加复合乳酸菌和密封发酵制成全株青贮饲料，适合凉州区规模化肉牛、肉羊养殖场使用，解决冬春季节粗饲料不足问题。已在三个养殖合作社连续示范应用三年，饲喂效果稳定，秸秆综合利用率显著提高。',
  trl: 7,
  ipItems: [{ type: 'invention-patent', number: 'ZL202210000001.1', legalStatus: 'granted' }],
  transferModes: ['license'],
  licenseKinds: ['non-exclusive'],
  price: { kind: 'fixed', amountFen: 8_000_000 },
  industrySection: 'C',
  industryDivision: '13',
  techField: 'F09',
  pillarTags: ['agri-product-deep-processing'],
  regionCode: '620602',
  advantage: '粗蛋白含量比玉米秸秆青贮提高 18%，每吨饲料成本降低 120 元',
  commercialRoute: '面向区内肉牛、肉羊养殖企业，以普通许可加现场指导推广，单场设备投资约 30 万元。',
  contact: { name: '王老师', phone: '0935-2212345', email: 'wang@example.test' },
};

export const DEMAND = {
  title: '日光温室卷帘智能控制装置',
  problem: '园区现有日光温室卷帘机依靠人工定时开关，冬季遇大风降温时反应不及时，棚内温度波动大，导致蔬菜冻害，需要一种根据光照、温度和风速自动控制卷帘的装置。',
  indicators: '棚内夜间温度不低于 8℃，卷帘响应时间小于 5 分钟，单棚改造成本不高于 3000 元',
  currentState: '园区现有 200 座日光温室，已安装电动卷帘机，尚无传感器和远程控制。',
  budget: { minFen: 10_000_00, maxFen: 50_000_00, negotiable: false },
  cooperationModes: ['commissioned-development'],
  deadline: '2026-09-30',
  industrySection: 'A',
  industryDivision: '01',
  pillarTags: ['facility-farming-livestock'],
  regionCode: '620602',
  keywords: ['日光温室', '卷帘机'],
  contact: { name: '赵经理', phone: '13800000000' },
};

export const CHECKLIST = [...REVIEW_CHECKLIST];

export async function member(env: TestEnv, opts: { orgStatus?: 'pending' | 'verified'; roles?: Role[]; organisationId?: string } = {}) {
  const organisationId = opts.organisationId ?? (await createOrg(env.db, { status: opts.orgStatus ?? 'verified' })).id;
  const user = await createUser(env.db, { roles: opts.roles ?? ['enterprise_member'], organisationId });
  return { user, organisationId, client: await signIn(env.app, user.username, PASSWORD) };
}

export async function staff(env: TestEnv, role: Role = 'reviewer') {
  const user = await createUser(env.db, { roles: [role] });
  return { user, client: await signIn(env.app, user.username, PASSWORD) };
}

export async function achievementRow(env: TestEnv, id: string) {
  const [row] = await env.db.select().from(achievements).where(eq(achievements.id, id));
  return row;
}

export async function demandRow(env: TestEnv, id: string) {
  const [row] = await env.db.select().from(demands).where(eq(demands.id, id));
  return row;
}

export async function revisionsOf(env: TestEnv, kind: 'achievement' | 'demand', id: string) {
  return env.db
    .select()
    .from(listingRevisions)
    .where(eq(kind === 'achievement' ? listingRevisions.achievementId : listingRevisions.demandId, id))
    .orderBy(listingRevisions.number);
}

export async function auditFor(env: TestEnv, entityId: string) {
  return env.db.select().from(auditLog).where(eq(auditLog.entityId, entityId)).orderBy(auditLog.seq);
}
