/**
 * The ESLint rules that keep the browser's zone out of web/src (decision 0028):
 * each way of reading "now" or a date in the browser's zone is refused with a
 * message naming the district helpers (components/district-time,
 * components/format), antd's DatePicker and TimePicker are refused in pages,
 * and the zone-free ways (instants, explicit timeZone, UTC arithmetic) pass.
 * Runs ESLint with the repository's config on code given as a page's text.
 * Also: the reporting periods' last days (plans/periods.ts, which had taken
 * an ISO string's date part) in browsers west and east of the district.
 */
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

/** The rule ids and messages ESLint gives `code` as if it were a page (or another file under web/src). */
async function lint(code: string, filePath = 'web/src/pages/probe/Probe.tsx'): Promise<{ rule: string | null; message: string }[]> {
  const [result] = await eslint.lintText(`${code}\n`, { filePath });
  return result!.messages.map((m) => ({ rule: m.ruleId, message: m.message }));
}

const HELPERS = 'components/district-time (districtNow, districtToday, districtYear, districtTime)';

describe('refused in web/src, naming the helper to use', () => {
  const refused: [string, string][] = [
    ["import dayjs from 'dayjs';\nexport const a = dayjs();", 'dayjs() is now in the browser'],
    ['export const a = new Date();', 'new Date() reads now in the browser'],
    ['export const a = new Date(Date.now()).getFullYear();', 'local fields are the browser'],
    ['export const a = (d: Date) => d.getHours();', 'local fields are the browser'],
    ["export const a = new Date(0).toLocaleDateString('zh-CN');", 'toLocaleDateString/toLocaleTimeString without a timeZone'],
    ["export const a = (d: Date) => d.toLocaleTimeString('en-US', { hour: '2-digit' });", 'toLocaleDateString/toLocaleTimeString without a timeZone'],
    ['export const a = new Date(0).toLocaleString();', 'toLocaleString without a timeZone'],
    ["export const a = new Intl.DateTimeFormat('zh-CN', { dateStyle: 'short' });", 'Intl.DateTimeFormat without a timeZone'],
    ["import dayjs from 'dayjs';\nexport const a = (iso: string) => dayjs(iso).format('YYYY-MM-DD');", 'dayjs(instant).format() shows the browser'],
    ['export const a = (d: Date) => d.toISOString().slice(0, 10);', 'date part is UTC'],
  ];
  for (const [code, what] of refused) {
    it(code.split('\n').pop()!, async () => {
      const found = await lint(code);
      expect(found).toHaveLength(1);
      expect(found[0]!.rule).toBe('no-restricted-syntax');
      expect(found[0]!.message).toContain(what);
      expect(found[0]!.message).toContain(HELPERS);
    });
  }

  it('in components and the plans helpers too, not only in pages', async () => {
    expect(await lint('export const a = new Date();', 'web/src/components/Probe.tsx')).toHaveLength(1);
    expect(await lint('export const a = new Date();', 'web/src/plans/probe.ts')).toHaveLength(1);
  });

  it('antd’s DatePicker and TimePicker in pages, naming the district ones', async () => {
    const found = await lint("import { DatePicker, TimePicker } from 'antd';\nexport const a = [DatePicker, TimePicker];");
    expect(found.map((f) => f.rule)).toEqual(['no-restricted-imports', 'no-restricted-imports']);
    expect(found[0]!.message).toContain('components/DistrictDatePicker');
    expect(found[1]!.message).toContain('components/DistrictTimePicker');
  });
});

describe('allowed', () => {
  const allowed = [
    'export const a = Date.now() < Date.parse(\'2026-06-03T02:00:00Z\');',
    'export const a = new Date().toISOString();',
    "export const a = new Date(0).toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai' });",
    "export const a = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai' });",
    "export const a = (12345.6).toLocaleString('zh-CN', { minimumFractionDigits: 2 });",
    'export const a = new Date(Date.UTC(2026, 2, 0)).getUTCDate();',
    "import dayjs from 'dayjs';\nexport const a = dayjs('2026-06-03T02:00:00Z').tz('Asia/Shanghai').format('HH:mm');",
    "import { DatePicker } from '../../components/DistrictDatePicker';\nimport { TimePicker } from '../../components/DistrictTimePicker';\nexport const a = [DatePicker, TimePicker];",
  ];
  for (const code of allowed) {
    it(code.split('\n').pop()!, async () => {
      expect(await lint(code)).toEqual([]);
    });
  }

  it('the helper itself, which reads the browser’s clock to convert it', async () => {
    expect(await lint("import dayjs from 'dayjs';\nexport const a = dayjs();", 'web/src/components/district-time.ts')).toEqual([]);
  });

  it('outside web/src (the server has its own clock rules)', async () => {
    expect(await lint('export const a = new Date();', 'server/probe.ts')).toEqual([]);
  });
});

describe('reporting periods’ last days, in any browser zone', () => {
  const machineZone = process.env.TZ;
  afterAll(() => {
    if (machineZone === undefined) delete process.env.TZ;
    else process.env.TZ = machineZone;
    vi.useRealTimers();
  });
  let periods: { periodEndDate: (p: string) => string; todayIso: () => string };
  beforeAll(async () => {
    // Extensionless web imports, which the server's type check cannot follow: vitest loads the file at run time.
    periods = (await import(/* @vite-ignore */ new URL('../../web/src/plans/periods.ts', import.meta.url).pathname)) as typeof periods;
  });

  for (const zone of ['America/Los_Angeles', 'Asia/Tokyo', 'Asia/Shanghai']) {
    it(`in ${zone}`, () => {
      process.env.TZ = zone;
      expect(periods.periodEndDate('2026-01')).toBe('2026-01-31');
      expect(periods.periodEndDate('2026-02')).toBe('2026-02-28');
      expect(periods.periodEndDate('2028-02')).toBe('2028-02-29');
      expect(periods.periodEndDate('2026-Q1')).toBe('2026-03-31');
      expect(periods.periodEndDate('2026-Q4')).toBe('2026-12-31');
      // 07:30 on 1 January in the district is still 31 December west of it and in UTC.
      vi.useFakeTimers({ now: new Date('2026-12-31T23:30:00Z'), toFake: ['Date'] });
      expect(periods.todayIso()).toBe('2027-01-01');
      vi.useRealTimers();
    });
  }
});
