import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAs, makeCreditCode, registerEnterprise, uniqueSuffix } from './support/api.js';
import { Journey } from './support/browser.js';
import { passBookedSlot } from './support/db.js';
import { Cast, createAccount, signIn } from './support/cast.js';

/**
 * Issue 7, task 10, shared labs and large instruments: an institute offers an
 * instrument for sharing (specification, fee rule, opening hours) from its
 * console; the bureau approves it from the review queue; an enterprise finds
 * it in the public directory with a Chinese search and requests a slot; the
 * institute confirms it; a second request for an overlapping slot is refused
 * with a clear message under the slot; once the slot has passed the institute
 * records the use with its fee, and the monthly utilisation chart and its
 * summary show it. Before the slot has started, the institute's "record use"
 * is shown disabled with the reason.
 *
 * The enterprise's browser is in Los Angeles (playwright's `timezoneId`,
 * 16 hours behind the district): the booking form shows and takes 北京时间, so
 * the slot typed as 10:00 is stored as 10:00 Asia/Shanghai.
 *
 * The e2e server runs the real clock: a booking must lie in the future and a
 * use can only be recorded once its slot has ended. The journey books
 * tomorrow 10:00–10:30 (district time) and then lets that slot pass with
 * `passBookedSlot` (support/db.ts), the one step that does not go through
 * the browser.
 */
const baseUrl = inject('e2eBaseUrl');
const adminPassword = inject('e2eAdminPassword');
const databaseUrl = inject('e2eDatabaseUrl');

const cast = new Cast(baseUrl);
beforeAll(() => cast.open());
afterAll(() => cast.close());

const MINUTE = 60_000;
const SHANGHAI = 8 * 3600_000;

/** Tomorrow at `hh:mm` in the district (Asia/Shanghai), as epoch milliseconds. */
function tomorrowAt(hh: number, mm: number): number {
  const local = new Date(Date.now() + SHANGHAI);
  return Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + 1, hh, mm) - SHANGHAI;
}

/** An instant as the district's wall-clock time, "YYYY-MM-DD HH:mm" (北京时间). */
function districtText(ms: number): string {
  return new Date(ms + SHANGHAI).toISOString().slice(0, 16).replace('T', ' ');
}

/** Types a slot into the booking form's range picker in district time (北京时间), whatever the browser's zone. */
async function typeSlot(page: Page, from: number, to: number): Promise<void> {
  await fillRange(page, page.getByTestId('booking-form'), districtText(from), districtText(to));
}

/**
 * Types both ends of an antd range picker with a time part, confirming each
 * with the picker's OK button (Enter would also submit the form around it).
 */
async function fillRange(page: Page, scope: Locator, a: string, b: string): Promise<void> {
  const inputs = scope.locator('.ant-picker-range input');
  const ok = page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden) .ant-picker-ok button');
  await inputs.nth(0).click();
  await inputs.nth(0).fill(a);
  await ok.click();
  await inputs.nth(1).fill(b);
  await ok.click();
  await page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)').waitFor({ state: 'hidden' });
}

