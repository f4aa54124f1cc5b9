import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAs, registerEnterprise, uniqueSuffix } from './support/api.js';
import { Journey } from './support/browser.js';
import { Cast, createAccount, signIn } from './support/cast.js';
import { endPublicNotice } from './support/db.js';

/**
 * Issue 5, an achievement auctioned through to its registered contract: the
 * holder's published achievement is listed for auction (set up over the API,
 * with a short auction on the real clock: the platform has no "close now",
 * and the e2e server runs the real job worker); two enterprises register on
 * the bidding page, the bureau records their deposits on the trading desk,
 * they bid from two browsers and each sees the other's bid arrive live; when
 * the end passes the close job runs and the winner sees the result and the
 * deal in public notice (公示). The notice lasts working days on the real
 * clock, so support/db.ts ends it (a journey writes to the database only where time must pass);
 * the platform's finalisation job makes the deal final, the holder registers
 * the technology contract from the deal page, the registrar approves it, the
 * certificate PDF downloads and the contract statistics, the console's and the
 * public page's, show the new turnover.
 */
const baseUrl = inject('e2eBaseUrl');
const adminPassword = inject('e2eAdminPassword');
const databaseUrl = inject('e2eDatabaseUrl');
/** Long enough for the steps before the end on a slow CI machine; the journey then waits for it. */
const AUCTION_SECONDS = 150;

const cast = new Cast(baseUrl);
beforeAll(() => cast.open());
afterAll(() => cast.close());

const okButton = (page: Page) => page.locator('.ant-modal-confirm-btns, .ant-modal-footer').getByRole('button', { name: /确\s*定|OK/ }).last();

