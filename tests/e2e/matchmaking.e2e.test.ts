import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAs, registerEnterprise, uniqueSuffix } from './support/api.js';
import { Journey, launchBrowser, STEP_TIMEOUT } from './support/browser.js';
import { signInHttp } from './support/launch.js';

/**
 * Issue 4, matchmaking: an enterprise's demand is published (over the API,
 * with a reviewer); a holder of an achievement expresses interest from the
 * demand's page; the enterprise accepts (contacts are exchanged); the bureau
 * assigns a broker, who finds the case on the workload page; the two sides
 * negotiate and the case closes with an agreement; the funnel counts it.
 */
const baseUrl = inject('e2eBaseUrl');
const adminPassword = inject('e2eAdminPassword');

let browser: Browser;
const contexts: BrowserContext[] = [];
const pages: Page[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
});

async function personPage(): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  context.setDefaultTimeout(STEP_TIMEOUT);
  contexts.push(context);
  const page = await context.newPage();
  pages.push(page);
  return page;
}

async function signIn(page: Page, username: string, password: string) {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(/\/console/);
}

async function account(admin: Awaited<ReturnType<typeof apiAs>>, body: Record<string, unknown>, password: string): Promise<string> {
  const created = (await admin.post('/api/v1/users', body)) as { user: { id: string }; oneTimePassword: string };
  const first = await signInHttp(baseUrl, body.username as string, created.oneTimePassword);
  const res = await fetch(`${baseUrl}/api/v1/auth/password`, {
    method: 'POST',
    headers: { cookie: first.cookie, 'x-csrf-token': first.csrf, 'content-type': 'application/json' },
    body: JSON.stringify({ currentPassword: created.oneTimePassword, newPassword: password }),
  });
  expect(res.status).toBe(200);
  return created.user.id;
}

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
  it('a holder expresses interest in a demand, the enterprise accepts, a broker is assigned, the case ends in agreement', async () => {
    const journey = new Journey('matchmaking');
    const step = <T>(name: string, fn: () => Promise<T>) => journey.step(name, () => pages, fn);
    const suffix = uniqueSuffix();
    const ent = { username: `ent${suffix}`, password: 'Greenhouse-Roller-2024!', org: `凉州设施农业有限公司${suffix}` };
    const holder = { username: `hold${suffix}`, password: 'Holder-Strong-2024!', org: `武威智能农机研究所${suffix}` };
    const reviewer = { username: `mrev${suffix}`, password: 'Reviewer-Strong-2024!' };
    const broker = { username: `brk${suffix}`, password: 'Broker-Strong-2024!', name: `陈经纪${suffix}` };
    const title = `日光温室卷帘智能控制装置需求 ${suffix}`;
    let demandId = '';
    let brokerId = '';

    await step('set-up', async () => {
      await registerEnterprise(baseUrl, { orgName: ent.org, username: ent.username, password: ent.password });
      await registerEnterprise(baseUrl, { orgName: holder.org, username: holder.username, password: holder.password });
      const admin = await apiAs(baseUrl, 'admin', adminPassword);
      await account(admin, { username: reviewer.username, displayName: '王审核', roles: ['reviewer'] }, reviewer.password);
      brokerId = await account(admin, { username: broker.username, displayName: broker.name, roles: ['broker'] }, broker.password);
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
    });

    // 1. The holder finds the demand and expresses interest from its page.
    const h = await personPage();
    let caseUrl = '';
    await step('holder-expresses-interest', async () => {
      await signIn(h, holder.username, holder.password);
      await h.goto(`/demands/${demandId}`);
      await h.getByTestId('express-interest').click();
      await h.getByTestId('interest-message').fill('我所研制的温室卷帘智能控制器已在古浪县 50 座温室应用，可根据光照、温度、风速自动启闭，希望与贵公司洽谈合作。');
      await journey.shot(h, 'interest-message');
      await h.getByTestId('interest-send').click();
      await h.waitForURL(/\/console\/cases\/[0-9a-f-]{36}$/);
      caseUrl = new URL(h.url()).pathname;
      await h.getByTestId('case-status-interest').first().waitFor();
      // Contacts stay hidden until the enterprise accepts.
      expect(await h.getByTestId('side-contacts').count()).toBe(0);
      await journey.shot(h, 'case-opened');
    });

    // 2. The enterprise sees the case in its list and accepts; contacts are exchanged.
    const e = await personPage();
    await step('enterprise-accepts', async () => {
      await signIn(e, ent.username, ent.password);
      await e.getByTestId('menu-cases').click();
      await e.waitForURL(/\/console\/cases$/);
      await e.locator(`a[href="${caseUrl}"]`).first().click();
      await e.getByTestId('case-accept').waitFor();
      await journey.shot(e, 'case-to-accept');
      await move(e, 'accept', 'contact', '欢迎联系，我们希望先到园区实地查看。');
      await expect.poll(() => e.getByTestId('side-contacts').count()).toBeGreaterThan(0);
      await journey.shot(e, 'accepted');
    });

    // 3. The holder writes back through the case.
    await step('holder-writes', async () => {
      await h.reload();
      await h.getByTestId('composer-text').fill('好的，我们下周二到园区，届时带样机演示。');
      await h.getByTestId('composer-send').click();
      await h.getByTestId('case-timeline').getByText('带样机演示').waitFor();
    });

    // 4. A bureau reviewer assigns a broker.
    const r = await personPage();
    await step('reviewer-assigns-broker', async () => {
      await signIn(r, reviewer.username, reviewer.password);
      await r.goto(caseUrl);
      await r.getByTestId('assign-broker').click();
      await r.getByTestId('broker-id').fill(brokerId);
      await r.getByTestId('assign-confirm').click();
      await expect.poll(() => r.getByTestId('case-broker').textContent()).toBe(broker.name);
      await journey.shot(r, 'broker-assigned');
    });

    // 5. The broker sees the open case on the workload page.
    await step('broker-workload', async () => {
      const b = await personPage();
      await signIn(b, broker.username, broker.password);
      await b.getByTestId('menu-workload').click();
      await b.waitForURL(/\/console\/broker/);
      await b.locator(`a[href="${caseUrl}"]`).first().waitFor();
      await journey.shot(b, 'workload');
    });

    // 6. Negotiation, then agreement.
    await step('agreement', async () => {
      await e.reload();
      await move(e, 'negotiate', 'negotiation');
      await move(e, 'agree', 'agreement', '双方约定以委托开发方式合作，首期改造 20 座温室，合同金额 36 万元。');
      await e.getByText('双方已达成合作协议').waitFor();
      await journey.shot(e, 'agreement');
    });

    // 7. The funnel counts it.
    await step('funnel', async () => {
      await r.goto('/console/funnel');
      await r.getByTestId('funnel-chart').waitFor();
      await journey.shot(r, 'funnel');
    });
  });
});
