import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAs, uniqueSuffix } from './support/api.js';
import { Journey, launchBrowser, STEP_TIMEOUT } from './support/browser.js';
import { signInHttp } from './support/launch.js';

/**
 * Issue 7, tasks 12 and 16: a tech commissioner on a 375 px-wide phone logs a
 * village service with a photo, once while the phone is offline (the log
 * waits in the phone's outbox and is sent when it is back online, once);
 * the bureau's coverage view shows the village covered, and the plan's
 * coverage indicator rises, its drill-down naming the village.
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

async function personPage(viewport: { width: number; height: number }): Promise<{ page: Page; context: BrowserContext }> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport, locale: 'zh-CN', isMobile: viewport.width < 500, hasTouch: viewport.width < 500 });
  context.setDefaultTimeout(STEP_TIMEOUT);
  contexts.push(context);
  const page = await context.newPage();
  pages.push(page);
  return { page, context };
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

/** A 1×1 PNG: a real image, as the files API checks the type from the content. */
const PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

type TreeNode = { id: string; code: string | null; name: string; type?: string; children: TreeNode[] };
const flatten = (nodes: TreeNode[]): TreeNode[] => nodes.flatMap((n) => [n, ...flatten(n.children)]);

describe('commissioner journey', () => {
  it('a commissioner on a phone logs a village service with a photo, offline first; coverage and the plan indicator follow', async () => {
    const journey = new Journey('commissioner');
    const step = <T>(name: string, fn: () => Promise<T>) => journey.step(name, () => pages, fn);
    const suffix = uniqueSuffix();
    const bureau = { username: `kb${suffix}`, password: 'Bureau-Strong-2024!' };
    const kp = { username: `tp${suffix}`, password: 'Commissioner-Strong-2024!' };
    const villageName = `红柳湾${suffix.slice(-4)}村`;
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const year = Number(today.slice(0, 4));
    let planId = '';
    let villageId = '';

    await step('set-up', async () => {
      const admin = await apiAs(baseUrl, 'admin', adminPassword);
      const tree = (await admin.get('/api/v1/organisations/tree')) as { roots: TreeNode[] };
      const nodes = flatten(tree.roots);
      const nongmu = nodes.find((n) => n.code === 'nongmuju')!;
      await account(admin, { username: bureau.username, displayName: '周科长', roles: ['bureau_admin'] }, bureau.password);
      const kpId = await account(admin, { username: kp.username, displayName: '马建农', roles: ['commissioner'], organisationId: nongmu.id }, kp.password);
      const b = await apiAs(baseUrl, bureau.username, bureau.password);
      const towns = (await b.get('/api/v1/villages/townships')) as { items: { id: string; name: string }[] };
      const town = towns.items.find((x) => x.name === '黄羊镇')!;
      villageId = ((await b.post('/api/v1/villages', { townshipId: town.id, name: villageName, povertyFlaggedYear: 2014 })) as { id: string }).id;
      const commissioner = (await b.post('/api/v1/commissioners', { kind: 'individual', name: `马建农${suffix.slice(-3)}`, expertise: ['日光温室', '节水灌溉'], homeUnit: '区农牧局', legalType: 'individual', userId: kpId })) as { id: string };
      const plan = (await b.post('/api/v1/plans/import', {
        plan: {
          format: 'chengguo-plan/1',
          code: `e2e-coverage-${suffix}`,
          title: `科技特派员贫困村全覆盖工作方案（${suffix}）`,
          issuingBody: '凉州区人民政府办公室',
          startDate: `${year}-01-01`,
          endDate: `${year + 1}-12-31`,
          settings: { atRiskMarginPercent: 10, reportDueDays: 10, reportingFrom: `${year}-01-01` },
          tasks: [{ number: 16, title: '实现科技特派员贫困村全覆盖', measures: '向每个贫困村选派科技特派员。', schedule: { kind: 'continuous' }, leadUnit: 'kejiju' }],
          indicators: [{ code: 'coverage', task: 16, name: '科技特派员贫困村选派覆盖率', unit: 'percent', aggregation: 'cumulative', source: { kind: 'computed', query: 'commissioner-village-coverage' }, public: true, targets: [{ year: year + 1, value: 10000 }] }],
        },
      })) as { id: string };
      planId = plan.id;
      await b.post(`/api/v1/commissioners/${commissioner.id}/assignments`, { targetKind: 'village', villageId, startsOn: today, note: '设施蔬菜技术服务' });
    });

    const { page: phone, context: phoneContext } = await personPage({ width: 375, height: 740 });
    await step('commissioner-signs-in-on-phone', async () => {
      await signIn(phone, kp.username, kp.password);
      await phone.goto('/m/commissioner');
      await phone.getByTestId('service-log-form').waitFor();
      await journey.shot(phone, 'phone-form');
    });

    await step('offline-log-waits-in-outbox', async () => {
      await phoneContext.setOffline(true);
      await phone.getByTestId('offline-tag').waitFor();
      await phone.getByTestId('log-what').fill('日光温室番茄整枝打杈与水肥一体化现场指导，讲解病虫害绿色防控。');
      await phone.getByTestId('log-place').fill(`${villageName}三组温室区`);
      await phone.getByTestId('log-beneficiaries').fill('种植户 12 户');
      await phone.getByTestId('log-minutes').fill('150');
      await phone.locator('input[type=file]').setInputFiles({ name: '温室现场.png', mimeType: 'image/png', buffer: PHOTO });
      await phone.getByText('温室现场.png').waitFor();
      await phone.getByTestId('log-submit').click();
      await phone.getByTestId('log-queued').waitFor();
      await phone.getByTestId('outbox-count').waitFor();
      await journey.shot(phone, 'phone-offline-outbox');
    });

    await step('back-online-the-log-is-sent-once', async () => {
      await phoneContext.setOffline(false);
      await phone.getByTestId('log-saved').waitFor();
      await expect.poll(async () => phone.getByTestId('outbox-count').count()).toBe(0);
      await phone.getByTestId('recent-log').first().waitFor();
      expect(await phone.getByTestId('recent-log').count()).toBe(1);
      await expect.poll(async () => (await phone.getByTestId('recent-log').first().textContent()) ?? '').toContain('1 📷');
      await journey.shot(phone, 'phone-sent');
    });

    const { page: office } = await personPage({ width: 1366, height: 900 });
    await step('coverage-view-shows-the-village-covered', async () => {
      await signIn(office, bureau.username, bureau.password);
      await office.goto('/console/coverage');
      const tag = office.getByTestId(`village-${villageName}`);
      await tag.waitFor();
      expect(await tag.getAttribute('data-covered')).toBe('true');
      await journey.shot(office, 'coverage-grid');
    });

    await step('plan-indicator-and-drill-down', async () => {
      await office.goto(`/console/plans?plan=${planId}&year=${year}`);
      const value = office.getByTestId('indicator-value-coverage');
      await value.waitFor();
      const text = (await value.textContent())?.trim() ?? '';
      expect(text).not.toBe('0');
      expect(text).not.toMatch(/^0(\.0+)?%?$/);
      await value.click();
      await office.getByTestId('drill-drawer').getByText(`科技特派员覆盖：黄羊镇${villageName}`).waitFor();
      await journey.shot(office, 'plan-drill-down');
    });
    expect(villageId).not.toBe('');
  });
});
