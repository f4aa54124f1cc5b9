/**
 * The web's date pickers' "now" (decision 0028): `components/DistrictDatePicker.tsx`
 * builds antd's DatePicker from antd's dayjs config with `getNow` giving the
 * district's wall-clock time, so the today highlight and the 今天/此刻 buttons
 * follow 北京时间 in any browser zone. Node reads process.env.TZ at each
 * conversion, so the zone below stands in for a browser in Los Angeles. The
 * web unit tests run in Node without a DOM, so the picker itself is not
 * mounted here: the config is tested, and its date panel (rc-picker's
 * PickerPanel, the panel antd's picker opens) is rendered to HTML on the
 * server to find the today cell. The Chromium journey
 * (tests/e2e/facilities.e2e.test.ts) checks the open picker in a Los Angeles
 * browser.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { PickerPanel } from 'rc-picker';
import zhCN from 'rc-picker/lib/locale/zh_CN.js';
import dayjs, { type Dayjs } from 'dayjs';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
// eslint-disable-next-line no-restricted-imports -- the test runs the web's picker config; nothing on the server does
import { districtGenerateConfig } from '../../web/src/components/district-picker-config.js';

const machineZone = process.env.TZ;
afterAll(() => {
  if (machineZone === undefined) delete process.env.TZ;
  else process.env.TZ = machineZone;
});
afterEach(() => {
  vi.useRealTimers();
});

/** The date of the panel's today cell (its title is YYYY-MM-DD), or null if none. */
function todayCell(): string | null {
  const html = renderToStaticMarkup(createElement(PickerPanel<Dayjs>, { generateConfig: districtGenerateConfig, locale: zhCN.default ?? zhCN, prefixCls: 'ant-picker' }));
  const match = /<td[^>]*title="([0-9-]+)"[^>]*class="[^"]*ant-picker-cell-today[^"]*"|<td[^>]*class="[^"]*ant-picker-cell-today[^"]*"[^>]*title="([0-9-]+)"/.exec(html);
  return match ? (match[1] ?? match[2] ?? null) : null;
}

describe('in a browser in America/Los_Angeles', () => {
  beforeEach(() => {
    process.env.TZ = 'America/Los_Angeles';
  });

  it('runs in that zone (the test would prove nothing otherwise)', () => {
    expect(new Date('2026-06-03T02:00:00Z').getTimezoneOffset()).toBe(420);
  });

  it('gives the district’s date and time as now, a day ahead of the browser’s in the evening', () => {
    // 17:00 on 3 June in Los Angeles is 08:00 on 4 June in the district.
    vi.useFakeTimers({ now: new Date('2026-06-04T00:00:00Z'), toFake: ['Date'] });
    expect(dayjs().format('YYYY-MM-DD HH:mm')).toBe('2026-06-03 17:00');
    const now = districtGenerateConfig.getNow();
    expect(now.format('YYYY-MM-DD HH:mm')).toBe('2026-06-04 08:00');
    expect(districtGenerateConfig.getDate(now)).toBe(4);
    expect(districtGenerateConfig.getHour(now)).toBe(8);
  });

  it('gives the district’s date just before its midnight, behind nothing', () => {
    // 23:59 on 3 June in the district is 08:59 on 3 June in Los Angeles: the same day.
    vi.useFakeTimers({ now: new Date('2026-06-03T15:59:00Z'), toFake: ['Date'] });
    expect(districtGenerateConfig.getNow().format('YYYY-MM-DD HH:mm')).toBe('2026-06-03 23:59');
  });

  it('marks the district’s date as today in the date panel', () => {
    vi.useFakeTimers({ now: new Date('2026-06-04T00:00:00Z'), toFake: ['Date'] });
    expect(todayCell()).toBe('2026-06-04');
  });

  it('leaves the rest of antd’s config as it is (parsing, formatting, arithmetic)', () => {
    const d = districtGenerateConfig.locale.parse('zh-cn', '2026-06-03', ['YYYY-MM-DD']);
    expect(d?.format('YYYY-MM-DD')).toBe('2026-06-03');
    expect(districtGenerateConfig.addDate(d!, 1).format('YYYY-MM-DD')).toBe('2026-06-04');
    expect(districtGenerateConfig.locale.format('zh-cn', d!, 'YYYY-MM-DD')).toBe('2026-06-03');
  });
});

describe('in a browser in Asia/Shanghai', () => {
  beforeEach(() => {
    process.env.TZ = 'Asia/Shanghai';
  });

  it('gives the same now as dayjs()', () => {
    vi.useFakeTimers({ now: new Date('2026-06-04T00:00:00Z'), toFake: ['Date'] });
    expect(districtGenerateConfig.getNow().format()).toBe(dayjs().format());
    expect(districtGenerateConfig.getNow().valueOf()).toBe(dayjs().valueOf());
    expect(todayCell()).toBe('2026-06-04');
  });
});
