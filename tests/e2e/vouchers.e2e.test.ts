import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAs, makeCreditCode, registerEnterprise, uniqueSuffix } from './support/api.js';
import { Journey } from './support/browser.js';
import { Cast, choose, createAccount, signIn } from './support/cast.js';

/**
 * Issue 8, an innovation voucher from application to payout: an enterprise
 * applies to an open programme for a testing service; the reviewer sees the
 * eligibility checks and issues a voucher; the enterprise finds its code; the
 * testing centre (a registered service institution) redeems it with the
 * contract, the invoice and proof of the enterprise's own share; the reviewer
 * approves, the bureau administrator records the payout, and the voucher
 * report shows the money paid.
 */
const baseUrl = inject('e2eBaseUrl');
const adminPassword = inject('e2eAdminPassword');

const cast = new Cast(baseUrl);
beforeAll(() => cast.open());
afterAll(() => cast.close());

const pdf = (name: string) => ({ name, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4\n% ${name}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`) });

function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

describe('innovation voucher journey', () => {
  it('an enterprise applies, a voucher is issued, the provider redeems it with evidence, the bureau pays, and the report shows it', async () => {
    const journey = new Journey('vouchers');
    const step = <T>(name: string, fn: () => Promise<T>) => journey.step(name, cast.pages, fn);
    const suffix = uniqueSuffix();
    const ent = { username: `vent${suffix}`, password: 'Dairy-Voucher-2026!', org: `武威祁连乳业有限公司${suffix}` };
    const lab = { username: `vlab${suffix}`, password: 'Lab-Voucher-2026!', org: `武威市农产品质量检测中心${suffix}` };
    const reviewer = { username: `vrev${suffix}`, password: 'Reviewer-Voucher-2026!' };
    const bureau = { username: `vbur${suffix}`, password: 'Bureau-Voucher-2026!' };
    const programmeName = `${suffix} 凉州区科技创新券（检验检测）`;
    let programmeId = '';

    await step('set-up', async () => {
      await registerEnterprise(baseUrl, { orgName: ent.org, username: ent.username, password: ent.password });
      const reg = await fetch(`${baseUrl}/api/v1/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          organisation: { type: 'service_institution', name: lab.org, creditCode: makeCreditCode() },
          user: { username: lab.username, displayName: lab.username, email: `${lab.username}@example.com`, password: lab.password },
        }),
      });
      expect(reg.status).toBe(200);
      const admin = await apiAs(baseUrl, 'admin', adminPassword);
      await createAccount(baseUrl, admin, { username: reviewer.username, displayName: '王审核', roles: ['reviewer'] }, reviewer.password);
      await createAccount(baseUrl, admin, { username: bureau.username, displayName: '李科长', roles: ['bureau_admin'] }, bureau.password);
      const rev = await apiAs(baseUrl, reviewer.username, reviewer.password);
      for (const who of [ent, lab]) {
        const m = await apiAs(baseUrl, who.username, who.password);
        const s = (await m.get('/api/v1/session')) as { user: { organisation: { id: string } } };
        await rev.post(`/api/v1/organisations/${s.user.organisation.id}/verification`, { decision: 'verified' });
      }
      // The testing centre's entry in the service-institution registry, approved by the bureau.
      const l = await apiAs(baseUrl, lab.username, lab.password);
      const entry = (await l.post('/api/v1/institutions', { content: { name: lab.org, types: ['testing'], summary: '乳制品、饲料和农产品理化及微生物检测。', regionCode: '620602', contactName: '孙主任', contactPhone: '0935-2260001' } })) as { id: string };
      await l.post(`/api/v1/institutions/${entry.id}/submit`);
      await rev.post(`/api/v1/institutions/${entry.id}/approve`);
      // The programme, created and opened by the bureau administrator.
      const b = await apiAs(baseUrl, bureau.username, bureau.password);
      const p = (await b.post('/api/v1/vouchers/programmes', {
        name: programmeName,
        eligibility: { sizes: ['micro', 'small', 'medium'], regionPrefixes: [], verifiedOnly: true },
        serviceCategories: ['testing', 'consulting'],
        coverageBp: 5000,
        yearlyCapFen: 1_000_000,
        faceValuesFen: [200_000, 500_000],
        validityDays: 180,
        redeemer: 'provider',
        budgetFen: 50_000_000,
      })) as { id: string };
      programmeId = p.id;
      await b.post(`/api/v1/vouchers/programmes/${programmeId}/status`, { status: 'open' });
    });

    // 1. The enterprise applies for the testing service it plans to buy.
    const e = await cast.person();
    await step('enterprise-applies', async () => {
      await signIn(e, ent.username, ent.password);
      await e.getByTestId('menu-vouchers').click();
      await e.waitForURL(/\/console\/vouchers$/);
      await e.getByTestId(`apply-${programmeId}`).click();
      await choose(e, 'apply-size', '小型');
      await choose(e, 'apply-category', '检验检测');
      await e.getByTestId('apply-description').fill('乳制品理化指标检测（全年 12 批次），委托市农产品质量检测中心。');
      await e.getByTestId('apply-requested').fill('5000');
      await journey.shot(e, 'application-form');
      await e.getByTestId('apply-submit').click();
      await e.locator('.ant-message-success').first().waitFor();
      await e.getByRole('tab', { name: '我的申请' }).click();
      await e.getByTestId('applications-table').getByText(programmeName).waitFor();
    });

    // 2. The reviewer sees every eligibility check with its reason and issues a 5,000-yuan voucher.
    const r = await cast.person();
    let code = '';
    await step('reviewer-issues', async () => {
      await signIn(r, reviewer.username, reviewer.password);
      await r.getByTestId('menu-voucher-review').click();
      await r.getByTestId('applications-table').getByText(programmeName).click();
      await r.getByTestId('application-page').waitFor();
      await r.getByTestId('check-verified').getByText('企业已通过平台认证').waitFor();
      await r.getByTestId('check-category').waitFor();
      await journey.shot(r, 'eligibility-checks');
      await choose(r, 'decide-faces', '5,000.00');
      await r.keyboard.press('Escape');
      await r.getByTestId('decide-note').fill('符合条件，同意发放。');
      await r.getByTestId('decide-approve').click();
      const issued = r.getByTestId('issued-code').first();
      await issued.waitFor();
      code = (await issued.textContent())!.trim();
      expect(code).toMatch(/^CQ\d{2}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      await journey.shot(r, 'voucher-issued');
    });

    // 3. The enterprise finds its voucher and code.
    await step('enterprise-sees-voucher', async () => {
      await e.reload();
      await e.getByRole('tab', { name: '我的创新券' }).click();
      await e.getByTestId('vouchers-table').getByText(code).waitFor();
      await e.getByTestId('vouchers-table').getByText('可使用').waitFor();
      await journey.shot(e, 'my-voucher');
    });

    // 4. The testing centre redeems it with the contract, the invoice and the proof of the enterprise's own share.
    const l = await cast.person();
    await step('provider-redeems', async () => {
      await signIn(l, lab.username, lab.password);
      await l.getByTestId('menu-vouchers').click();
      await l.getByTestId('redeem-open').click();
      await l.getByTestId('redeem-code').fill(code);
      await choose(l, 'redeem-category', '检验检测');
      await l.getByTestId('redeem-contract-no').fill(`WW-JC-${suffix}`);
      await l.getByTestId('redeem-price').fill('12000');
      const range = l.locator('.ant-modal .ant-picker-range').first().locator('input');
      await range.nth(0).click();
      await range.nth(0).fill(today());
      await range.nth(0).press('Enter');
      await range.nth(1).fill(today());
      await range.nth(1).press('Enter');
      const inputs = l.locator('.ant-modal input[type=file]');
      await inputs.nth(0).setInputFiles(pdf('技术服务合同.pdf'));
      await l.getByTestId('redeem-contract-file-name').waitFor();
      await inputs.nth(1).setInputFiles(pdf('增值税发票.pdf'));
      await l.getByTestId('redeem-invoice-file-name').waitFor();
      await inputs.nth(2).setInputFiles(pdf('企业自付部分银行回单.pdf'));
      await l.getByTestId('redeem-proof-file-name').waitFor();
      await journey.shot(l, 'redemption-form');
      await l.getByTestId('redeem-submit').click();
      await l.locator('.ant-message-success').first().waitFor();
      await l.getByRole('tab', { name: '兑付申请' }).click();
      await l.getByTestId('redemptions-table').getByText(code).waitFor();
    });

    // 5. The reviewer approves; the bureau administrator records the payout.
    await step('bureau-approves-and-pays', async () => {
      await r.goto('/console/voucher-review');
      await r.getByRole('tab', { name: '兑付申请' }).click();
      await r.getByTestId('redemptions-table').getByText(code).click();
      await r.getByTestId('redemption-page').waitFor();
      await r.getByTestId('fraud-flags').waitFor();
      // 50 % of 12,000 yuan is 6,000: the voucher covers its face value, 5,000.
      expect(await r.getByTestId('redemption-amount').textContent()).toBe('5,000.00');
      await journey.shot(r, 'redemption-review');
      await r.getByTestId('redemption-note').fill('合同、发票和自付凭证齐全。');
      await r.getByTestId('redemption-approve').click();
      await r.getByText('待拨付').first().waitFor();

      const b = await cast.person();
      await signIn(b, bureau.username, bureau.password);
      await b.goto(new URL(r.url()).pathname);
      await b.getByTestId('payment-reference').fill(`GK-${suffix}`);
      await b.getByTestId('redemption-pay').click();
      await b.getByText(`GK-${suffix}`).waitFor();
      await b.getByText('已拨付').first().waitFor();
      await journey.shot(b, 'paid');

      // 6. The report counts the payout against the programme and charts the budget.
      await b.getByTestId('menu-voucher-report').click();
      await b.getByTestId('voucher-report-page').waitFor();
      const row = b.getByTestId('voucher-report-table').locator('tr', { hasText: programmeName });
      await row.waitFor();
      await expect.poll(async () => (await row.locator('td').allTextContents()).join('|')).toContain('5,000.00');
      await b.getByTestId('voucher-budget-chart').waitFor();
      await journey.shot(b, 'report');
    });
  });
});
