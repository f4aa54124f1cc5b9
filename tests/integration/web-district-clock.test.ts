/**
 * The 北京时间 clock in the portal's and the console's headers (decision 0028):
 * `components/DistrictClock.tsx` shows the district's date and time
 * (`北京时间 11月28日 14:05` / `Beijing time Nov 28 14:05`) from
 * `components/district-clock.ts`, one timer for the page that turns with the
 * minute. Node reads process.env.TZ at each conversion, so the zones below
 * stand in for a browser in Los Angeles, Tokyo or the district; the clock is
 * faked. No DOM: the clock is rendered to HTML on the server, and the timer
 * is checked through the store's subscriptions.
 */
import { createElement, type ComponentType } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import i18next from 'i18next';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
// eslint-disable-next-line no-restricted-imports -- the test runs the web's clock; nothing on the server does
import { currentMinute, subscribeMinute } from '../../web/src/components/district-clock.js';
// eslint-disable-next-line no-restricted-imports -- as above
import { districtClockText } from '../../web/src/components/district-time.js';

/** Web files the server's type check cannot follow (TSX; the messages' extensionless imports), loaded by vitest at run time. */
const web = async <T>(path: string): Promise<T> => (await import(/* @vite-ignore */ new URL(`../../web/src/${path}`, import.meta.url).pathname)) as T;
const { DistrictClock } = await web<{ DistrictClock: ComponentType<{ minWidth?: 'sm' | 'md' | 'lg' | 'xl' }> }>('components/DistrictClock.tsx');
const { default: zhCN } = await web<{ default: object }>('i18n/zh-CN.ts');
const { default: en } = await web<{ default: object }>('i18n/en.ts');

const machineZone = process.env.TZ;
afterAll(() => {
  if (machineZone === undefined) delete process.env.TZ;
  else process.env.TZ = machineZone;
});
afterEach(() => {
  vi.useRealTimers();
});

async function clockHtml(lng: 'zh-CN' | 'en'): Promise<string> {
  const i18n = i18next.createInstance();
  await i18n.init({ resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } }, lng, fallbackLng: 'zh-CN', interpolation: { escapeValue: false }, showSupportNotice: false });
  return renderToStaticMarkup(createElement(I18nextProvider, { i18n }, createElement(DistrictClock)));
}
const text = (html: string) => html.replace(/<[^>]*>/g, '').trim();

// 14:05:30 on 28 November in the district: 22:05 on the 27th in Los Angeles, 15:05 on the 28th in Tokyo.
const AFTERNOON = new Date('2026-11-28T06:05:30Z');

describe('in a browser in America/Los_Angeles', () => {
  beforeEach(() => {
    process.env.TZ = 'America/Los_Angeles';
    vi.useFakeTimers({ now: AFTERNOON, toFake: ['Date'] });
  });

  it('runs in that zone (the test would prove nothing otherwise)', () => {
    expect(new Date('2026-11-28T06:05:30Z').getTimezoneOffset()).toBe(480);
    expect(new Date().getDate()).toBe(27); // the browser’s own day: the 27th
  });

  it('shows the district’s date and time, a day ahead of the browser’s, marked as another zone', async () => {
    const html = await clockHtml('zh-CN');
    expect(text(html)).toBe('北京时间 11月28日 14:05');
    expect(html).toContain('data-testid="district-clock"');
    expect(html).toContain('data-outside="true"');
  });

  it('in English too, month names in English', async () => {
    expect(text(await clockHtml('en'))).toBe('Beijing time Nov 28 14:05');
  });

  it('formats an instant as the district’s, in both languages, also across the district’s midnight', () => {
    // 23:59 on 31 December in the district is 07:59 on 31 December in Los Angeles.
    expect(districtClockText(Date.parse('2026-12-31T15:59:00Z'), 'zh-CN')).toBe('12月31日 23:59');
    // 00:00 on 1 January in the district is still 31 December in Los Angeles.
    expect(districtClockText(Date.parse('2026-12-31T16:00:00Z'), 'zh-CN')).toBe('1月1日 00:00');
    expect(districtClockText(Date.parse('2026-12-31T16:00:00Z'), 'en')).toBe('Jan 1 00:00');
  });
});

describe('in a browser in Asia/Tokyo (an hour ahead of the district)', () => {
  beforeEach(() => {
    process.env.TZ = 'Asia/Tokyo';
  });

  it('shows the district’s hour, not the browser’s', async () => {
    vi.useFakeTimers({ now: AFTERNOON, toFake: ['Date'] });
    expect(text(await clockHtml('zh-CN'))).toBe('北京时间 11月28日 14:05');
  });

  it('shows the district’s day just before its midnight, when Tokyo is on the next day', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-28T15:30:00Z'), toFake: ['Date'] });
    expect(text(await clockHtml('en'))).toBe('Beijing time Nov 28 23:30');
  });
});

describe('in a browser in Asia/Shanghai', () => {
  beforeEach(() => {
    process.env.TZ = 'Asia/Shanghai';
  });

  it('shows the same clock, not marked as another zone', async () => {
    vi.useFakeTimers({ now: AFTERNOON, toFake: ['Date'] });
    const html = await clockHtml('zh-CN');
    expect(text(html)).toBe('北京时间 11月28日 14:05');
    expect(html).toContain('data-outside="false"');
  });
});

describe('the minute it shows', () => {
  beforeEach(() => {
    process.env.TZ = 'America/Los_Angeles';
    vi.useFakeTimers({ now: AFTERNOON, toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  });

  it('is the instant the current minute began', () => {
    expect(new Date(currentMinute()).toISOString()).toBe('2026-11-28T06:05:00.000Z');
  });

  it('turns with the minute, from one timer however many clocks listen, and stops when none does', () => {
    const heard = [vi.fn(), vi.fn(), vi.fn()];
    const leave = heard.map((l) => subscribeMinute(l));
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(29_999); // 14:05:59.999
    for (const l of heard) expect(l).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1); // 14:06:00
    for (const l of heard) expect(l).toHaveBeenCalledTimes(1);
    expect(districtClockText(currentMinute(), 'zh-CN')).toBe('11月28日 14:06');
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(60_000);
    for (const l of heard) expect(l).toHaveBeenCalledTimes(2);
    expect(districtClockText(currentMinute(), 'zh-CN')).toBe('11月28日 14:07');
    leave[0]!();
    leave[1]!();
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(60_000);
    expect(heard[0]).toHaveBeenCalledTimes(2);
    expect(heard[2]).toHaveBeenCalledTimes(3);
    leave[2]!();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('aims each tick at the next minute’s turn, so a late tick does not drift', () => {
    const heard = vi.fn();
    const leave = subscribeMinute(heard);
    vi.advanceTimersByTime(30_000); // 14:06:00
    expect(heard).toHaveBeenCalledTimes(1);
    // The tab sleeps: the clock moves 20 s on without the timer, which then runs 20 s past a minute's turn.
    vi.setSystemTime(new Date('2026-11-28T06:06:20Z'));
    vi.runOnlyPendingTimers();
    expect(heard).toHaveBeenCalledTimes(2);
    expect(Date.now() % 60_000).toBe(20_000);
    const late = districtClockText(currentMinute(), 'zh-CN');
    // The next tick comes at the next turn, 40 s on, not a full minute after the late one.
    vi.advanceTimersByTime(39_999);
    expect(heard).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(1);
    expect(heard).toHaveBeenCalledTimes(3);
    expect(districtClockText(currentMinute(), 'zh-CN')).not.toBe(late);
    expect(Date.now() % 60_000).toBe(0);
    leave();
  });
});
