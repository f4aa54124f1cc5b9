import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAs, registerEnterprise, uniqueSuffix } from './support/api.js';
import { Journey, STEP_TIMEOUT } from './support/browser.js';
import { Cast, createAccount, signIn } from './support/cast.js';

/**
 * Issue 4, from match to outcome: an enterprise's demand is published (over
 * the API, with a reviewer); the enterprise opens it and sees the explained
 * matches (relevance, matched words, each factor's share), marks the best one
 * useful and expresses interest from that match; the achievement's holder
 * accepts (contacts are exchanged); the bureau assigns a broker, who finds
 * the case on the workload page; the two sides negotiate and the case closes
 * with an agreement; the funnel counts it.
 */
const baseUrl = inject('e2eBaseUrl');
const adminPassword = inject('e2eAdminPassword');

const cast = new Cast(baseUrl);

beforeAll(() => cast.open());
afterAll(() => cast.close());

/** Runs a status move from the case page: opens its dialog, fills the text if any, confirms, waits for the new status. */
async function move(page: Page, action: string, status: string, text?: string) {
  await page.getByTestId(`case-${action}`).click();
  await page.locator('.ant-modal').getByTestId('move-confirm').waitFor();
  if (text) await page.getByTestId('move-text').fill(text);
  await page.getByTestId('move-confirm').click();
  const done = page.getByTestId(`case-status-${status}`).first();
  const refused = page.locator('.ant-message-error, .ant-form-item-explain-error').first();
  await done.or(refused).waitFor();
  if (await refused.isVisible()) throw new Error(`"${action}" was refused: ${await refused.textContent()}`);
}

