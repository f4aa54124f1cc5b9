import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAs, registerEnterprise, uniqueSuffix } from './support/api.js';
import { Journey, STEP_TIMEOUT } from './support/browser.js';
import { Cast, signIn } from './support/cast.js';
import { signInHttp } from './support/launch.js';

/**
 * Issue 3: "an enterprise submits a demand, a reviewer returns it with a
 * reason, it is fixed and published, a visitor finds it by a Chinese query
 * and a facet". Set-up (accounts, verification) goes over the API; the
 * journey itself goes through the browser.
 */
const baseUrl = inject('e2eBaseUrl');
const adminPassword = inject('e2eAdminPassword');

/** Labels the user sees (from config/taxonomies and web/src/i18n, which this file may not import). */
const TEXT = {
  commissioned: '委托开发',
  division: '农副食品加工业',
  county: '凉州区',
};

const cast = new Cast(baseUrl);

beforeAll(() => cast.open());
afterAll(() => cast.close());

const byTestId = (page: Page, id: string) => page.getByTestId(id);

/** Types into an antd Cascader's search and picks the first option containing `text`. */
async function cascade(page: Page, testId: string, text: string) {
  await byTestId(page, testId).click();
  await page.keyboard.type(text);
  const open = page.locator('.ant-cascader-dropdown:not(.ant-select-dropdown-hidden)');
  await open.locator('.ant-cascader-menu-item').filter({ hasText: text }).first().click();
  await open.waitFor({ state: 'hidden' });
}

