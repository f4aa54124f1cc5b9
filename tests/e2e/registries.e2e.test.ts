import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAs, registerEnterprise, uniqueSuffix } from './support/api.js';
import { Journey } from './support/browser.js';
import { Cast, choose, createAccount, fillDate, signIn } from './support/cast.js';

/**
 * Issue 7: a service institution registers its entry (a municipal
 * demonstration institution) in the console and submits it; a reviewer
 * approves it from the review queue; the institution adds a service with its
 * price and links a staff member to a broker picked from the broker
 * directory; a visitor finds the entry in the public directory with a
 * Chinese search and sees the service, its price and the staff member's
 * grade on its page; the reviewer scores the institution for the year and
 * sees it on the ranking chart, below standard. The same enterprise
 * registers an innovation platform open to others; the bureau publishes it
 * and a visitor finds it among the platforms open to enterprises.
 */
const baseUrl = inject('e2eBaseUrl');
const adminPassword = inject('e2eAdminPassword');
const cast = new Cast(baseUrl);

beforeAll(() => cast.open());
afterAll(() => cast.close());

describe('registries journey', () => {
  it('an institution registers, the bureau approves it, its priced service shows on the public page, and the bureau scores it', async () => {
    const journey = new Journey('registries');
    const step = <T>(name: string, fn: () => Promise<T>) => journey.step(name, cast.pages, fn);
    const suffix = uniqueSuffix();
    const inst = { username: `inst${suffix}`, password: 'Transfer-Centre-2024!', org: `凉州区技术转移服务中心${suffix}` };
    const reviewer = { username: `rrev${suffix}`, password: 'Reviewer-Strong-2024!' };
    const name = `凉州甜高粱技术转移服务中心${suffix}`;
    const service = `甜高粱品种技术评估${suffix.slice(-4)}`;
    const broker = { username: `brk${suffix}`, password: 'Broker-Strong-2024!' };
    const brokerName = `李技经${suffix.slice(-4)}`;
    const year = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));
    let entryUrl = '';
    const platform = `凉州酿酒葡萄工程技术研究中心${suffix}`;

    await step('set-up', async () => {
      await registerEnterprise(baseUrl, { orgName: inst.org, username: inst.username, password: inst.password });
      const admin = await apiAs(baseUrl, 'admin', adminPassword);
      await createAccount(baseUrl, admin, { username: reviewer.username, displayName: '王审核', roles: ['reviewer'] }, reviewer.password);
      const rev = await apiAs(baseUrl, reviewer.username, reviewer.password);
      const m = await apiAs(baseUrl, inst.username, inst.password);
      const s = (await m.get('/api/v1/session')) as { user: { organisation: { id: string } } };
      await rev.post(`/api/v1/organisations/${s.user.organisation.id}/verification`, { decision: 'verified' });
      // A published broker profile the institution can link its staff member to.
      await createAccount(baseUrl, admin, { username: broker.username, displayName: brokerName, roles: ['broker'] }, broker.password);
      const b = await apiAs(baseUrl, broker.username, broker.password);
      const profile = (await b.post('/api/v1/brokers', { content: { name: brokerName, grade: 'senior', expertise: ['技术评估', '甜高粱'] } })) as { id: string };
      await b.post(`/api/v1/brokers/${profile.id}/submit`, {});
      await rev.post(`/api/v1/brokers/${profile.id}/approve`, {});
    });

    const owner = await cast.person();
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
      await choose(owner, 'field-recognitionLevel', '市级');
      await owner.getByTestId('field-certificateNo').fill(`WW-JSZY-${suffix.slice(-6)}`);
      await fillDate(owner, 'recognisedOn', `${year}-01-15`, 'Tab');
      await journey.shot(owner, 'entry-form');
      await owner.getByTestId('editor-save').click();
      await owner.getByTestId('entry-submit').click();
      await expect.poll(async () => owner.getByTestId('entry-status').textContent()).toBe('待审核');
      entryUrl = new URL(owner.url()).pathname;
      await journey.shot(owner, 'entry-submitted');
    });

    const bureau = await cast.person();
    await step('approve', async () => {
      await signIn(bureau, reviewer.username, reviewer.password);
      await bureau.goto('/console/registries/institutions');
      await bureau.getByTestId('console-entry').filter({ hasText: name }).click();
      await bureau.getByTestId('entry-approve').click();
      await expect.poll(async () => bureau.getByTestId('entry-status').textContent()).toBe('已公开');
      await journey.shot(bureau, 'entry-approved');
    });

    await step('owner-adds-a-priced-service', async () => {
      await owner.goto(entryUrl);
      await owner.getByTestId('service-add').click();
      await owner.locator('.ant-modal input#name').fill(service);
      await choose(owner, 'service-category', '评估评价');
      await owner.locator('.ant-modal input#priceFen').fill('5000');
      await owner.locator('.ant-modal input#unit').fill('项');
      await journey.shot(owner, 'service-form');
      await owner.getByTestId('service-form-save').click();
      const row = owner.getByTestId('services-row').filter({ hasText: service });
      await row.waitFor();
      expect(await row.getByTestId('service-price').textContent()).toBe('¥5,000 / 项');
      await journey.shot(owner, 'service-added');
    });

    await step('owner-links-a-staff-member-to-a-broker', async () => {
      await owner.getByRole('tab', { name: /人员/ }).click();
      await owner.getByTestId('staff-add').click();
      await choose(owner, 'staff-broker', `${brokerName}（高级技术经理人）`, brokerName);
      // Picking the broker fills in the name.
      await expect.poll(async () => owner.getByTestId('staff-name').inputValue()).toBe(brokerName);
      await owner.locator('.ant-modal input#position').fill('评估部主任');
      await owner.getByTestId('staff-form-save').click();
      await owner.getByTestId('staff-row').filter({ hasText: brokerName }).getByText('高级技术经理人').waitFor();
      await journey.shot(owner, 'staff-linked');
    });

    const visitor = await cast.person();
    await step('directory-search-and-public-service', async () => {
      await visitor.goto('/directory/institutions');
      // antd puts the test id on the search input itself.
      await visitor.getByTestId('registry-search').fill(`甜高粱 ${suffix}`);
      await visitor.getByTestId('registry-search').press('Enter');
      const link = visitor.getByTestId('registry-link').filter({ hasText: name });
      await link.waitFor();
      await journey.shot(visitor, 'directory-search');
      await link.click();
      await expect.poll(async () => visitor.getByTestId('entry-name').textContent()).toBe(name);
      const row = visitor.getByTestId('services-row').filter({ hasText: service });
      await row.waitFor();
      expect(await row.getByTestId('service-price').textContent()).toBe('¥5,000 / 项');
      // The public sees no editing controls.
      expect(await visitor.getByTestId('service-add').count()).toBe(0);
      await visitor.getByRole('tab', { name: /人员/ }).click();
      await visitor.getByTestId('staff-row').filter({ hasText: brokerName }).getByText('高级技术经理人').waitFor();
      await journey.shot(visitor, 'entry-public');
    });

    // Innovation platforms (the sixth kind): the enterprise registers one open to others, the bureau publishes it,
    // a visitor finds it among the platforms open to enterprises by a Chinese word of its summary.
    await step('platform-registered-published-and-found', async () => {
      await owner.goto('/console/registries/platforms/new');
      await owner.getByTestId('field-name').fill(platform);
      await choose(owner, 'field-platformType', '工程技术研究中心');
      await choose(owner, 'field-level', '市级');
      await owner.getByTestId('field-summary').fill('开展酿酒葡萄抗寒育种和沙地节水栽培联合攻关。');
      await owner.getByTestId('field-openToOthers').click();
      await owner.getByTestId('field-sharedResources').fill('葡萄酒理化分析实验室按预约开放。');
      await owner.getByTestId('editor-save').click();
      await owner.getByTestId('entry-submit').click();
      await expect.poll(async () => owner.getByTestId('entry-status').textContent()).toBe('待审核');
      await bureau.goto('/console/registries/platforms');
      await bureau.getByTestId('console-entry').filter({ hasText: platform }).click();
      await bureau.getByTestId('entry-approve').click();
      await expect.poll(async () => bureau.getByTestId('entry-status').textContent()).toBe('已公开');
      await visitor.goto('/directory/platforms');
      await visitor.getByTestId('filter-open').click();
      await visitor.getByTestId('registry-search').fill(`抗寒育种 ${suffix}`);
      await visitor.getByTestId('registry-search').press('Enter');
      const item = visitor.getByTestId('registry-item').filter({ hasText: platform });
      await item.getByText('对外开放').waitFor();
      await journey.shot(visitor, 'platform-directory');
    });

    await step('bureau-scores-and-sees-the-ranking', async () => {
      await bureau.goto('/console/institution-scoring');
      const row = bureau.getByTestId('scoring-row').filter({ hasText: name });
      await row.waitFor();
      const scores = { basics: '80', deals: '40', capacity: '50', management: '60', reputation: '70' };
      for (const [c, v] of Object.entries(scores)) {
        const input = row.locator(`[data-testid="score-${c}"] input, input[data-testid="score-${c}"]`).first();
        await input.fill(v);
      }
      // 80×10% + 40×30% + 50×30% + 60×20% + 70×10% = 54, under the pass mark of 60.
      await expect.poll(async () => row.getByTestId('score-total').textContent()).toBe('54');
      await row.getByTestId('score-save').click();
      await expect.poll(async () => row.getAttribute('data-below')).toBe('true');
      await bureau.getByTestId('scoring-chart').locator('canvas').first().waitFor();
      await bureau.getByTestId('below-count').waitFor();
      const [download] = await Promise.all([bureau.waitForEvent('download'), bureau.getByTestId('scoring-export').click()]);
      expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
      await journey.shot(bureau, 'scoring-ranking');
    });
  });
});