describe('matchmaking journey', () => {
  it('an enterprise sees explained matches of its demand, expresses interest from one, the holder accepts, a broker is assigned, the case ends in agreement', async () => {
    const journey = new Journey('matchmaking');
    const step = <T>(name: string, fn: () => Promise<T>) => journey.step(name, cast.pages, fn);
    const suffix = uniqueSuffix();
    const ent = { username: `ent${suffix}`, password: 'Greenhouse-Roller-2024!', org: `凉州设施农业有限公司${suffix}` };
    const holder = { username: `hold${suffix}`, password: 'Holder-Strong-2024!', org: `武威智能农机研究所${suffix}` };
    const reviewer = { username: `mrev${suffix}`, password: 'Reviewer-Strong-2024!' };
    const broker = { username: `brk${suffix}`, password: 'Broker-Strong-2024!', name: `陈经纪${suffix}` };
    const title = `日光温室卷帘智能控制装置需求 ${suffix}`;
    const achievementTitle = `日光温室卷帘智能控制器 ${suffix}`;
    let demandId = '';
    let achievementId = '';

    await step('set-up', async () => {
      await registerEnterprise(baseUrl, { orgName: ent.org, username: ent.username, password: ent.password });
      await registerEnterprise(baseUrl, { orgName: holder.org, username: holder.username, password: holder.password });
      const admin = await apiAs(baseUrl, 'admin', adminPassword);
      await createAccount(baseUrl, admin, { username: reviewer.username, displayName: '王审核', roles: ['reviewer'] }, reviewer.password);
      await createAccount(baseUrl, admin, { username: broker.username, displayName: broker.name, roles: ['broker'] }, broker.password);
      const rev = await apiAs(baseUrl, reviewer.username, reviewer.password);
      for (const who of [ent, holder]) {
        const m = await apiAs(baseUrl, who.username, who.password);
        const s = (await m.get('/api/v1/session')) as { user: { organisation: { id: string } } };
        await rev.post(`/api/v1/organisations/${s.user.organisation.id}/verification`, { decision: 'verified' });
      }
      // The enterprise's demand, published by the reviewer.
      const e = await apiAs(baseUrl, ent.username, ent.password);
      const created = (await e.post('/api/v1/demands', {
        title,
        problem: '园区现有日光温室卷帘机依靠人工定时开关，冬季遇大风降温时反应不及时，棚内温度波动大，导致蔬菜冻害，需要根据光照、温度和风速自动控制卷帘的装置。',
        indicators: '棚内夜间温度不低于 8℃，卷帘响应时间小于 5 分钟，单棚改造成本不高于 3000 元',
        budget: { minFen: 10_000_00, maxFen: 50_000_00, negotiable: false },
        cooperationModes: ['commissioned-development'],
        deadline: '2030-09-30',
        industrySection: 'A',
        industryDivision: '01',
        regionCode: '620602',
        keywords: ['日光温室', '卷帘机'],
        contact: { name: '赵经理', phone: '13800000000' },
      })) as { id: string };
      demandId = created.id;
      const sub = (await e.post(`/api/v1/demands/${demandId}/submit`)) as { pending: { id: string } };
      await rev.post(`/api/v1/review/revisions/${sub.pending.id}/approve`, {
        checklist: ['public_confidentiality', 'facts_complete', 'no_personal_data_in_text', 'ip_consistent', 'not_duplicate'],
      });
      // The holder's achievement, published the same way: what the demand should be matched with.
      const ho = await apiAs(baseUrl, holder.username, holder.password);
      const a = (await ho.post('/api/v1/achievements', {
        title: achievementTitle,
        researchStart: '2022-03',
        researchEnd: '2024-10',
        confidentiality: 'public',
        attribute: 'original-innovation',
        keywords: ['日光温室', '卷帘机', '智能控制'],
        form: 'new-product',
        level: 'domestic-advanced',
        stage: 'mature',
        evaluationMethod: 'acceptance',
        applicationStatus: 'small-scale',
        completingUnits: [{ name: holder.org, share: 100 }],
        completers: [{ name: '李研究员', share: 100 }],
        summary: '根据棚内外温度、光照和风速自动启闭日光温室卷帘机的智能控制器，冬季大风降温时自动放帘保温，夜间棚温稳定，已在古浪县 50 座日光温室应用，单棚改造成本约 2000 元。',
        trl: 7,
        transferModes: ['technical-service', 'transfer'],
        price: { kind: 'negotiable' },
        industrySection: 'A',
        industryDivision: '01',
        techField: 'F09',
        regionCode: '620602',
        advantage: '夜间棚温波动减少 60%，卷帘响应时间 2 分钟',
        contact: { name: '李研究员', phone: '13909350000' },
      })) as { id: string };
      achievementId = a.id;
      const asub = (await ho.post(`/api/v1/achievements/${achievementId}/submit`)) as { pending: { id: string } };
      await rev.post(`/api/v1/review/revisions/${asub.pending.id}/approve`, {
        checklist: ['public_confidentiality', 'facts_complete', 'no_personal_data_in_text', 'ip_consistent', 'not_duplicate'],
      });
    });

    // 1. The enterprise opens its demand and sees the explained matches (re-indexing runs after the approval commits).
    const e = await cast.person();
    await step('enterprise-sees-matches', async () => {
      await signIn(e, ent.username, ent.password);
      await e.goto(`/demands/${demandId}`);
      const item = e.locator(`[data-testid="match-item"][data-id="${achievementId}"]`);
      await expect
        .poll(async () => {
          if ((await item.count()) > 0) return true;
          await e.reload();
          await e.getByTestId('demand-matches').waitFor();
          return (await item.count()) > 0;
        })
        .toBe(true);
      await item.locator('.cg-match-term').first().waitFor();
      expect((await item.locator('.cg-match-term').allTextContents()).some((w) => /卷帘|温室/.test(w))).toBe(true);
      await item.getByText('得分构成').click();
      await item.getByTestId('match-factors').getByText('内容相关').waitFor();
      await journey.shot(e, 'explained-matches');
      await item.getByTestId('match-useful').click();
      await item.getByTestId('match-thanks').waitFor();
    });

    // 2. …and expresses interest from that match: a case opens over both listings.
    let caseUrl = '';
    await step('enterprise-expresses-interest-from-match', async () => {
      const item = e.locator(`[data-testid="match-item"][data-id="${achievementId}"]`);
      await item.getByTestId('match-interest').click();
      await e.getByTestId('interest-message').fill('贵所的卷帘智能控制器与我们的需求很吻合，希望到古浪县应用现场考察并洽谈委托开发。');
      await journey.shot(e, 'interest-message');
      await e.getByTestId('interest-send').click();
      await e.waitForURL(/\/console\/cases\/[0-9a-f-]{36}$/);
      caseUrl = new URL(e.url()).pathname;
      await e.getByTestId('case-status-interest').first().waitFor();
      await e.getByText('智能匹配').first().waitFor();
      // Contacts stay hidden until the holder accepts.
      expect(await e.getByTestId('side-contacts').count()).toBe(0);
      await journey.shot(e, 'case-opened');
    });

    // 3. The holder sees the case in its list and accepts; contacts are exchanged.
    const h = await cast.person();
    await step('holder-accepts', async () => {
      await signIn(h, holder.username, holder.password);
      await h.getByTestId('menu-cases').click();
      await h.waitForURL(/\/console\/cases$/);
      await h.locator(`a[href="${caseUrl}"]`).first().click();
      await h.getByTestId('case-accept').waitFor();
      await journey.shot(h, 'case-to-accept');
      await move(h, 'accept', 'contact', '欢迎来古浪县现场考察，我们可带样机演示。');
      await expect.poll(() => h.getByTestId('side-contacts').count()).toBeGreaterThan(0);
      await journey.shot(h, 'accepted');
    });

    // 4. The enterprise writes back through the case.
    await step('enterprise-writes', async () => {
      await e.reload();
      await e.getByTestId('composer-text').fill('好的，我们下周二到古浪县，请届时带样机演示。');
      await e.getByTestId('composer-send').click();
      await e.getByTestId('case-timeline').getByText('请届时带样机演示').waitFor();
    });

    // 5. A bureau reviewer assigns a broker.
    const r = await cast.person();
    await step('reviewer-assigns-broker', async () => {
      await signIn(r, reviewer.username, reviewer.password);
      await r.goto(caseUrl);
      await r.getByTestId('assign-broker').click();
      // The reviewer finds the broker by name in the list of broker accounts.
      await r.getByTestId('broker-select').click();
      await r.keyboard.type(broker.name);
      await r.locator('.ant-select-item-option').filter({ hasText: broker.name }).first().click();
      await r.getByTestId('assign-confirm').click();
      await expect.poll(() => r.getByTestId('case-broker').textContent()).toBe(broker.name);
      await journey.shot(r, 'broker-assigned');
    });

    // 6. The broker sees the open case on the workload page.
    await step('broker-workload', async () => {
      const b = await cast.person();
      await signIn(b, broker.username, broker.password);
      await b.getByTestId('menu-workload').click();
      await b.waitForURL(/\/console\/broker/);
      await b.locator(`a[href="${caseUrl}"]`).first().waitFor();
      await journey.shot(b, 'workload');
    });

    // 7. Negotiation, then agreement.
    await step('agreement', async () => {
      await e.reload();
      await move(e, 'negotiate', 'negotiation');
      await move(e, 'agree', 'agreement', '双方约定以委托开发方式合作，首期改造 20 座温室，合同金额 36 万元。');
      await e.getByText('双方已达成合作协议').waitFor();
      await journey.shot(e, 'agreement');
    });

    // 8. The funnel counts it (and the suggestions shown); beside it, the engine measured against the enterprise's "useful".
    await step('funnel', async () => {
      await r.goto('/console/funnel');
      await r.getByTestId('funnel-chart').waitFor();
      const quality = r.getByTestId('feedback-quality');
      await quality.getByText('推荐质量：用户反馈评估').waitFor();
      // The evaluation runs in the background: started from the card, its figures appear when the run is done.
      await quality.getByTestId('quality-start').click();
      await expect.poll(async () => (await quality.getByTestId('quality-useful-now').textContent()) ?? '', { timeout: STEP_TIMEOUT }).toMatch(/\d+\.\d%/);
      await expect.poll(async () => (await quality.getByTestId('quality-when').textContent()) ?? '', { timeout: STEP_TIMEOUT }).toMatch(/评估完成于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}（北京时间），由 王审核 发起/);
      await quality.getByTestId('quality-history-toggle').click();
      await quality.getByTestId('quality-history').getByText('已完成').first().waitFor();
      await quality.getByRole('columnheader', { name: '匹配方向' }).waitFor();
      await quality.getByRole('cell', { name: '需求 → 成果' }).waitFor();
      await journey.shot(r, 'funnel');
    });

    // 9. "Describe your problem" in the portal, and a subscription to new matches of that description.
    await step('describe-and-subscribe', async () => {
      await e.goto('/match');
      await e.getByTestId('describe-text').fill('冬季大风降温时温室卷帘机来不及放下，想找能按温度和风速自动控制卷帘的设备。');
      await e.getByTestId('describe-submit').click();
      await e.getByTestId('describe-results').locator(`[data-testid="match-item"][data-id="${achievementId}"]`).waitFor();
      await journey.shot(e, 'describe-problem');
      await e.getByRole('button', { name: '订阅此描述的新匹配' }).click();
      await e.waitForURL(/\/console\/subscriptions/);
      await e.getByTestId('subscription-profile').waitFor();
      await e.getByTestId('subscription-save').click();
      await e.getByTestId('subscriptions-page').getByText('冬季大风降温时').waitFor();
      await journey.shot(e, 'subscriptions');
    });
  });
});
