import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAs, uniqueSuffix } from './support/api.js';
import { Journey, STEP_TIMEOUT } from './support/browser.js';
import { Cast, createAccount, signIn } from './support/cast.js';

/**
 * Issue 6: "a department reporter submits a quarterly report with evidence,
 * the bureau accepts it, the dashboard shows the new figure and the
 * drill-down lists its source; a screenshot of the dashboard is saved".
 * Uses the Liangzhou plan the platform loads on first start (2017–2020):
 * task 5 (demonstration zones), co-responsible unit 区农牧局 (code nongmuju),
 * reported indicator demo-zone-municipal (count, cumulative), period 2020-Q4.
 */
const baseUrl = inject('e2eBaseUrl');
const adminPassword = inject('e2eAdminPassword');
const UNIT_CODE = 'nongmuju';
const INDICATOR = 'demo-zone-municipal';
const PERIOD = '2020-Q4';

const cast = new Cast(baseUrl);

beforeAll(() => cast.open());
afterAll(() => cast.close());

type TreeNode = { id: string; code: string | null; children: TreeNode[] };
function findByCode(nodes: TreeNode[], code: string): TreeNode | null {
  for (const n of nodes) {
    if (n.code === code) return n;
    const hit = findByCode(n.children, code);
    if (hit) return hit;
  }
  return null;
}

/** An account created by the administrator, its one-time password replaced. */
/** A small but real PDF (the files API detects the type from the content). */
function evidencePdf(): Buffer {
  return Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  );
}

