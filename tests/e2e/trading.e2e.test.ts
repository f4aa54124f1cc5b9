import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAs, registerEnterprise, uniqueSuffix } from './support/api.js';
import { Journey } from './support/browser.js';
import { Cast, createAccount, signIn } from './support/cast.js';

/**
 * Issue 5, an achievement auctioned: the holder's published achievement is
 * listed for auction (set up over the API, with a short auction on the real
 * clock: the platform has no "close now", and the e2e server runs the real
 * job worker); two enterprises register on the bidding page, the bureau
 * records their deposits on the trading desk, they bid from two browsers and
 * each sees the other's bid arrive live; when the end passes the close job
 * runs and the winner sees the result and the deal in public notice.
 */
const baseUrl = inject('e2eBaseUrl');
const adminPassword = inject('e2eAdminPassword');
/** Long enough for the steps before the end on a slow CI machine; the journey then waits for it. */
const AUCTION_SECONDS = 150;

const cast = new Cast(baseUrl);
beforeAll(() => cast.open());
afterAll(() => cast.close());

const okButton = (page: Page) => page.locator('.ant-modal-confirm-btns, .ant-modal-footer').getByRole('button', { name: /确\s*定|OK/ }).last();

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
  }, 600_000);
});
