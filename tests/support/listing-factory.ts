import { sql } from 'drizzle-orm';
import {
  AchievementContent,
  DemandContent,
  type AchievementContent as AchievementContentT,
  type DemandContent as DemandContentT,
} from '../../shared/contracts/catalog-content.js';
import type { Db } from '../../server/db/client.js';
import { indexListing } from '../../server/modules/catalog/search/index-listing.js';

/**
 * Published listings written straight into the tables (a listing row whose
 * columns mirror an approved revision), then indexed: search tests do not
 * depend on the submission and review workflow.
 */

type AchievementInput = Partial<AchievementContentT> & { title: string; summary: string };
type DemandInput = Partial<DemandContentT> & { title: string; problem: string };
type Options = { organisationId: string; status?: string; publishedAt?: Date; index?: boolean };

export function achievementContent(input: AchievementInput): AchievementContentT {
  return AchievementContent.parse({
    researchStart: '2022-03',
    researchEnd: '2024-10',
    confidentiality: 'public',
    attribute: 'original-innovation',
    keywords: ['测试'],
    form: 'new-technology',
    level: 'domestic-advanced',
    stage: 'middle',
    evaluationMethod: 'acceptance',
    applicationStatus: 'trial',
    completingUnits: [{ name: '武威市农业科学研究院', share: 100 }],
    completers: [{ name: '李研究员', share: 100 }],
    trl: 6,
    transferModes: ['transfer'],
    price: { kind: 'negotiable' },
    industrySection: 'A',
    techField: 'F09.01',
    regionCode: '620602',
    contact: { name: '王老师', phone: '13909350000', email: 'wang@example.test' },
    ...input,
  });
}

export function demandContent(input: DemandInput): DemandContentT {
  return DemandContent.parse({
    budget: { minFen: 100_000_00, maxFen: 500_000_00, negotiable: false },
    cooperationModes: ['commissioned-development'],
    deadline: '2027-06-30',
    industrySection: 'C',
    regionCode: '620602',
    contact: { name: '赵经理', phone: '13809350000' },
    ...input,
  });
}

async function publish(db: Db, kind: 'achievement' | 'demand', id: string, content: object, o: Options): Promise<void> {
  const fk = sql.raw(kind === 'achievement' ? 'achievement_id' : 'demand_id');
  const table = sql.raw(kind === 'achievement' ? 'achievements' : 'demands');
  const rev = await db.execute<{ id: string }>(sql`
    INSERT INTO listing_revisions (kind, ${fk}, number, status, content, reviewed_at)
    VALUES (${kind}, ${id}, 1, 'approved', ${JSON.stringify(content)}::jsonb, now()) RETURNING id`);
  await db.execute(sql`
    UPDATE ${table} SET status = ${o.status ?? 'published'}, published_revision_id = ${rev.rows[0]!.id},
      published_at = ${(o.publishedAt ?? new Date()).toISOString()}::timestamptz, updated_at = now()
    WHERE id = ${id}`);
  if (o.index !== false) await indexListing(db, kind, id);
}

/** A published (or `status`) achievement; returns its id and content. */
export async function createAchievement(db: Db, input: AchievementInput, o: Options) {
  const c = achievementContent(input);
  const r = await db.execute<{ id: string }>(sql`
    INSERT INTO achievements (organisation_id, title, keywords, industry_section, industry_division, tech_field, pillar_tags, region_code,
      summary, trl, stage, transfer_modes, ip_types, price_fen, price_negotiable)
    VALUES (${o.organisationId}, ${c.title}, ${sql.param(c.keywords)}::text[], ${c.industrySection}, ${c.industryDivision ?? null}, ${c.techField},
      ${sql.param(c.pillarTags)}::text[], ${c.regionCode}, ${c.summary}, ${c.trl}, ${c.stage}, ${sql.param(c.transferModes)}::text[],
      ${sql.param([...new Set(c.ipItems.map((i) => i.type))])}::text[], ${c.price.kind === 'fixed' ? c.price.amountFen : null},
      ${c.price.kind === 'negotiable'})
    RETURNING id`);
  const id = r.rows[0]!.id;
  await publish(db, 'achievement', id, c, o);
  return { id, content: c };
}

