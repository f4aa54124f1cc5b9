import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAs, registerEnterprise, uniqueSuffix } from './support/api.js';
import { Journey, launchBrowser, STEP_TIMEOUT } from './support/browser.js';
import { signInHttp } from './support/launch.js';

/**
 * Issue 7: a service institution registers its entry in the console and
 * submits it; a reviewer approves it from the review queue; a visitor finds it
 * in the public directory with a Chinese search and opens it.
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

describe('registries journey', () => {
  it('an institution registers its entry, the bureau approves it, it appears in the public directory search', async () => {
    const journey = new Journey('registries');
    const step = <T>(name: string, fn: () => Promise<T>) => journey.step(name, () => pages, fn);
    const suffix = uniqueSuffix();
    const inst = { username: `inst${suffix}`, password: 'Transfer-Centre-2024!', org: `凉州区技术转移服务中心${suffix}` };
    const reviewer = { username: `rrev${suffix}`, password: 'Reviewer-Strong-2024!' };
    const name = `凉州甜高粱技术转移服务中心${suffix}`;

    await step('set-up', async () => {
      await registerEnterprise(baseUrl, { orgName: inst.org, username: inst.username, password: inst.password });
      const admin = await apiAs(baseUrl, 'admin', adminPassword);
      const created = (await admin.post('/api/v1/users', { username: reviewer.username, displayName: '王审核', roles: ['reviewer'] })) as { oneTimePassword: string };
      const first = await signInHttp(baseUrl, reviewer.username, created.oneTimePassword);
      const res = await fetch(`${baseUrl}/api/v1/auth/password`, {
        method: 'POST',
        headers: { cookie: first.cookie, 'x-csrf-token': first.csrf, 'content-type': 'application/json' },
        body: JSON.stringify({ currentPassword: created.oneTimePassword, newPassword: reviewer.password }),
      });
      expect(res.status).toBe(200);
      const rev = await apiAs(baseUrl, reviewer.username, reviewer.password);
      const m = await apiAs(baseUrl, inst.username, inst.password);
      const s = (await m.get('/api/v1/session')) as { user: { organisation: { id: string } } };
      await rev.post(`/api/v1/organisations/${s.user.organisation.id}/verification`, { decision: 'verified' });
    });

    const owner = await personPage();
    await step('register-entry', async () => {
      await signIn(owner, inst.username, inst.password);
      await owner.goto('/console/registries/institutions/new');
      await owner.getByTestId('field-name').fill(name);
      await owner.getByTestId('field-types').click();
      await owner.locator('.ant-select-item-option[title="技术交易"]').click();
      await owner.locator('.ant-select-item-option[title="评估评价"]').click();
      await owner.keyboard.press('Escape');
      await owner.getByTestId('field-summary').fill('为甜高粱青贮与深加工企业提供技术交易撮合和科技成果评估评价服务。');
      await owner.getByTestId('field-contactName').fill('王主任');
      await journey.shot(owner, 'entry-form');
      await owner.getByTestId('editor-save').click();
      await owner.getByTestId('entry-submit').click();
      await expect.poll(async () => owner.getByTestId('entry-status').textContent()).toBe('待审核');
      await journey.shot(owner, 'entry-submitted');
    });

    const bureau = await personPage();
    await step('approve', async () => {
      await signIn(bureau, reviewer.username, reviewer.password);
      await bureau.goto('/console/registries/institutions');
      await bureau.getByTestId('console-entry').filter({ hasText: name }).click();
      await bureau.getByTestId('entry-approve').click();
      await expect.poll(async () => bureau.getByTestId('entry-status').textContent()).toBe('已公开');
      await journey.shot(bureau, 'entry-approved');
    });

    const visitor = await personPage();
    await step('directory-search', async () => {
      await visitor.goto('/directory/institutions');
      // antd puts the test id on the search input itself.
      await visitor.getByTestId('registry-search').fill(`甜高粱 ${suffix}`);
      await visitor.getByTestId('registry-search').press('Enter');
      const link = visitor.getByTestId('registry-link').filter({ hasText: name });
      await link.waitFor();
      await journey.shot(visitor, 'directory-search');
      await link.click();
      await expect.poll(async () => visitor.getByTestId('entry-name').textContent()).toBe(name);
      await journey.shot(visitor, 'entry-public');
    });
  });
});