describe('plan dashboard journey', () => {
  it('a department reporter reports with evidence, the bureau accepts, the dashboard and drill-down show it', async () => {
    const journey = new Journey('plan-dashboard');
    const step = <T>(name: string, fn: () => Promise<T>) => journey.step(name, cast.pages, fn);
    const suffix = uniqueSuffix();
    const reporter = { username: `nm${suffix}`, password: 'Reporter-Strong-2024!' };
    const reviewer = { username: `prev${suffix}`, password: 'Reviewer-Strong-2024!' };
    const planAdmin = { username: `padm${suffix}`, password: 'Planadmin-Strong-2024!' };

    // The Liangzhou plan by its id: other journeys import plans of their own into the same platform,
    // and the pages open the newest active plan unless told which.
    let planId = '';
    await step('set-up-accounts', async () => {
      const admin = await apiAs(baseUrl, 'admin', adminPassword);
      const tree = (await admin.get('/api/v1/organisations/tree')) as { roots: TreeNode[] };
      const unit = findByCode(tree.roots, UNIT_CODE);
      expect(unit, `the seeded organisation tree has ${UNIT_CODE}`).not.toBeNull();
      await createAccount(baseUrl, admin, { username: reporter.username, displayName: '李报送', roles: ['dept_reporter'], organisationId: unit!.id }, reporter.password);
      await createAccount(baseUrl, admin, { username: reviewer.username, displayName: '王审核', roles: ['reviewer'] }, reviewer.password);
      await createAccount(baseUrl, admin, { username: planAdmin.username, displayName: '赵管理', roles: ['bureau_admin'] }, planAdmin.password);
      const plans = (await (await apiAs(baseUrl, reviewer.username, reviewer.password)).get('/api/v1/plans')) as { items: { id: string; code: string }[] };
      planId = plans.items.find((p) => p.code === 'liangzhou-2017')?.id ?? '';
      expect(planId, 'the default Liangzhou plan is loaded').not.toBe('');
    });

    // 1. The bureau's dashboard before the report: the figure stands at 0.
    const b = await cast.person();
    await step('dashboard-before', async () => {
      await signIn(b, reviewer.username, reviewer.password);
      await b.goto(`/console/plans?plan=${planId}`);
      await b.waitForURL(/\/console\/plans/);
      await b.getByTestId(`indicator-${INDICATOR}`).waitFor();
      expect((await b.getByTestId(`indicator-value-${INDICATOR}`).textContent())?.trim()).toBe('0');
      await journey.shot(b, 'dashboard-before');
    });

    // 2. The department reporter reports on task 5 for the quarter, with a figure and evidence.
    const r = await cast.person();
    await step('reporter-submits', async () => {
      await signIn(r, reporter.username, reporter.password);
      await r.goto(`/console/plan-tasks?plan=${planId}`);
      await r.waitForURL(/\/console\/plan-tasks/);
      await r.getByTestId('my-task-5').waitFor();
      await journey.shot(r, 'my-tasks');
      await r.getByTestId('report-task-5').click();
      await r.getByTestId('report-narrative').waitFor();
      // The newest open period is chosen by default; make sure it is the one we expect.
      expect(await r.locator('.ant-drawer [data-testid="report-period"]').textContent()).toContain(PERIOD);
      await r.getByTestId('report-narrative').fill('本季度会同区科技局推进市级科技成果转移转化示范区建设，完成示范区建设方案论证和挂牌，引进农业科技成果 3 项。');
      await r.getByTestId(`figure-${INDICATOR}`).fill('1');
      await r.locator('.ant-drawer input[type="file"]').setInputFiles({ name: '示范区挂牌文件.pdf', mimeType: 'application/pdf', buffer: evidencePdf() });
      await r.locator('.ant-drawer').getByText('示范区挂牌文件.pdf').waitFor();
      await journey.shot(r, 'report-form');
      await r.getByTestId('report-submit').click();
      await r.locator('.ant-drawer-open').waitFor({ state: 'detached' });
      await r.getByTestId('my-task-5').getByText(PERIOD).waitFor();
      await journey.shot(r, 'report-submitted');
    });

    // 3. The bureau reviews and accepts it.
    await step('bureau-accepts', async () => {
      await b.goto(`/console/plan-reports?plan=${planId}`);
      await b.waitForURL(/\/console\/plan-reports/);
      const row = b.locator('tr').filter({ hasText: '区农牧局' }).filter({ hasText: PERIOD });
      await row.first().waitFor();
      await journey.shot(b, 'review-queue');
      await row.first().click();
      await b.getByTestId('report-detail').waitFor();
      expect(await b.getByTestId(`report-figure-${INDICATOR}`).textContent()).toContain('1');
      expect(await b.locator('[data-testid^="evidence-"]').count()).toBe(1);
      await journey.shot(b, 'report-detail');
      await b.getByTestId('report-accept').click();
      await b.getByTestId('review-note').fill('材料齐全，予以采纳。');
      await b.getByTestId('review-confirm').click();
      await row.first().waitFor({ state: 'detached' });
    });

    // 4. The dashboard shows the new figure; the drill-down names the report behind it.
    let reportHref = '';
    await step('dashboard-after', async () => {
      await b.goto(`/console/plans?plan=${planId}`);
      await b.waitForURL(/\/console\/plans/);
      await expect.poll(async () => (await b.getByTestId(`indicator-value-${INDICATOR}`).textContent())?.trim(), { timeout: STEP_TIMEOUT }).toBe('1');
      await b.getByTestId('trend-chart').or(b.getByTestId('completion-chart')).first().waitFor();
      await journey.shot(b, 'dashboard');
      await b.getByTestId(`indicator-value-${INDICATOR}`).click();
      const link = b.locator('[data-testid^="drill-link-"]');
      await link.first().waitFor();
      expect(await link.count()).toBe(1);
      expect(await b.locator('.ant-drawer').textContent()).toContain('区农牧局');
      reportHref = (await link.first().getAttribute('href')) ?? '';
      expect(reportHref).toMatch(/^\/console\/plan-reports\/[0-9a-f-]{36}$/);
      await journey.shot(b, 'drill-down');
      await link.first().click();
      await b.waitForURL(new RegExp(`${reportHref}$`));
      await b.getByTestId('report-narrative-view').waitFor();
      expect(await b.getByTestId('report-narrative-view').textContent()).toContain('示范区');
      await journey.shot(b, 'drill-down-source');
    });

    // 5. The large screen shows the same figure, full window, without the console.
    await step('large-screen', async () => {
      const s = await cast.person({ width: 1920, height: 1080 });
      await signIn(s, reviewer.username, reviewer.password);
      await s.goto(`/screen/plan?plan=${planId}`);
      await s.getByTestId(`screen-${INDICATOR}`).waitFor();
      expect(await s.locator('.cg-header').count()).toBe(0);
      await journey.shot(s, 'large-screen');
    });

    // 6. The bureau administrator adjusts a task in the console (no re-import of the plan file).
    await step('admin-edits-task', async () => {
      const a = await cast.person();
      await signIn(a, planAdmin.username, planAdmin.password);
      await a.goto(`/console/plan-admin?plan=${planId}`);
      await a.waitForURL(/\/console\/plan-admin/);
      await a.getByTestId('edit-task-5').click();
      const title = a.getByTestId('task-title');
      await title.waitFor();
      await title.fill('建设科技成果转移转化示范区和基地（调整）');
      await journey.shot(a, 'task-editor');
      await a.getByTestId('task-save').click();
      await a.locator('.ant-drawer-open').waitFor({ state: 'detached' });
      await a.getByText('建设科技成果转移转化示范区和基地（调整）').waitFor();
      await journey.shot(a, 'task-edited');
    });

    // 7. The public statistics page needs no sign-in.
    await step('public-statistics', async () => {
      const v = await cast.person();
      await v.goto('/statistics');
      await v.getByTestId('public-statistics').waitFor();
      await v.getByTestId(`public-${INDICATOR}`).waitFor();
      await journey.shot(v, 'public-statistics');
    });
  });
});
