import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { registerEnterprise, uniqueSuffix } from './support/api.js';
import { Journey, launchBrowser, STEP_TIMEOUT } from './support/browser.js';

/** A phone held upright: the narrowest width the platform promises to fit. */
const WIDTH = 375;
const baseUrl = inject('e2eBaseUrl');

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width: WIDTH, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
  });
  context.setDefaultTimeout(STEP_TIMEOUT);
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
});

/** Horizontal overflow is the usual way a desktop layout breaks on a phone. */
const pageWidth = () => page.evaluate(() => document.documentElement.scrollWidth);

describe(`at ${WIDTH} px width`, () => {
  it('the home page and the console render without horizontal overflow', async () => {
    const journey = new Journey('small-screen');
    const step = <T>(name: string, fn: () => Promise<T>) => journey.step(name, () => [page], fn);
    const suffix = uniqueSuffix();
    const user = { username: `m${suffix}`, password: 'Mobile-Phone-2024!' };

    await step('home', async () => {
      await page.goto('/');
      await page.getByTestId('logo').waitFor();
      await page.waitForLoadState('networkidle');
      await journey.shot(page, 'home');
      expect(await pageWidth()).toBeLessThanOrEqual(WIDTH);
    });

    await step('login', async () => {
      await registerEnterprise(baseUrl, { orgName: `凉州小屏测试企业${suffix}`, username: user.username, password: user.password });
      await page.goto('/login');
      await page.getByTestId('login-username').fill(user.username);
      await page.getByTestId('login-password').fill(user.password);
      await journey.shot(page, 'login');
      expect(await pageWidth()).toBeLessThanOrEqual(WIDTH);
      await page.getByTestId('login-submit').click();
    });

    await step('console', async () => {
      await page.waitForURL(/\/console/);
      await page.getByTestId('org-status').waitFor();
      await page.waitForLoadState('networkidle');
      await journey.shot(page, 'console');
      expect(await pageWidth()).toBeLessThanOrEqual(WIDTH);
    });

    await step('console-menu', async () => {
      // The side menu folds into a drawer on a phone.
      await page.getByTestId('console-menu-toggle').click();
      await page.getByTestId('menu-overview').waitFor();
      await journey.shot(page, 'console-menu');
      expect(await pageWidth()).toBeLessThanOrEqual(WIDTH);
    });
  });
});
