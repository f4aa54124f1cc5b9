import { describe, expect, it } from 'vitest';
import { listingQuality, QUALITY_KEYS } from './quality.js';

const completeAchievement = {
  title: '甜高粱秸秆青贮饲料加工技术',
  summary:
    '以甜高粱秸秆为原料，经揉丝、添加复合乳酸菌和密封发酵制成青贮饲料。该工艺适合凉州区规模化肉牛养殖场使用，解决冬春季节粗饲料不足的问题，已在多个养殖合作社连续三年示范应用，饲喂效果稳定，可显著提高秸秆综合利用率，减少焚烧造成的环境污染，带动种植户增收。'.repeat(1),
  keywords: ['甜高粱', '青贮', '乳酸菌'],
  advantage: '粗蛋白含量比玉米秸秆青贮提高 18%，每吨饲料成本降低 120 元',
  ipItems: [{ type: 'invention-patent' as const, legalStatus: 'granted' as const, number: 'ZL202110000001.1' }],
  trl: 7,
  stage: 'mature' as const,
  commercialRoute: '面向区内肉牛、肉羊养殖企业，以技术许可加现场指导的方式推广，设备投资约 30 万元。',
  price: { kind: 'fixed' as const, amountFen: 50_000_00 },
};

describe('listingQuality: achievements', () => {
  it('gives 100 and nothing missing when every decisive fact is there', () => {
    expect(listingQuality('achievement', completeAchievement)).toEqual({ score: 100, missing: [] });
  });

  it('lists every decisive fact of an empty draft, with stable keys', () => {
    const q = listingQuality('achievement', { title: '新技术' });
    expect(q.score).toBe(0);
    expect(q.missing).toEqual(['advantage', 'ip', 'maturity', 'route', 'price', 'summary', 'keywords']);
    expect(q.missing).toEqual(QUALITY_KEYS.achievement);
  });

  it('wants the advantage quantified or compared, not just praised', () => {
    expect(listingQuality('achievement', { ...completeAchievement, advantage: '效果很好，深受欢迎' }).missing).toEqual(['advantage']);
    expect(listingQuality('achievement', { ...completeAchievement, advantage: '节水效果较传统漫灌明显' }).missing).toEqual([]);
    expect(listingQuality('achievement', { ...completeAchievement, advantage: 'Energy use is lower than diesel pumps' }).missing).toEqual([]);
  });

  it('accepts an explicit statement instead of IP items', () => {
    const noIp = { ...completeAchievement, ipItems: [] };
    expect(listingQuality('achievement', noIp).missing).toEqual(['ip']);
    expect(listingQuality('achievement', { ...noIp, commercialRoute: `${noIp.commercialRoute}本技术为专有技术，未申请专利。` }).missing).toEqual([]);
  });

  it('needs both TRL and stage for maturity', () => {
    expect(listingQuality('achievement', { ...completeAchievement, stage: undefined }).missing).toEqual(['maturity']);
    expect(listingQuality('achievement', { ...completeAchievement, trl: undefined }).missing).toEqual(['maturity']);
  });

  it('accepts 面议 only when the transfer terms are stated', () => {
    const neg = { ...completeAchievement, price: { kind: 'negotiable' as const } };
    expect(listingQuality('achievement', neg).missing).toEqual(['price']);
    expect(listingQuality('achievement', { ...neg, transferModes: ['transfer' as const] }).missing).toEqual([]);
    expect(listingQuality('achievement', { ...neg, transferModes: ['license' as const] }).missing).toEqual(['price']);
    expect(listingQuality('achievement', { ...neg, transferModes: ['license' as const], licenseKinds: ['sole' as const] }).missing).toEqual([]);
  });

  it('weighs a short summary and few keywords lightly', () => {
    const q = listingQuality('achievement', { ...completeAchievement, summary: '简短介绍', keywords: ['青贮'] });
    expect(q).toEqual({ score: 80, missing: ['summary', 'keywords'] });
  });
});

describe('listingQuality: demands', () => {
  const complete = {
    title: '戈壁日光温室智能卷帘控制',
    problem: '现有日光温室卷帘机依靠人工定时开关，冬季遇大风降温时反应不及时，棚内温度波动大，导致蔬菜冻害，需要根据光照和温度自动控制卷帘的装置。',
    indicators: '棚内夜间温度不低于 8℃，卷帘响应时间小于 5 分钟，单棚改造成本不高于 3000 元',
    currentState: '园区现有 200 座日光温室，已安装电动卷帘机，无传感器。',
    budget: { minFen: 10_000_00, maxFen: 50_000_00, negotiable: false },
    cooperationModes: ['commissioned-development' as const],
    deadline: '2026-12-31',
  };

  it('gives 100 when complete', () => {
    expect(listingQuality('demand', complete)).toEqual({ score: 100, missing: [] });
  });

  it('lists what an empty demand lacks', () => {
    expect(listingQuality('demand', { title: '需求标题' })).toEqual({
      score: 0,
      missing: ['indicators', 'budget', 'deadline', 'currentState', 'cooperationModes', 'problem'],
    });
  });

  it('counts a negotiable budget as stated', () => {
    expect(listingQuality('demand', { ...complete, budget: { negotiable: true } }).missing).toEqual([]);
    expect(listingQuality('demand', { ...complete, budget: { negotiable: false } }).missing).toEqual(['budget']);
  });

  it('keeps the score within 0–100 for any subset of facts', () => {
    const keys = Object.keys(complete) as (keyof typeof complete)[];
    for (let mask = 0; mask < 1 << keys.length; mask++) {
      const partial = Object.fromEntries(keys.filter((_, i) => mask & (1 << i)).map((k) => [k, complete[k]]));
      const q = listingQuality('demand', partial);
      expect(q.score).toBeGreaterThanOrEqual(0);
      expect(q.score).toBeLessThanOrEqual(100);
      expect(q.score === 100).toBe(q.missing.length === 0);
    }
  });
});