/** Type a date into an antd DatePicker input (found by the id the form gives it) and confirm. */
async function date(page: Page, id: string, value: string) {
  const input = page.locator(`input#${id}`);
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

/** Pick a district in a party's region cascader by searching its name. */
async function region(page: Page, side: 'seller' | 'buyer', name: string) {
  await page.getByTestId(`${side}-region`).click();
  await page.keyboard.type(name);
  const open = page.locator('.ant-cascader-dropdown:not(.ant-select-dropdown-hidden)');
  await open.locator('.ant-cascader-menu-item').filter({ hasText: name }).first().click();
  await open.waitFor({ state: 'hidden' });
}

/** A calendar date (YYYY-MM-DD) in the district's time zone, `days` from today. */
const districtDate = (days = 0) => new Date(Date.now() + days * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

/** As the web app formats fen (formatFen): thousands separators, decimals only when there are fen. */
const yuanText = (fen: number) => `${Math.floor(fen / 100).toLocaleString('en-US')}${fen % 100 ? `.${String(fen % 100).padStart(2, '0')}` : ''} 元`;

async function bid(page: Page, yuan: string) {
  await page.getByTestId('bid-amount').fill(yuan);
  await page.getByTestId('place-bid').click();
  await okButton(page).click();
  await page.locator('[data-testid="my-status"][data-state="leading"]').waitFor();
}

describe('trading journey', () => {
  it('an achievement is auctioned: two bidders register, deposits are recorded, they bid live from two browsers, the winner sees the result and the deal in 公示', async () => {
    const journey = new Journey('trading');
    const step = <T>(name: string, fn: () => Promise<T>) => journey.step(name, cast.pages, fn);
    const suffix = uniqueSuffix();
    const holder = { username: `th${suffix}`, password: 'Holder-Trade-2024!', org: `武威节水灌溉技术研究所${suffix}` };
    const a = { username: `ta${suffix}`, password: 'Bidder-Alpha-2024!', org: `凉州绿洲农业有限公司${suffix}` };
    const b = { username: `tb${suffix}`, password: 'Bidder-Bravo-2024!', org: `武威金穗种业有限公司${suffix}` };
    const reviewer = { username: `trev${suffix}`, password: 'Reviewer-Trade-2024!' };
    const title = `膜下滴灌水肥一体化技术 ${suffix}`;
    let listingId = '';
    let auctionId = '';
    let endsAt = 0;
    let dealId = '';

    await step('set-up', async () => {
      for (const who of [holder, a, b]) await registerEnterprise(baseUrl, { orgName: who.org, username: who.username, password: who.password });
      const admin = await apiAs(baseUrl, 'admin', adminPassword);
      await createAccount(baseUrl, admin, { username: reviewer.username, displayName: '李审核', roles: ['reviewer'] }, reviewer.password);
      const rev = await apiAs(baseUrl, reviewer.username, reviewer.password);
      for (const who of [holder, a, b]) {
        const m = await apiAs(baseUrl, who.username, who.password);
        const s = (await m.get('/api/v1/session')) as { user: { organisation: { id: string } } };
        await rev.post(`/api/v1/organisations/${s.user.organisation.id}/verification`, { decision: 'verified' });
      }
      const h = await apiAs(baseUrl, holder.username, holder.password);
      const created = (await h.post('/api/v1/achievements', {
        title,
        researchStart: '2021-03',
        researchEnd: '2024-10',
        confidentiality: 'public',
        attribute: 'original-innovation',
        keywords: ['滴灌', '水肥一体化', '节水'],
        form: 'new-technology',
        level: 'domestic-advanced',
        stage: 'mature',
        evaluationMethod: 'acceptance',
        applicationStatus: 'small-scale',
        completingUnits: [{ name: holder.org, share: 100 }],
        completers: [{ name: '马研究员', share: 100 }],
        summary: '在凉州区玉米和蔬菜田推广的膜下滴灌水肥一体化技术，按作物需水需肥规律分次施入，较漫灌节水四成、节肥三成，已在三个乡镇示范。',
        trl: 8,
        transferModes: ['transfer'],
        price: { kind: 'negotiable' },
        industrySection: 'A',
        industryDivision: '01',
        techField: 'F09',
        regionCode: '620602',
        contact: { name: '马研究员', phone: '13909351234' },
      })) as { id: string };
      const sub = (await h.post(`/api/v1/achievements/${created.id}/submit`)) as { pending: { id: string } };
      await rev.post(`/api/v1/review/revisions/${sub.pending.id}/approve`, {
        checklist: ['public_confidentiality', 'facts_complete', 'no_personal_data_in_text', 'ip_consistent', 'not_duplicate'],
      });
      const now = Date.now();
      endsAt = now + AUCTION_SECONDS * 1000;
      const listing = (await h.post('/api/v1/trading/listings', {
        achievementId: created.id,
        mode: 'auction',
        transferMode: 'transfer',
        terms: '专利权转让，卖方提供技术资料并现场指导一个灌溉季。',
        listedFrom: new Date(now - 60_000).toISOString(),
        listedUntil: new Date(now + 30 * 86_400_000).toISOString(),
        auction: {
          startPriceFen: 1_000_000,
          incrementFen: 50_000,
          depositFen: 100_000,
          startsAt: new Date(now - 30_000).toISOString(),
          endsAt: new Date(endsAt).toISOString(),
          snipeWindowMinutes: 0,
          snipeExtendMinutes: 0,
        },
      })) as { id: string; auction: { id: string } };
      listingId = listing.id;
      auctionId = listing.auction.id;
    });

    // 1. The listing is in the public trading hall.
    const pa = await cast.person();
    await step('listing-in-hall', async () => {
      await pa.goto('/trading');
      await pa.getByTestId('trading-search').fill(suffix);
      await pa.getByTestId('trading-search').press('Enter');
      await pa.getByText(title).first().waitFor();
      await journey.shot(pa, 'trading-hall');
    });

    // 2. Both enterprises register on the bidding page.
    const pb = await cast.person();
    await step('bidders-register', async () => {
      for (const [page, who] of [[pa, a], [pb, b]] as const) {
        await signIn(page, who.username, who.password);
        await page.goto(`/trading/auctions/${auctionId}`);
        await page.getByTestId('register').click();
        await page.locator('[data-testid="my-status"][data-state="registered"]').waitFor();
      }
      await journey.shot(pa, 'registered-awaiting-deposit');
    });

    // 3. The bureau records both deposits on the trading desk.
    const pr = await cast.person();
    await step('bureau-records-deposits', async () => {
      await signIn(pr, reviewer.username, reviewer.password);
      await pr.getByTestId('menu-trading-desk').click();
      await pr.getByTestId('deposit-desk').waitFor();
      for (const who of [a, b]) {
        const row = pr.locator('tr', { hasText: who.org });
        await row.getByTestId('record-deposit').click();
        await pr.getByTestId('deposit-reference').fill(`农行转账 ${who.username}`);
        await okButton(pr).click();
        await row.waitFor({ state: 'detached' });
      }
      await journey.shot(pr, 'deposits-recorded');
    });

    // 4. They bid from two browsers; each sees the other's bid arrive without reloading.
    await step('live-bidding', async () => {
      for (const page of [pa, pb]) {
        await page.reload();
        await page.locator('[data-testid="my-status"][data-state="eligible"]').waitFor();
      }
      await pa.locator('[data-testid="live-indicator"]', { hasText: '实时' }).waitFor();
      await bid(pa, '10000');
      await pb.getByTestId('current-price').getByText('10,000').waitFor();
      await bid(pb, '10500');
      // A's page was not reloaded: the event stream brought B's bid and A's new status.
      await pa.getByTestId('current-price').getByText('10,500').waitFor();
      await pa.locator('[data-testid="my-status"][data-state="outbid"]').waitFor();
      await journey.shot(pa, 'outbid-live');
      await bid(pa, '11000');
      await bid(pb, '12000');
      await pa.locator('[data-testid="my-status"][data-state="outbid"]').waitFor();
      const history = pb.getByTestId('bid-history');
      await history.getByText('竞买人 2').first().waitFor();
      expect(await history.locator('tbody tr').count()).toBe(4);
      // Bidders are anonymised: no organisation names in the history.
      expect(await history.textContent()).not.toContain(a.org);
      await journey.shot(pb, 'leading');
    });

    // 5. The end passes (real clock); the close job runs; the winner sees the result.
    await step('auction-closes', async () => {
      const wait = Math.max(0, endsAt - Date.now()) + 60_000;
      await pb.getByTestId('auction-result').waitFor({ timeout: wait });
      await pb.locator('[data-testid="my-status"][data-state="won"]').waitFor();
      await pa.locator('[data-testid="my-status"][data-state="lost"]').waitFor({ timeout: 60_000 });
      await journey.shot(pb, 'winner-result');
      await journey.shot(pa, 'loser-result');
      await pb.getByTestId('auction-result').getByRole('link').click();
      await pb.getByTestId('deal-page').waitFor();
      dealId = /\/trading\/deals\/([0-9a-f-]{36})/.exec(pb.url())?.[1] ?? '';
      expect(dealId).not.toBe('');
      await expect.poll(async () => pb.getByTestId('deal-buyer').textContent()).toBe(b.org);
      expect(await pb.getByTestId('deal-amount').textContent()).toContain('12,000');
      await journey.shot(pb, 'deal-in-notice');
    });

    // 6. The holder sees the deal in notice on its listing; the loser's deposit is due for refund.
    const ph = await cast.person();
    await step('holder-sees-deal', async () => {
      await signIn(ph, holder.username, holder.password);
      await ph.goto(`/trading/listings/${listingId}`);
      await ph.getByTestId('deal-banner').waitFor();
      await journey.shot(ph, 'holder-listing-in-notice');
      await pr.reload();
      await pr.getByText('待退还').first().click();
      await pr.locator('tr', { hasText: a.org }).getByTestId('record-refund').waitFor();
      await journey.shot(pr, 'refund-due');
    });

    // 7. The notice ends (support/db.ts: five working days cannot pass in a test); the platform's
    //    finalisation job makes the deal final, and the holder's deal page says so.
    await step('notice-ends-deal-final', async () => {
      await endPublicNotice(databaseUrl, dealId);
      await ph.goto(`/trading/deals/${dealId}`);
      await ph.getByTestId('deal-page').waitFor();
      // The job worker wakes on the notification (or its own 2-second poll); the page is not live, so reload until final.
      await expect
        .poll(
          async () => {
            if (await ph.getByTestId('deal-final').isVisible()) return true;
            await ph.reload();
            return ph.getByTestId('deal-final').waitFor({ timeout: 5_000 }).then(() => true, () => false);
          },
          { timeout: 150_000, interval: 1_000 },
        )
        .toBe(true);
      await journey.shot(ph, 'deal-final');
    });

    // 7b. Both parties confirm the final deal on the platform (成交确认书): each re-enters their
    //     password (a wrong one is a field error), the card shows both sides, the PDF downloads.
    await step('both-parties-confirm', async () => {
      const card = ph.getByTestId('deal-confirmation');
      await card.waitFor();
      await card.getByTestId('confirmation-seller').getByTestId('side-pending').waitFor();
      expect(await card.getByTestId('confirmation-hash').textContent()).toMatch(/^[0-9a-f]{64}$/);
      await journey.shot(ph, 'confirmation-pending');
      await ph.getByTestId('confirm-deal').click();
      await ph.getByTestId('confirm-password').fill('Not-The-Password-1!');
      await ph.getByTestId('confirm-deal-ok').click();
      await ph.locator('.ant-modal .ant-form-item-explain-error').getByText('密码不正确').waitFor();
      await journey.shot(ph, 'confirmation-wrong-password');
      await ph.getByTestId('confirm-password').fill(holder.password);
      await ph.getByTestId('confirm-deal-ok').click();
      await card.getByTestId('confirmation-seller').getByTestId('side-confirmed').waitFor();
      await card.getByTestId('confirmation-buyer').getByTestId('side-pending').waitFor();
      expect(await ph.getByTestId('confirm-deal').count()).toBe(0);

      await pb.goto(`/trading/deals/${dealId}`);
      await pb.getByTestId('deal-confirmation').waitFor();
      await pb.getByTestId('confirmation-seller').getByTestId('side-confirmed').waitFor();
      await pb.getByTestId('confirm-deal').click();
      await pb.getByTestId('confirm-password').fill(b.password);
      await journey.shot(pb, 'confirmation-modal');
      await pb.getByTestId('confirm-deal-ok').click();
      await pb.getByTestId('deal-confirmed').waitFor();
      await pb.getByTestId('confirmation-buyer').getByTestId('side-confirmed').waitFor();
      // The modal is destroyed once its closing animation has run: photograph the page, not the fade.
      await pb.getByTestId('confirm-password').waitFor({ state: 'hidden' });
      await journey.shot(pb, 'deal-confirmed');
      const [download] = await Promise.all([pb.waitForEvent('download'), pb.getByTestId('confirmation-pdf').click()]);
      expect(download.suggestedFilename()).toMatch(/^成交确认书-.*\.pdf$/);
      expect(readFileSync(await download.path()).subarray(0, 5).toString()).toBe('%PDF-');
      await ph.reload();
      await ph.getByTestId('deal-confirmed').waitFor();
    });

    // 8. The holder registers the technology contract from the deal: parties, amount, type and
    //    payment come from the deal; the holder adds what only the signed contract says, and the PDF.
    let contractUrl = '';
    await step('holder-registers-contract', async () => {
      await ph.getByTestId('register-contract').click();
      await ph.waitForURL(/\/console\/contracts\/new\?dealId=/);
      await ph.getByTestId('contract-form').waitFor();
      await expect.poll(() => ph.getByTestId('field-projectName').inputValue()).toBe(title);
      // The form says both parties confirmed the deal on the platform; the signed PDF is still asked for below.
      await ph.getByTestId('deal-confirmed-note').waitFor();
      expect(await ph.getByTestId('buyer-name').inputValue()).toBe(b.org);
      expect(await ph.getByTestId('seller-name').inputValue()).toBe(holder.org);
      expect(await ph.getByTestId('field-contractAmount').inputValue()).toMatch(/^12,?000(\.00)?$/);
      await ph.getByTestId('tech-amount-live').getByText('12,000 元').first().waitFor();
      await ph.getByTestId('schedule-sum').getByText('支付计划合计与成交金额一致').waitFor();
      await date(ph, 'signedOn', districtDate());
      await ph.getByTestId('field-signedPlace').fill('甘肃省武威市凉州区');
      const range = ph.locator('.ant-picker-range').first().locator('input');
      await range.nth(0).click();
      await range.nth(0).fill(districtDate(1));
      await range.nth(0).press('Enter');
      await range.nth(1).fill(districtDate(366));
      await range.nth(1).press('Enter');
      await region(ph, 'seller', '凉州区');
      await region(ph, 'buyer', '凉州区');
      // Both parties' legal nature comes from their organisations (enterprises).
      for (const side of ['seller', 'buyer']) await ph.getByTestId(`party-${side}`).getByText('企业法人（内资）', { exact: true }).first().waitFor();
      // A transfer contract states the buyer's expected new investment and output.
      await ph.getByTestId('field-expectedInvestment').fill('500000');
      await ph.getByTestId('field-expectedOutput').fill('3000000');
      await ph.locator('input[type=file]').setInputFiles({ name: '技术转让合同.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') });
      await ph.getByTestId('contract-file-name').waitFor();
      await journey.shot(ph, 'contract-form-from-deal');
      await ph.getByTestId('contract-save-submit').click();
      await ph.waitForURL(/\/console\/contracts\/[0-9a-f-]{36}$/);
      contractUrl = new URL(ph.url()).pathname;
      await ph.getByTestId('contract-status').getByText('待认定').waitFor();
      await ph.getByTestId('tech-amount').getByText('12,000 元').waitFor();
      await journey.shot(ph, 'contract-submitted');
    });

    // 9. The registrar (a reviewer) approves it on the contracts desk: a 16-digit registration number.
    let techBefore = 0;
    await step('registrar-approves', async () => {
      const rev = await apiAs(baseUrl, reviewer.username, reviewer.password);
      const stats = (await rev.get(`/api/v1/contracts/statistics?year=${districtDate().slice(0, 4)}`)) as { totals: { techFen: number } };
      techBefore = stats.totals.techFen;
      await pr.getByTestId('menu-contracts').click();
      await pr.getByTestId('contracts-scope').getByText('待我认定').click();
      await pr.locator(`a[href="${contractUrl}"]`).first().click();
      await pr.getByTestId('contract-approve').click();
      await pr.getByTestId('confirm-ok').click();
      await pr.getByTestId('contract-status').getByText('已登记').waitFor();
      expect((await pr.getByTestId('registration-number').textContent()) ?? '').toMatch(/^\d{16}$/);
      await journey.shot(pr, 'contract-registered');
    });

    // 10. The holder downloads the registration certificate (a PDF).
    await step('certificate-downloads', async () => {
      await ph.reload();
      await ph.getByTestId('contract-status').getByText('已登记').waitFor();
      const [download] = await Promise.all([ph.waitForEvent('download'), ph.getByTestId('contract-certificate').click()]);
      expect(download.suggestedFilename()).toMatch(/^技术合同登记证明-\d{16}\.pdf$/);
      const file = await download.path();
      expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    });

    // 11. The console's contract statistics show the new turnover (the technical-transaction amount).
    await step('statistics-show-the-turnover', async () => {
      await pr.getByTestId('menu-contract-stats').click();
      await pr.getByTestId('contract-statistics').waitFor();
      await pr.getByTestId('stats-tech').getByText(yuanText(techBefore + 1_200_000)).waitFor();
      await journey.shot(pr, 'contract-statistics');
    });

    // 12. The public statistics page shows it too, without signing in.
    await step('public-statistics-show-the-turnover', async () => {
      const visitor = await cast.person();
      await visitor.goto('/statistics');
      await visitor.getByTestId('public-contract-tech').getByText(yuanText(techBefore + 1_200_000)).waitFor();
      await journey.shot(visitor, 'public-statistics');
    });
  }, 900_000);
});
