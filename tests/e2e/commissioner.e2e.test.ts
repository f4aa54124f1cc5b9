import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAs, uniqueSuffix } from './support/api.js';
import { Journey } from './support/browser.js';
import { Cast, choose, createAccount, signIn } from './support/cast.js';

/**
 * Issue 7, tasks 12 and 16: the bureau assigns a commissioner to a poor
 * village by picking the township and the village from lists; the
 * commissioner on a 375 px-wide phone logs a village service with a photo, once while the phone is offline (the log
 * waits in the phone's outbox and is sent when it is back online, once);
 * the bureau's coverage view shows the village covered, and the plan's
 * coverage indicator rises, its drill-down naming the village.
 */
const baseUrl = inject('e2eBaseUrl');
const adminPassword = inject('e2eAdminPassword');

const cast = new Cast(baseUrl);

beforeAll(() => cast.open());
afterAll(() => cast.close());

/** A 1×1 PNG: a real image, as the files API checks the type from the content. */
const PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

type TreeNode = { id: string; code: string | null; name: string; type?: string; children: TreeNode[] };
const flatten = (nodes: TreeNode[]): TreeNode[] => nodes.flatMap((n) => [n, ...flatten(n.children)]);

describe('commissioner journey', () => {
  it('the bureau assigns a commissioner from the township and village lists and records a fee; on a phone the commissioner logs a village service with a photo, offline first; coverage and the plan indicator follow', async () => {
    const journey = new Journey('commissioner');
    const step = <T>(name: string, fn: () => Promise<T>) => journey.step(name, cast.pages, fn);
    const suffix = uniqueSuffix();
    const bureau = { username: `kb${suffix}`, password: 'Bureau-Strong-2024!' };
    const kp = { username: `tp${suffix}`, password: 'Commissioner-Strong-2024!' };
    const villageName = `红柳湾${suffix.slice(-4)}村`;
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const year = Number(today.slice(0, 4));
    let planId = '';
    let villageId = '';
    const commissionerName = `马建农${suffix.slice(-3)}`;

    await step('set-up', async () => {
      const admin = await apiAs(baseUrl, 'admin', adminPassword);
      const tree = (await admin.get('/api/v1/organisations/tree')) as { roots: TreeNode[] };
      const nodes = flatten(tree.roots);
      const nongmu = nodes.find((n) => n.code === 'nongmuju')!;
      await createAccount(baseUrl, admin, { username: bureau.username, displayName: '周科长', roles: ['bureau_admin'] }, bureau.password);
      const kpId = await createAccount(baseUrl, admin, { username: kp.username, displayName: '马建农', roles: ['commissioner'], organisationId: nongmu.id }, kp.password);
      const b = await apiAs(baseUrl, bureau.username, bureau.password);
      const towns = (await b.get('/api/v1/villages/townships')) as { items: { id: string; name: string }[] };
      const town = towns.items.find((x) => x.name === '黄羊镇')!;
      villageId = ((await b.post('/api/v1/villages', { townshipId: town.id, name: villageName, povertyFlaggedYear: 2014 })) as { id: string }).id;
      await b.post('/api/v1/commissioners', { kind: 'individual', name: commissionerName, expertise: ['日光温室', '节水灌溉'], homeUnit: '区农牧局', legalType: 'individual', userId: kpId });
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
    });

    const office = await cast.person({ width: 1366, height: 900 });
    await step('bureau-assigns-by-picking-township-and-village', async () => {
      await signIn(office, bureau.username, bureau.password);
      await office.goto('/console/commissioners');
      await office.getByTestId('commissioner-search').fill(commissionerName);
      await office.getByTestId('commissioner-search').press('Enter');
      const row = office.locator('tr').filter({ hasText: commissionerName });
      await row.getByTestId('commissioner-assign').click();
      await choose(office, 'assign-township', '黄羊镇', '黄羊');
      await choose(office, 'assign-village', `${villageName}（贫困村）`, villageName);
      const range = office.locator('.ant-modal .ant-picker-range').first().locator('input');
      await range.nth(0).click();
      await range.nth(0).fill(today);
      await range.nth(0).press('Enter');
      await range.nth(1).fill(`${year + 1}-12-31`);
      await range.nth(1).press('Enter');
      await office.locator('.ant-modal textarea#note').fill('设施蔬菜技术服务');
      await journey.shot(office, 'assign-from-lists');
      await office.getByTestId('assign-ok').click();
      await row.getByText(`黄羊镇${villageName}`).waitFor();
      await row.getByTestId('commissioner-link').click();
      const assignment = office.getByTestId('assignments').locator('tr').filter({ hasText: `黄羊镇${villageName}` });
      await assignment.getByText('在岗').waitFor();
      await journey.shot(office, 'commissioner-page');
    });

    await step('bureau-records-a-service-fee-in-yuan', async () => {
      await office.getByTestId('benefit-add').click();
      await office.getByTestId('benefit-enterprise').fill(`凉州区红柳湾蔬菜专业合作社${suffix.slice(-4)}`);
      await office.locator('.ant-modal input#amountFen').fill('3000.5');
      const day = office.locator('.ant-modal input#receivedOn');
      await day.click();
      await day.fill(today);
      await day.press('Tab');
      await office.getByTestId('benefit-ok').click();
      await office.getByTestId('benefit-row').first().waitFor();
      await expect.poll(async () => (await office.getByTestId('benefit-total-fee').textContent()) ?? '').toContain('3,000.50');
      expect(await office.getByTestId('benefit-years').textContent()).toContain(String(year));
      await journey.shot(office, 'commissioner-benefits');
    });

    const phone = await cast.person({ width: 375, height: 740 });
    const phoneContext = phone.context();
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

    await step('coverage-view-shows-the-village-covered', async () => {
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

    // This journey's plan covers today, so it would become the district's current plan on the public statistics
    // page for every journey after it; it is archived, as a bureau would archive a trial plan.
    await step('archive-the-trial-plan', async () => {
      const b = await apiAs(baseUrl, bureau.username, bureau.password);
      expect((await b.patch(`/api/v1/plans/${planId}`, { status: 'archived' })).status).toBe('archived');
    });
  });
});