/** A published (or `status`) demand; returns its id and content. */
export async function createDemand(db: Db, input: DemandInput, o: Options) {
  const c = demandContent(input);
  const r = await db.execute<{ id: string }>(sql`
    INSERT INTO demands (organisation_id, title, keywords, industry_section, industry_division, tech_field, pillar_tags, region_code,
      problem, cooperation_modes, budget_min_fen, budget_max_fen, budget_negotiable, deadline)
    VALUES (${o.organisationId}, ${c.title}, ${sql.param(c.keywords)}::text[], ${c.industrySection}, ${c.industryDivision ?? null},
      ${c.techField ?? null}, ${sql.param(c.pillarTags)}::text[], ${c.regionCode}, ${c.problem}, ${sql.param(c.cooperationModes)}::text[],
      ${c.budget.minFen ?? null}, ${c.budget.maxFen ?? null}, ${c.budget.negotiable}, ${c.deadline}::date)
    RETURNING id`);
  const id = r.rows[0]!.id;
  await publish(db, 'demand', id, c, o);
  return { id, content: c };
}

/**
 * A small catalog written for the tests (the district's pillar industries),
 * published unless said otherwise.
 */
export async function seedCatalog(db: Db, orgs: { farm: string; lab: string }) {
  const day = (d: number) => new Date(Date.UTC(2026, 4, d, 2));
  const sorghum = await createAchievement(
    db,
    {
      title: '饲用甜高粱高产节水栽培技术',
      summary: '针对河西走廊干旱少雨的条件，选育适合凉州区的饲用甜高粱品种，配套垄作沟灌与密植栽培，亩产鲜草八吨以上，较玉米青贮节水百分之三十五。',
      advantage: '节水 35%，每亩增收 600 元。',
      applicationScenarios: '养殖合作社的青贮饲料基地；盐碱地改良。',
      keywords: ['甜高粱', '节水栽培', '青贮饲料'],
      pillarTags: ['sweet-sorghum'],
      industrySection: 'A',
      industryDivision: '01',
      techField: 'F09.03',
      regionCode: '620602',
      trl: 7,
      stage: 'mature',
      transferModes: ['transfer', 'technical-service'],
      ipItems: [{ type: 'plant-variety', number: 'CNA20231234.5', legalStatus: 'granted' }],
      price: { kind: 'fixed', amountFen: 20_000_000 },
    },
    { organisationId: orgs.farm, publishedAt: day(3) },
  );
  const accelerator = await createAchievement(
    db,
    {
      title: '紧凑型医用重离子加速器注入器',
      summary: '采用射频四极场与漂移管直线加速器组合的注入器，缩短束线长度，降低医用重离子加速器的建设成本，适用于肿瘤放射治疗装置。',
      advantage: '注入器长度缩短 40%，造价降低约三成。',
      commercialRoute: '向重离子治疗系统整机企业许可，按台收取许可费。',
      keywords: ['重离子', '注入器', '放射治疗'],
      pillarTags: ['medical-heavy-ion-accelerator', 'civil-nuclear-equipment'],
      industrySection: 'C',
      industryDivision: '35',
      techField: 'F06.02',
      regionCode: '620102',
      trl: 5,
      stage: 'middle',
      transferModes: ['license', 'joint-development'],
      licenseKinds: ['exclusive'],
      ipItems: [{ type: 'invention-patent', number: 'ZL202110123456.7', legalStatus: 'granted' }],
      price: { kind: 'negotiable' },
    },
    { organisationId: orgs.lab, publishedAt: day(5) },
  );
  const sand = await createAchievement(
    db,
    {
      title: '机械治沙草方格自动铺设机',
      summary: '自走式履带底盘搭载麦草输送与压草装置，一次完成开沟、铺草、压实，用于民勤沙区的防风固沙工程，日铺设草方格三十亩。',
      keywords: ['机械治沙', '草方格', '防风固沙'],
      pillarTags: ['mechanical-sand-control'],
      industrySection: 'C',
      industryDivision: '35',
      techField: 'F09.08',
      regionCode: '620621',
      trl: 8,
      stage: 'mature',
      transferModes: ['transfer'],
      ipItems: [{ type: 'utility-model', number: 'ZL202220765432.1', legalStatus: 'granted' }],
      price: { kind: 'fixed', amountFen: 80_000_000 },
    },
    { organisationId: orgs.farm, publishedAt: day(7) },
  );
  const drip = await createAchievement(
    db,
    {
      title: '膜下滴灌水肥一体化智能控制系统',
      summary: '基于LoRa无线墒情传感网络的膜下滴灌控制系统，按作物需水规律自动配肥灌溉。A smart drip irrigation controller for greenhouses and open fields.',
      keywords: ['膜下滴灌', '水肥一体化', 'LoRa'],
      pillarTags: ['facility-farming-livestock'],
      industrySection: 'A',
      industryDivision: '01',
      techField: 'F09.02',
      regionCode: '620602',
      trl: 6,
      stage: 'middle',
      transferModes: ['technical-service'],
      ipItems: [{ type: 'software-copyright', number: '2023SR0123456', legalStatus: 'granted' }],
      price: { kind: 'fixed', amountFen: 5_000_000 },
    },
    { organisationId: orgs.farm, publishedAt: day(9) },
  );
  const wind = await createAchievement(
    db,
    {
      title: '风光电互补微电网储能调度技术',
      summary: '风电、光伏与储能协同的微电网能量管理方法，预测出力并优化充放电计划，平抑新能源出力波动，降低弃风弃光率。',
      keywords: ['风光电', '储能', '微电网'],
      pillarTags: ['wind-solar-power-equipment'],
      industrySection: 'D',
      industryDivision: '44',
      techField: 'F06.03',
      regionCode: '620600',
      trl: 4,
      stage: 'early',
      transferModes: ['joint-development'],
      price: { kind: 'negotiable' },
    },
    { organisationId: orgs.lab, publishedAt: day(11) },
  );
  const draft = await createAchievement(
    db,
    { title: '甜高粱茎秆燃料乙醇发酵工艺（草稿）', summary: '尚未提交审核的甜高粱燃料乙醇工艺草稿，不应出现在任何公开页面。', pillarTags: ['sweet-sorghum'] },
    { organisationId: orgs.farm, status: 'draft' },
  );
  const withdrawn = await createAchievement(
    db,
    { title: '甜高粱秸秆颗粒饲料压制设备', summary: '已撤回的甜高粱秸秆颗粒饲料设备成果，撤回后不应再被检索到。', pillarTags: ['sweet-sorghum'] },
    { organisationId: orgs.farm, status: 'withdrawn' },
  );
  const silage = await createDemand(
    db,
    {
      title: '甜高粱青贮饲料保鲜工艺',
      problem: '合作社自产甜高粱青贮后二次发酵严重，开窖一周内霉变，需要低成本的青贮保鲜与添加剂方案。',
      indicators: '开窖后 15 天内无明显霉变，干物质损失低于 8%。',
      keywords: ['甜高粱', '青贮'],
      pillarTags: ['sweet-sorghum'],
      industrySection: 'A',
      regionCode: '620602',
      cooperationModes: ['commissioned-development', 'technical-consulting'],
      budget: { minFen: 10_000_000, maxFen: 30_000_000, negotiable: false },
      deadline: '2026-12-31',
    },
    { organisationId: orgs.farm, publishedAt: day(4) },
  );
  const panels = await createDemand(
    db,
    {
      title: '戈壁光伏电站无水清扫机器人研制',
      problem: '戈壁光伏电站风沙大、缺水，人工清洗组件成本高，需要无水清扫机器人，适应风光电基地的大坡度支架。',
      keywords: ['光伏', '清扫机器人'],
      pillarTags: ['wind-solar-power-equipment'],
      industrySection: 'C',
      regionCode: '620622',
      cooperationModes: ['joint-development'],
      budget: { minFen: 50_000_000, maxFen: 100_000_000, negotiable: true },
      deadline: '2027-03-31',
    },
    { organisationId: orgs.lab, publishedAt: day(6) },
  );
  const closed = await createDemand(
    db,
    { title: '甜高粱收获机械改装', problem: '已解决并关闭的需求：甜高粱收获机械改装，不应出现在公开列表中。', pillarTags: ['sweet-sorghum'] },
    { organisationId: orgs.farm, status: 'closed' },
  );
  return { sorghum, accelerator, sand, drip, wind, draft, withdrawn, silage, panels, closed };
}
