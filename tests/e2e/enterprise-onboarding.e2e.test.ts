import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAs, makeCreditCode, uniqueSuffix } from './support/api.js';
import { Journey, STEP_TIMEOUT } from './support/browser.js';
import { Cast, signIn } from './support/cast.js';

/**
 * Issue: "an enterprise registers; a reviewer verifies it; its member logs in,
 * switches language, sees the console; a screenshot of each step is saved".
 */
const baseUrl = inject('e2eBaseUrl');
const adminPassword = inject('e2eAdminPassword');

/**
 * Texts the user sees, as in web/src/i18n (which non-web code may not import):
 * the organisation type "enterprise" in Chinese, the console's first menu item in both languages.
 */
const TEXT = { enterpriseZh: '企业', overviewZh: '概览', overviewEn: 'Overview' };

const cast = new Cast(baseUrl);

beforeAll(() => cast.open());
afterAll(() => cast.close());

const byTestId = (page: Page, id: string) => page.getByTestId(id);

/** Picks an option of an antd Select by its visible label. */
async function chooseOption(page: Page, selectTestId: string, label: string) {
  await byTestId(page, selectTestId).click();
  const open = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  await open.locator('.ant-select-item-option').filter({ hasText: label }).first().click();
  // Let the list finish closing so screenshots show the page, not the menu.
  await open.waitFor({ state: 'hidden' });
}

describe('enterprise onboarding', () => {
  it('an enterprise registers; a reviewer verifies it; its member logs in, switches language and sees the console', async () => {
    const journey = new Journey('enterprise-onboarding');
    const step = <T>(name: string, fn: () => Promise<T>) => journey.step(name, cast.pages, fn);
    const suffix = uniqueSuffix();
    const orgName = `凉州沙漠节水科技有限公司${suffix}`;
    const member = { username: `ent${suffix}`, displayName: '张明', email: `ent${suffix}@example.com`, password: 'Desert-Water-2024!' };
    const reviewer = { username: `rev${suffix}`, password: 'Reviewer-Strong-2024!' };

    // 1. A visitor registers the enterprise and its first administrator.
    const ent = await cast.person();
    await step('open-register', async () => {
      await ent.goto('/register');
      await expect.poll(() => byTestId(ent, 'reg-org-name').isVisible(), { timeout: STEP_TIMEOUT }).toBe(true);
      await journey.shot(ent, 'register-form');
    });
    await step('fill-register', async () => {
      await chooseOption(ent, 'reg-org-type', TEXT.enterpriseZh);
      await byTestId(ent, 'reg-org-name').fill(orgName);
      await byTestId(ent, 'reg-credit-code').fill(makeCreditCode());
      await byTestId(ent, 'reg-username').fill(member.username);
      await byTestId(ent, 'reg-display-name').fill(member.displayName);
      await byTestId(ent, 'reg-email').fill(member.email);
      await byTestId(ent, 'reg-password').fill(member.password);
      await byTestId(ent, 'reg-password-confirm').fill(member.password);
      await journey.shot(ent, 'register-filled');
    });
    await step('submit-register', async () => {
      await byTestId(ent, 'reg-submit').click();
      await ent.waitForURL(/\/console/);
      const status = byTestId(ent, 'org-status');
      await status.waitFor();
      expect(await status.getAttribute('data-status')).toBe('pending');
      await journey.shot(ent, 'console-pending');
    });
    await step('logout', async () => {
      await byTestId(ent, 'user-menu').click();
      await byTestId(ent, 'logout').click();
      await ent.waitForURL((u) => !u.pathname.startsWith('/console'));
      await journey.shot(ent, 'logged-out');
    });

    // 2. The system administrator creates a reviewer account (set-up, over the API).
    const oneTimePassword = await step('create-reviewer', async () => {
      const admin = await apiAs(baseUrl, 'admin', adminPassword);
      const created = await admin.post('/api/v1/users', { username: reviewer.username, displayName: '李审核', roles: ['reviewer'] });
      expect(typeof created.oneTimePassword).toBe('string');
      return created.oneTimePassword as string;
    });

    // 3. The reviewer signs in with the one-time password, must change it, then verifies the enterprise.
    const rev = await cast.person();
    await step('reviewer-first-sign-in', async () => {
      await signIn(rev, reviewer.username, oneTimePassword);
      await byTestId(rev, 'pw-forced').waitFor();
      await journey.shot(rev, 'reviewer-must-change-password');
      await byTestId(rev, 'pw-current').fill(oneTimePassword);
      await byTestId(rev, 'pw-new').fill(reviewer.password);
      await byTestId(rev, 'pw-confirm').fill(reviewer.password);
      await byTestId(rev, 'pw-submit').click();
      await byTestId(rev, 'menu-org-review').waitFor();
      await journey.shot(rev, 'reviewer-console');
    });
    await step('reviewer-verifies', async () => {
      await byTestId(rev, 'menu-org-review').click();
      await rev.waitForURL(/\/console\/org-review/);
      const row = byTestId(rev, `org-row-${orgName}`);
      await row.waitFor();
      await journey.shot(rev, 'review-list');
      await row.click();
      await byTestId(rev, 'org-verify').click();
      await journey.shot(rev, 'verify-confirm');
      await byTestId(rev, 'org-verify-confirm').click();
      // The row leaves the "pending" list once the decision is saved.
      await row.waitFor({ state: 'detached' });
      await journey.shot(rev, 'verified');
    });

    // 4. The enterprise member signs in again, sees the verified status and switches to English.
    await step('member-sees-verified', async () => {
      await signIn(ent, member.username, member.password);
      await ent.waitForURL(/\/console/);
      const status = byTestId(ent, 'org-status');
      await status.waitFor();
      expect(await status.getAttribute('data-status')).toBe('verified');
      await expect.poll(() => byTestId(ent, 'menu-overview').textContent()).toBe(TEXT.overviewZh);
      await journey.shot(ent, 'console-verified-zh');
    });
    await step('switch-language', async () => {
      await chooseOption(ent, 'lang-switch', 'English');
      await expect.poll(() => byTestId(ent, 'menu-overview').textContent(), { timeout: STEP_TIMEOUT }).toBe(TEXT.overviewEn);
      await expect.poll(() => ent.locator('html').getAttribute('lang')).toMatch(/^en/);
      await journey.shot(ent, 'console-en');
    });
    await step('language-kept-after-reload', async () => {
      // The choice is stored on the account, so it survives a reload.
      await ent.reload();
      await expect.poll(() => byTestId(ent, 'menu-overview').textContent(), { timeout: STEP_TIMEOUT }).toBe(TEXT.overviewEn);
      await journey.shot(ent, 'console-en-reloaded');
    });
  });
});
