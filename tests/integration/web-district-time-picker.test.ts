/**
 * The web's time pickers' "now" (decision 0028): `components/DistrictTimePicker.tsx`
 * builds antd's TimePicker (and `.RangePicker`) from the DatePicker of
 * `components/DistrictDatePicker.tsx`, whose config gives the district's
 * wall-clock time as now, so the 此刻/Now button and the hour an empty panel
 * scrolls to follow 北京时间 in any browser zone. Node reads process.env.TZ
 * at each conversion, so the zone below stands in for a browser in Los
 * Angeles. No DOM here (the popup needs one): the pickers are rendered to
 * HTML on the server, which shows they are antd's (same markup) and that
 * they ask the district's config for now; the config's now is checked too.
 */
import { createElement, type ComponentType } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { TimePicker as AntdTimePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
// eslint-disable-next-line no-restricted-imports -- the test runs the web's pickers; nothing on the server does
import { districtGenerateConfig } from '../../web/src/components/district-picker-config.js';

/** The picker is TSX, which the server's type check does not compile: vitest loads it at run time. */
const { TimePicker } = (await import(/* @vite-ignore */ new URL('../../web/src/components/DistrictTimePicker.tsx', import.meta.url).pathname)) as {
  TimePicker: ComponentType<Record<string, unknown>> & { RangePicker: ComponentType<Record<string, unknown>> };
};

const machineZone = process.env.TZ;
afterAll(() => {
  if (machineZone === undefined) delete process.env.TZ;
  else process.env.TZ = machineZone;
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

const render = (c: unknown, props: Record<string, unknown>) => renderToStaticMarkup(createElement(c as ComponentType<Record<string, unknown>>, props));

describe('in a browser in America/Los_Angeles', () => {
  beforeEach(() => {
    process.env.TZ = 'America/Los_Angeles';
    // 17:00 on 3 June in Los Angeles is 08:00 on 4 June in the district.
    vi.useFakeTimers({ now: new Date('2026-06-04T00:00:00Z'), toFake: ['Date'] });
  });

  it('runs in that zone (the test would prove nothing otherwise)', () => {
    expect(new Date('2026-06-03T02:00:00Z').getTimezoneOffset()).toBe(420);
    expect(dayjs().format('HH:mm')).toBe('17:00');
  });

  it('gives the district’s hour as now: what 此刻 puts in the field and where an empty panel scrolls', () => {
    const now = districtGenerateConfig.getNow();
    expect(districtGenerateConfig.locale.format('zh-cn', now, 'HH:mm')).toBe('08:00');
    expect(districtGenerateConfig.getHour(now)).toBe(8);
    expect(districtGenerateConfig.getMinute(now)).toBe(0);
  });

  it('the range picker asks the district’s config for now; antd’s own does not (why pages may not use it)', () => {
    const getNow = vi.spyOn(districtGenerateConfig, 'getNow');
    render(TimePicker.RangePicker, { format: 'HH:mm' });
    expect(getNow).toHaveBeenCalled();
    getNow.mockClear();
    render(AntdTimePicker.RangePicker, { format: 'HH:mm' });
    expect(getNow).not.toHaveBeenCalled();
  });

  it('the single picker asks the district’s config for now too', () => {
    const getNow = vi.spyOn(districtGenerateConfig, 'getNow');
    render(TimePicker, { format: 'HH:mm' });
    expect(getNow).toHaveBeenCalled();
  });

  it('renders as antd’s TimePicker does (time inputs, placeholders, clock icon), empty and with a value', () => {
    const props = { format: 'HH:mm', minuteStep: 15 };
    expect(render(TimePicker.RangePicker, props)).toBe(render(AntdTimePicker.RangePicker, props));
    expect(render(TimePicker, props)).toBe(render(AntdTimePicker, props));
    const hours = { ...props, value: [dayjs('08:30', 'HH:mm'), dayjs('17:30', 'HH:mm')] as [Dayjs, Dayjs] };
    const html = render(TimePicker.RangePicker, hours);
    expect(html).toBe(render(AntdTimePicker.RangePicker, hours));
    expect(html).toContain('value="08:30"');
    expect(html).toContain('value="17:30"');
    expect(html).toContain('anticon-clock-circle');
  });
});

describe('in a browser in Asia/Shanghai', () => {
  beforeEach(() => {
    process.env.TZ = 'Asia/Shanghai';
  });

  it('gives the browser’s own now (the district’s): antd’s behaviour there', () => {
    vi.useFakeTimers({ now: new Date('2026-06-04T00:00:00Z'), toFake: ['Date'] });
    expect(districtGenerateConfig.getNow().format('HH:mm')).toBe(dayjs().format('HH:mm'));
    expect(districtGenerateConfig.getNow().format('HH:mm')).toBe('08:00');
  });
});
