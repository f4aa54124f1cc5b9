import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAs, makeCreditCode, registerEnterprise, uniqueSuffix } from './support/api.js';
import { Journey } from './support/browser.js';
import { Cast, choose, createAccount, fillDate, signIn } from './support/cast.js';
import { yuan } from './support/money.js';
import { signInHttp } from './support/launch.js';

/**
 * Issue 5, technology contract registration (技术合同认定登记): the seller
 * side fills the registration form in the browser (parties, itemised
 * non-technical deductions with the technical amount worked out as it types,
 * the payment schedule, the signed PDF) and submits it; the registrar sees
 * the 30-day deadline, approves it, and a 16-digit registration number
 * appears; the certificate PDF downloads; the statistics page shows the new
 * turnover; the seller records income from the achievement, picking it and the
 * registered contract from searchable lists. (The trading journey covers listing
 * and auction; this one starts from the seller's own achievement.)
 */
const baseUrl = inject('e2eBaseUrl');
const adminPassword = inject('e2eAdminPassword');

const cast = new Cast(baseUrl);
beforeAll(() => cast.open());
afterAll(() => cast.close());


describe('contract registration journey', () => {
  it('the seller submits a contract, the registrar approves it, the certificate downloads, the statistics show the turnover, and income is recorded against it from lists', async () => {
    const journey = new Journey('contracts');
    const step = <T>(name: string, fn: () => Promise<T>) => journey.step(name, cast.pages, fn);
    const suffix = uniqueSuffix();
    const seller = { username: `sell${suffix}`, password: 'Seller-Strong-2024!', org: `凉州区甜高粱研究所${suffix}` };
    const registrar = { username: `treg${suffix}`, password: 'Registrar-Strong-2024!' };
    const project = `甜高粱青贮菌剂委托开发 ${suffix}`;
    let achievementId = '';
    let techBefore = 0;
    let number = '';

    await step('set-up', async () => {
      await registerEnterprise(baseUrl, { orgName: seller.org, username: seller.username, password: seller.password });
      const admin = await apiAs(baseUrl, 'admin', adminPassword);
      await createAccount(baseUrl, admin, { username: registrar.username, displayName: '张登记员', roles: ['reviewer'] }, registrar.password);
      const rev = await apiAs(baseUrl, registrar.username, registrar.password);
      const s = await apiAs(baseUrl, seller.username, seller.password);
      const session = (await s.get('/api/v1/session')) as { user: { organisation: { id: string } } };
      const orgId = session.user.organisation.id;
      await rev.post(`/api/v1/organisations/${orgId}/verification`, { decision: 'verified' });
      const patch = await fetch(`${baseUrl}/api/v1/organisations/${orgId}`, {
        method: 'PATCH',
        headers: { ...(await signInHttp(baseUrl, seller.username, seller.password).then((x) => ({ cookie: x.cookie, 'x-csrf-token': x.csrf }))), 'content-type': 'application/json' },
        body: JSON.stringify({ regionCode: '620602' }),
      });
      expect(patch.status).toBe(200);
      const a = (await s.post('/api/v1/achievements', {
        title: `甜高粱青贮饲料复合菌剂 ${suffix}`,
        researchStart: '2022-03',
        researchEnd: '2024-10',
        confidentiality: 'public',
        attribute: 'original-innovation',
        keywords: ['甜高粱', '青贮', '菌剂'],
        form: 'new-technology',
        level: 'domestic-advanced',
        stage: 'mature',
        evaluationMethod: 'acceptance',
        applicationStatus: 'small-scale',
        completingUnits: [{ name: seller.org, share: 100 }],
        completers: [{ name: '李研究员', share: 60 }, { name: '王工程师', share: 40 }],
        summary: '以乳酸菌与布氏乳杆菌复配的甜高粱青贮菌剂，抑制开窖后二次发酵，干物质损失降低四成，已在凉州区十家奶牛场应用。',
        trl: 7,
        transferModes: ['transfer'],
        price: { kind: 'negotiable' },
        industrySection: 'A',
        industryDivision: '03',
        techField: 'F09',
        regionCode: '620602',
        contact: { name: '李研究员', phone: '13909350000' },
      })) as { id: string };
      achievementId = a.id;
      // Published, so the income form can pick it from the organisation's published achievements.
      const sub = (await s.post(`/api/v1/achievements/${a.id}/submit`)) as { pending: { id: string } };
      await rev.post(`/api/v1/review/revisions/${sub.pending.id}/approve`, {
        checklist: ['public_confidentiality', 'facts_complete', 'no_personal_data_in_text', 'ip_consistent', 'not_duplicate'],
      });
      const stats = (await rev.get(`/api/v1/contracts/statistics?year=${new Date().getFullYear()}`)) as { totals: { techFen: number } };
      techBefore = stats.totals.techFen;
    });

    // 1. The seller fills the registration form from its achievement and submits it with the signed PDF.
    const sp = await cast.person();
    let contractUrl = '';
    await step('seller-fills-the-form', async () => {
      await signIn(sp, seller.username, seller.password);
      await sp.getByTestId('menu-contracts').click();
      await sp.getByTestId('contract-new').click();
      await sp.goto(`/console/contracts/new?achievementId=${achievementId}`);
      await expect.poll(() => sp.getByTestId('field-projectName').inputValue()).toContain('甜高粱青贮饲料复合菌剂');
      await sp.getByTestId('field-projectName').fill(project);
      await choose(sp, 'field-type', '技术开发');
      await fillDate(sp, 'signedOn', '2026-11-20', 'Enter');
      await sp.getByTestId('field-signedPlace').fill('甘肃省武威市凉州区');
      const range = sp.locator('.ant-picker-range').first().locator('input');
      await range.nth(0).click();
      await range.nth(0).fill('2026-12-01');
      await range.nth(0).press('Enter');
      await range.nth(1).fill('2027-11-30');
      await range.nth(1).press('Enter');
      // The seller side comes from the organisation; its nature is chosen here.
      await choose(sp, 'seller-nature', '企业法人（内资）');
      await sp.getByTestId('buyer-name').fill(`武威祁连乳业有限公司${suffix}`);
      await sp.getByTestId('buyer-creditCode').fill(makeCreditCode());
      await sp.getByTestId('buyer-region').click();
      await sp.keyboard.type('凉州区');
      const open = sp.locator('.ant-cascader-dropdown:not(.ant-select-dropdown-hidden)');
      await open.locator('.ant-cascader-menu-item').filter({ hasText: '凉州区' }).first().click();
      await open.waitFor({ state: 'hidden' });
      await choose(sp, 'buyer-nature', '企业法人（内资）');
      await choose(sp, 'field-ipType', '技术秘密');
      await sp.getByTestId('field-contractAmount').fill('1200000');
      await sp.getByTestId('add-deduction').click();
      await sp.getByPlaceholder('说明').fill('青贮发酵罐两台');
      await sp.getByPlaceholder('金额（元）').first().fill('200000');
      await sp.getByTestId('tech-amount-live').getByText('1,000,000 元').waitFor();
      await fillDate(sp, 'paymentSchedule_0_dueOn', '2026-12-31', 'Enter');
      await sp.getByTestId('payment-amount-0').fill('1200000');
      await sp.getByTestId('schedule-sum').getByText('支付计划合计与成交金额一致').waitFor();
      await sp.locator('input[type=file]').setInputFiles({ name: '技术开发合同.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') });
      await sp.getByTestId('contract-file-name').waitFor();
      await journey.shot(sp, 'registration-form');
      await sp.getByTestId('contract-save-submit').click();
      await sp.waitForURL(/\/console\/contracts\/[0-9a-f-]{36}$/);
      contractUrl = new URL(sp.url()).pathname;
      await sp.getByTestId('contract-status').getByText('待认定').waitFor();
      await sp.getByTestId('tech-amount').getByText('1,000,000 元').waitFor();
      await journey.shot(sp, 'submitted');
    });

    // 2. The registrar finds it on the desk with its deadline and approves it: a 16-digit number.
    const rp = await cast.person();
    await step('registrar-approves', async () => {
      await signIn(rp, registrar.username, registrar.password);
      await rp.getByTestId('menu-contracts').click();
      await rp.getByTestId('contracts-scope').getByText('待我认定').click();
      await rp.locator(`a[href="${contractUrl}"]`).first().click();
      await rp.getByTestId('review-due').getByText('剩 30 天').waitFor();
      await journey.shot(rp, 'registrar-desk');
      await rp.getByTestId('contract-approve').click();
      await rp.getByTestId('confirm-ok').click();
      await rp.getByTestId('contract-status').getByText('已登记').waitFor();
      number = (await rp.getByTestId('registration-number').textContent()) ?? '';
      expect(number).toMatch(new RegExp(`^620602${new Date().getFullYear()}\\d{6}`));
      await journey.shot(rp, 'registered');
    });

    // 3. The seller downloads the registration certificate (a PDF).
    await step('certificate-downloads', async () => {
      await sp.reload();
      await sp.getByTestId('contract-status').getByText('已登记').waitFor();
      const [download] = await Promise.all([sp.waitForEvent('download'), sp.getByTestId('contract-certificate').click()]);
      expect(download.suggestedFilename()).toMatch(/^技术合同登记证明-\d{16}\.pdf$/);
      const file = await download.path();
      expect(readFileSync(file!).subarray(0, 5).toString()).toBe('%PDF-');
    });

    // 4. The statistics page shows the new turnover (the technical-transaction amount).
    await step('statistics-show-the-turnover', async () => {
      await rp.getByTestId('menu-contract-stats').click();
      await rp.getByTestId('contract-statistics').waitFor();
      await rp.getByTestId('stats-tech').getByText(yuan(techBefore + 1_000_000_00)).waitFor();
      await rp.getByTestId('stats-month-chart').waitFor();
      await journey.shot(rp, 'statistics');
    });

    // 5. The seller records the licence fee received, picking the achievement and the registered contract
    //    from searchable lists (no ids typed).
    await step('income-from-lists', async () => {
      await sp.goto('/console/rewards');
      await sp.getByTestId('rewards-page').waitFor();
      await sp.getByTestId('income-record').click();
      await choose(sp, 'income-achievement', `甜高粱青贮饲料复合菌剂 ${suffix}`, '青贮饲料');
      await choose(sp, 'income-contract', `${number} ${project}`, suffix);
      await fillDate(sp, 'receivedOn', '2026-12-15', 'Enter');
      await sp.locator('input#gross').fill('300000');
      await journey.shot(sp, 'income-form');
      await sp.locator('.ant-modal-footer').getByRole('button', { name: /确\s*定|OK/ }).click();
      await sp.locator('.ant-modal-footer').waitFor({ state: 'detached' });
      await sp.getByTestId('rewards-page').getByText(`甜高粱青贮饲料复合菌剂 ${suffix}`).first().waitFor();
      await journey.shot(sp, 'income-recorded');
    });
  });
});