describe('shared facilities journey', () => {
  it('an institute offers an instrument, the bureau approves it, an enterprise books it, an overlapping request is refused, the use is recorded with its fee and charted', async () => {
    const journey = new Journey('facilities');
    const step = <T>(name: string, fn: () => Promise<T>) => journey.step(name, cast.pages, fn);
    const suffix = uniqueSuffix();
    const inst = { username: `lab${suffix}`, password: 'Institute-Strong-2024!', org: `武威市农产品质量检测研究所${suffix}` };
    const ent = { username: `ent${suffix}`, password: 'Enterprise-Strong-2024!', org: `凉州甜高粱酒业有限公司${suffix}` };
    const reviewer = { username: `frev${suffix}`, password: 'Reviewer-Strong-2024!' };
    const name = `高效液相色谱仪${suffix}`;

    await step('set-up', async () => {
      const res = await fetch(`${baseUrl}/api/v1/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          organisation: { type: 'research_institute', name: inst.org, creditCode: makeCreditCode() },
          user: { username: inst.username, displayName: '李工', email: `${inst.username}@example.com`, password: inst.password },
        }),
      });
      expect(res.status, await res.clone().text()).toBe(200);
      await registerEnterprise(baseUrl, { orgName: ent.org, username: ent.username, password: ent.password });
      const admin = await apiAs(baseUrl, 'admin', adminPassword);
      await createAccount(baseUrl, admin, { username: reviewer.username, displayName: '王审核', roles: ['reviewer'] }, reviewer.password);
      const rev = await apiAs(baseUrl, reviewer.username, reviewer.password);
      for (const who of [inst, ent]) {
        const s = (await (await apiAs(baseUrl, who.username, who.password)).get('/api/v1/session')) as { user: { organisation: { id: string } } };
        await rev.post(`/api/v1/organisations/${s.user.organisation.id}/verification`, { decision: 'verified' });
      }
    });

    // 1. The institute registers the instrument: specification, fee per hour, open every day.
    const owner = await cast.person();
    await step('offer-instrument', async () => {
      await signIn(owner, inst.username, inst.password);
      await owner.goto('/console/facilities');
      await owner.getByTestId('facility-add').click();
      await owner.getByTestId('facility-name').fill(name);
      await owner.getByTestId('facility-category').fill('分析仪器');
      await owner.getByTestId('facility-model').fill('LC-20AT');
      await owner.getByTestId('facility-manufacturer').fill('岛津');
      await owner.getByTestId('facility-specifications').fill('四元梯度泵，紫外与荧光检测器，检出限0.1 ppb；适用于农药残留、糖分与风味物质分析。');
      await owner.getByTestId('facility-description').fill('面向甜高粱、葡萄酒企业开放共享，提供上机测试与数据分析服务。');
      await owner.getByTestId('facility-location').fill('凉州区科技园3号楼201室');
      await owner.getByTestId('facility-fee').fill('120');
      // Open every day, all day, so the short slot below is always within opening hours.
      for (const d of ['周六', '周日']) await owner.getByTestId('facility-days').getByText(d, { exact: true }).click();
      // Typed and confirmed with Enter, as people do: Enter in a picker must not submit the form.
      const hours = owner.getByTestId('facility-form').locator('.ant-picker-range input');
      await hours.nth(0).click();
      await hours.nth(0).fill('00:00');
      await hours.nth(0).press('Enter');
      await hours.nth(1).fill('23:45');
      await hours.nth(1).press('Enter');
      await owner.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)').waitFor({ state: 'hidden' });
      expect(await owner.getByTestId('facility-form').isVisible()).toBe(true);
      await journey.shot(owner, 'facility-form');
      await owner.getByTestId('facility-submit').click();
      await owner.locator('tr').filter({ hasText: name }).getByTestId('facility-status-submitted').waitFor();
      expect(await owner.locator('tr').filter({ hasText: name }).count()).toBe(1);
      await journey.shot(owner, 'facility-submitted');
    });

    // 2. The bureau approves it from the review queue.
    const bureau = await cast.person();
    await step('bureau-approves', async () => {
      await signIn(bureau, reviewer.username, reviewer.password);
      await bureau.goto('/console/facilities');
      const row = bureau.locator('tr').filter({ hasText: name });
      await row.getByTestId('facility-approve').click();
      await row.waitFor({ state: 'detached' });
      await journey.shot(bureau, 'queue-after-approval');
    });

    // 3. The enterprise finds it in the public directory and opens it, from a browser in Los Angeles.
    const enterprise = await cast.person(undefined, { timezoneId: 'America/Los_Angeles' });
    let facilityPath = '';
    await step('directory-search', async () => {
      await signIn(enterprise, ent.username, ent.password);
      // The console's header says what day and time it is in the district (every time on the platform is 北京时间), marked
      // as another zone's in this browser.
      await enterprise.goto('/console');
      await expect.poll(async () => enterprise.getByTestId('district-clock').textContent()).toMatch(/^北京时间 \d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);
      expect(await enterprise.getByTestId('district-clock').getAttribute('data-outside')).toBe('true');
      await enterprise.goto('/facilities');
      await enterprise.getByTestId('facility-search').fill(`液相色谱 ${suffix}`);
      await enterprise.getByTestId('facility-search').press('Enter');
      const link = enterprise.getByTestId('facility-link').filter({ hasText: name });
      await link.waitFor();
      await journey.shot(enterprise, 'directory-search');
      await link.click();
      await enterprise.getByTestId('booking-form').waitFor();
      facilityPath = new URL(enterprise.url()).pathname;
      expect(await enterprise.getByTestId('facility-detail').textContent()).toContain('四元梯度泵');
    });

    // The slot: tomorrow morning, half an hour.
    const start = tomorrowAt(10, 0);
    const end = start + 30 * MINUTE;

    // 4. The enterprise requests the slot, typed as 北京时间 in a browser 16 hours behind.
    await step('request-slot', async () => {
      expect(await enterprise.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('America/Los_Angeles');
      expect(await enterprise.getByTestId('booking-form').textContent()).toContain('预约时段（北京时间）');
      // The browser's clock is elsewhere: the form says so and gives the time in the district now.
      expect(await enterprise.getByTestId('booking-zone-hint').textContent()).toContain('现在是北京时间');
      // The open picker marks the district's today (decision 0028), not the browser's day (a day behind from the district's
      // midnight to 16:00, 15:00 in summer). Read from the browser's clock before and after, in case midnight falls in between.
      const districtDay = async () => districtText(await enterprise.evaluate(() => Date.now())).slice(0, 10);
      const dayBefore = await districtDay();
      await enterprise.getByTestId('booking-form').locator('.ant-picker-range input').first().click();
      const todayCell = enterprise.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden) .ant-picker-cell-today').first();
      const shown = await todayCell.getAttribute('title');
      expect([dayBefore, await districtDay()]).toContain(shown);
      await enterprise.keyboard.press('Escape');
      await enterprise.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)').waitFor({ state: 'hidden' });
      await typeSlot(enterprise, start, end);
      await enterprise.getByTestId('booking-purpose').fill('甜高粱茎秆汁液糖分测定，约10个样品。');
      await journey.shot(enterprise, 'booking-form');
      await enterprise.getByTestId('booking-submit').click();
      await enterprise.getByTestId('booking-requested').waitFor();
      await journey.shot(enterprise, 'booking-requested');
      // Stored as 10:00–10:30 Asia/Shanghai (02:00–02:30 UTC), not as 10:00 in Los Angeles.
      const mine = (await (await apiAs(baseUrl, ent.username, ent.password)).get('/api/v1/facility-bookings?scope=mine')) as { items: { facility: { name: string }; startsAt: string; endsAt: string }[] };
      const booked = mine.items.filter((b) => b.facility.name === name);
      expect(booked.map((b) => [b.startsAt, b.endsAt])).toEqual([[new Date(start).toISOString(), new Date(end).toISOString()]]);
      // And shown so in the enterprise's list of bookings.
      await enterprise.goto('/console/bookings');
      await expect.poll(async () => enterprise.getByTestId('my-booking-slot').first().textContent()).toBe(`${districtText(start)} – ${districtText(end).slice(11)}`);
    });

    // 4b. Whatever the hour the journey runs at: a second browser in Los Angeles whose clock reads tomorrow 08:00 in the
    // district, still today 16:00 (17:00 in summer) in Los Angeles. Its booking picker marks the district's date as today.
    await step('picker-today-is-districts', async () => {
      const early = await cast.person(undefined, { timezoneId: 'America/Los_Angeles' });
      const at = tomorrowAt(8, 0);
      await early.clock.setFixedTime(new Date(at));
      await signIn(early, ent.username, ent.password);
      // The console's header clock gives the district's date, not the browser's (still the day before).
      const [, month, day] = districtText(at).slice(0, 10).split('-').map(Number);
      await expect.poll(async () => early.getByTestId('district-clock').textContent()).toBe(`北京时间 ${month}月${day}日 08:00`); // once the console is up
      await early.goto(facilityPath);
      await early.getByTestId('booking-form').waitFor();
      const browserDay = await early.evaluate(() => new Date().toLocaleDateString('sv-SE'));
      expect(browserDay).not.toBe(districtText(at).slice(0, 10));
      expect(await early.getByTestId('booking-zone-hint').textContent()).toContain(districtText(at));
      // The portal's, beside a menu that needs the room on this 1280 px screen, the time (the date in its tooltip).
      expect(await early.getByTestId('district-clock').textContent()).toBe('北京时间 08:00');
      await early.getByTestId('booking-form').locator('.ant-picker-range input').first().click();
      const todayCell = early.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden) .ant-picker-cell-today').first();
      expect(await todayCell.getAttribute('title')).toBe(districtText(at).slice(0, 10));
      // Not greyed out: the district's today may still be booked (from its open hours on), the browser's yesterday not.
      expect(await todayCell.getAttribute('class')).not.toContain('ant-picker-cell-disabled');
      const browserToday = early.locator(`.ant-picker-dropdown:not(.ant-picker-dropdown-hidden) .ant-picker-cell[title="${browserDay}"]`).first();
      expect(await browserToday.getAttribute('class')).toContain('ant-picker-cell-disabled');
      // Photographed once the panel has finished sliding in (antd's motion classes gone).
      const dropdown = early.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)');
      await expect.poll(async () => (await dropdown.getAttribute('class')) ?? '').not.toMatch(/ant-slide/);
      await journey.shot(early, 'picker-today-is-districts');
    });

    // 5. The institute confirms it.
    await step('owner-confirms', async () => {
      await owner.goto('/console/facilities');
      await owner.locator('tr').filter({ hasText: name }).getByRole('link', { name }).click();
      await owner.getByTestId('facility-console').waitFor();
      const row = owner.locator('tr').filter({ hasText: ent.org });
      await row.getByTestId('booking-confirm').click();
      await expect.poll(async () => row.getByTestId('booking-status').textContent()).toBe('已确认');
      // The slot is tomorrow: "record use" is not offered yet, and says why.
      expect(await row.getByTestId('booking-record-usage').count()).toBe(0);
      // The pointer still rests where the confirm button was; move it off first, or the hover is no move at all.
      await owner.mouse.move(0, 0);
      await row.getByTestId('booking-record-usage-later').hover();
      await expect.poll(async () => owner.locator('.ant-tooltip:visible .ant-tooltip-inner').textContent()).toBe(`预约时段开始（北京时间 ${districtText(start)}）后才能登记使用`);
      await journey.shot(owner, 'booking-confirmed');
    });

    // 6. A second request for an overlapping slot is refused, with the reason under the slot.
    await step('overlap-refused', async () => {
      await enterprise.goto(facilityPath);
      await enterprise.getByTestId('booking-form').waitFor();
      await typeSlot(enterprise, start + 15 * MINUTE, end + 15 * MINUTE);
      await enterprise.getByTestId('booking-purpose').fill('补测两个样品。');
      await enterprise.getByTestId('booking-submit').click();
      await enterprise.getByTestId('booking-form').getByText('该时段已有确认的预约').waitFor();
      expect(await enterprise.getByTestId('booking-requested').count()).toBe(0);
      await journey.shot(enterprise, 'overlap-refused');
      // The public calendar shows the confirmed slot as taken, in 北京时间.
      expect(await enterprise.getByTestId('calendar-entry').filter({ hasText: '已预约' }).textContent()).toContain(`${districtText(start)} – ${districtText(end).slice(11)}`);
    });

    // 7. After the slot, the institute records the use with its fee (60 yuan: the rule's 120 an hour for half an hour).
    let usedFrom = 0;
    await step('record-usage', async () => {
      usedFrom = (await passBookedSlot(databaseUrl, name)).startsAt.getTime();
      // A fresh load: the console's cached bookings still hold tomorrow's times.
      await owner.goto('/console/facilities');
      await owner.locator('tr').filter({ hasText: name }).getByRole('link', { name }).click();
      await owner.getByTestId('facility-console').waitFor();
      const row = owner.locator('tr').filter({ hasText: ent.org });
      await row.getByTestId('booking-record-usage').click();
      const modal = owner.locator('.ant-modal:visible');
      await modal.getByTestId('usage-fee').fill('60');
      await journey.shot(owner, 'usage-form');
      await modal.locator('.ant-modal-footer .ant-btn-primary').click();
      await modal.waitFor({ state: 'hidden' });
      await expect.poll(async () => row.getByTestId('booking-status').textContent()).toBe('已使用');
      await expect.poll(async () => owner.getByTestId('usage-total-fee').textContent()).toContain('60.00');
    });

    // 8. The monthly utilisation chart and its summary show the use.
    await step('utilisation-chart', async () => {
      const year = new Date(usedFrom + SHANGHAI).getUTCFullYear();
      // Half an hour.
      await expect.poll(async () => owner.getByTestId('utilisation-summary').textContent()).toBe(`${year} 年共使用 0.5 小时、1 次，收费 60.00 元。`);
      await owner.getByTestId('utilisation-chart').locator('canvas').first().waitFor();
      await owner.getByTestId('utilisation-chart').scrollIntoViewIfNeeded();
      await journey.shot(owner, 'utilisation-chart');
    });
  }, 300_000);
});