describe('catalog journey', () => {
  it('an enterprise submits a demand, a reviewer returns it, it is fixed and published, a visitor finds it', async () => {
    const journey = new Journey('catalog-journey');
    const step = <T>(name: string, fn: () => Promise<T>) => journey.step(name, cast.pages, fn);
    const suffix = uniqueSuffix();
    const ent = { username: `dem${suffix}`, password: 'Sorghum-Silage-2024!', org: `凉州绿洲饲草科技有限公司${suffix}` };
    const reviewer = { username: `crev${suffix}`, password: 'Reviewer-Strong-2024!' };
    // A title the visitor's query matches; the suffix keeps reruns on a kept database apart.
    const title = `甜高粱青贮饲料发酵工艺优化需求 ${suffix}`;

    await step('set-up-accounts', async () => {
      await registerEnterprise(baseUrl, { orgName: ent.org, username: ent.username, password: ent.password });
      const admin = await apiAs(baseUrl, 'admin', adminPassword);
      const created = await admin.post('/api/v1/users', { username: reviewer.username, displayName: '王审核', roles: ['reviewer'] });
      const first = await signInHttp(baseUrl, reviewer.username, created.oneTimePassword as string);
      const res = await fetch(`${baseUrl}/api/v1/auth/password`, {
        method: 'POST',
        headers: { cookie: first.cookie, 'x-csrf-token': first.csrf, 'content-type': 'application/json' },
        body: JSON.stringify({ currentPassword: created.oneTimePassword, newPassword: reviewer.password }),
      });
      expect(res.status).toBe(200);
      // Only members of verified organisations may submit.
      const member = await apiAs(baseUrl, ent.username, ent.password);
      const session = (await member.get('/api/v1/session')) as { user?: { organisation?: { id: string } | null } | null };
      const rev = await apiAs(baseUrl, reviewer.username, reviewer.password);
      await rev.post(`/api/v1/organisations/${session.user!.organisation!.id}/verification`, { decision: 'verified' });
    });

    // 1. The enterprise drafts and submits a demand with thin indicators.
    const e = await cast.person();
    await step('open-demand-form', async () => {
      await signIn(e, ent.username, ent.password);
      await byTestId(e, 'menu-my-demands').click();
      await e.waitForURL(/\/console\/demands/);
      await byTestId(e, 'create-demand').click();
      await byTestId(e, 'field-title').waitFor();
      await journey.shot(e, 'demand-form-empty');
    });
    await step('fill-demand', async () => {
      await byTestId(e, 'field-title').fill(title);
      await byTestId(e, 'field-problem').fill(
        '本公司年加工甜高粱秸秆三万吨，用于生产青贮饲料。现有窖贮发酵周期长、二次发酵导致霉变损失大，开窖后有氧稳定性差，希望优化菌剂配方与压实密封工艺，降低干物质损失。',
      );
      await byTestId(e, 'field-currentState').fill('现有青贮窖六座，采用自然发酵，未添加乳酸菌剂，开窖后三天内出现发热。');
      await e.getByLabel(TEXT.commissioned).check();
      await byTestId(e, 'field-budget-min').fill('200000');
      await byTestId(e, 'field-budget-max').fill('500000.50');
      await byTestId(e, 'field-deadline').click();
      await e.keyboard.type('2030-06-30');
      await e.keyboard.press('Enter');
      await cascade(e, 'field-industry', TEXT.division);
      await cascade(e, 'field-region', TEXT.county);
      await byTestId(e, 'field-contact-name').fill('赵经理');
      await byTestId(e, 'field-contact-phone').fill('13800000000');
      await expect.poll(() => byTestId(e, 'quality-score').textContent()).not.toBe('0');
      await journey.shot(e, 'demand-form-filled');
    });
    await step('submit-demand', async () => {
      await byTestId(e, 'editor-submit').click();
      await e.waitForURL(/\/console\/demands$/);
      const row = byTestId(e, `listing-row-${title}`);
      await row.waitFor();
      await expect.poll(() => row.getByTestId('listing-status').getAttribute('data-status')).toBe('submitted');
      await journey.shot(e, 'demand-submitted');
    });

    // 2. The reviewer returns it with a reason.
    const r = await cast.person();
    await step('reviewer-returns', async () => {
      await signIn(r, reviewer.username, reviewer.password);
      await byTestId(r, 'menu-review-desk').click();
      await r.waitForURL(/\/console\/review/);
      const row = byTestId(r, `queue-row-${title}`);
      await row.waitFor();
      await journey.shot(r, 'review-queue');
      await row.getByTestId('queue-open').click();
      await byTestId(r, 'review-return').waitFor();
      await journey.shot(r, 'review-panel');
      await byTestId(r, 'review-return').click();
      await byTestId(r, 'return-reasons').fill('请补充量化的技术指标，例如干物质损失率和开窖后有氧稳定时间。');
      await journey.shot(r, 'return-reason');
      await byTestId(r, 'return-confirm').click();
      await row.waitFor({ state: 'detached' });
      await journey.shot(r, 'returned');
    });

    // 3. The enterprise reads the reason, adds the indicators and submits again.
    await step('enterprise-fixes', async () => {
      await e.reload();
      const row = byTestId(e, `listing-row-${title}`);
      await expect.poll(() => row.getByTestId('listing-status').getAttribute('data-status')).toBe('returned');
      await row.getByRole('link', { name: title }).click();
      await byTestId(e, 'returned-note').waitFor();
      expect(await byTestId(e, 'returned-note').textContent()).toContain('干物质损失率');
      await byTestId(e, 'field-indicators').fill('干物质损失率低于 8%，开窖后有氧稳定时间不少于 7 天，pH 值 4.2 以下。');
      await journey.shot(e, 'fixed');
      await byTestId(e, 'editor-submit').click();
      await e.waitForURL(/\/console\/demands$/);
      await expect.poll(() => byTestId(e, `listing-row-${title}`).getByTestId('listing-status').getAttribute('data-status')).toBe('submitted');
      await journey.shot(e, 'resubmitted');
    });

    // 4. The reviewer ticks the checklist and approves.
    await step('reviewer-approves', async () => {
      await r.reload();
      const row = byTestId(r, `queue-row-${title}`);
      await row.waitFor();
      await row.getByTestId('queue-open').click();
      for (const item of ['public_confidentiality', 'facts_complete', 'no_personal_data_in_text', 'ip_consistent', 'not_duplicate']) {
        await byTestId(r, `check-${item}`).check();
      }
      await journey.shot(r, 'checklist');
      await byTestId(r, 'review-approve').click();
      await row.waitFor({ state: 'detached' });
      await journey.shot(r, 'approved');
    });

    // 5. A visitor finds it by a Chinese query, then narrows by a facet.
    const v = await cast.person();
    await step('visitor-searches', async () => {
      await v.goto('/demands');
      // antd puts the test id on the input or on its wrapper, depending on the version.
      await v.locator('input[data-testid="portal-search"], [data-testid="portal-search"] input').first().fill('甜高粱 青贮');
      await v.keyboard.press('Enter');
      await v.waitForURL(/q=/);
      // Publication re-indexes the listing in a job after commit: until it has run, only the fuzzy
      // title match finds it. Reload until the indexed result (with its marked words) is there.
      const result = v.locator('.cg-result').filter({ hasText: title });
      await expect
        .poll(
          async () => {
            const marks = await result.locator('mark').count();
            if (marks === 0) await v.reload();
            return marks;
          },
          { timeout: STEP_TIMEOUT, interval: 1000 },
        )
        .toBeGreaterThan(0);
      expect(await v.getByTestId('result-title').filter({ hasText: title }).count()).toBe(1);
      await journey.shot(v, 'search-results');
    });
    await step('visitor-facet', async () => {
      await byTestId(v, 'facet-cooperationMode-commissioned-development').click();
      await v.waitForURL(/cooperationMode=commissioned-development/);
      const card = v.getByTestId('result-title').filter({ hasText: title });
      await expect.poll(() => card.count(), { timeout: STEP_TIMEOUT }).toBe(1);
      await journey.shot(v, 'facet-results');
    });
    await step('visitor-detail', async () => {
      await v.getByTestId('result-title').filter({ hasText: title }).click();
      await v.waitForURL(/\/demands\/[0-9a-f-]{36}$/);
      await byTestId(v, 'detail-title').waitFor();
      expect(await byTestId(v, 'detail-title').textContent()).toBe(title);
      // Visitors see the prompt, not the contact.
      expect(await byTestId(v, 'detail-contact').textContent()).not.toContain('13800000000');
      await journey.shot(v, 'detail');
      await v.goBack();
      await v.waitForURL(/cooperationMode=commissioned-development/);
    });
  });
});
