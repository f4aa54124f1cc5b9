/**
 * Chinese patent application numbers (专利申请号) in the format used since
 * 1 October 2003: 12 digits (year of filing 4, kind 1, serial 7) and a check
 * character after a dot, e.g. ZL201710123456.0 for a granted patent (专利号,
 * the application number with the prefix ZL) or CN… as it is often written.
 *
 * The check character: multiply the 12 digits by the weights 2,3,4,5,6,7,8,9,
 * 2,3,4,5 in order, sum, take the remainder modulo 11; 10 is written X
 * (GB/T 《专利申请号标准》 ZC 0006-2003). Hand-written: no maintained npm package
 * validates these (decision record on the finance domain).
 */

const WEIGHTS = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5] as const;

/** Kinds (the 5th digit): 1 invention, 2 utility model, 3 design, 8 PCT invention, 9 PCT utility model. */
export const PATENT_KINDS = { '1': 'invention', '2': 'utility_model', '3': 'design', '8': 'pct_invention', '9': 'pct_utility_model' } as const;

/** The check character of 12 digits, or null if the input is not 12 digits. */
export function patentCheckChar(digits12: string): string | null {
  if (!/^\d{12}$/.test(digits12)) return null;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(digits12[i]) * WEIGHTS[i]!;
  const r = sum % 11;
  return r === 10 ? 'X' : String(r);
}

export type PatentNumberResult = { ok: true; normalised: string } | { ok: false; reason: 'format' | 'kind' | 'year' | 'check'; expected?: string };

/**
 * Parse a patent number as a user types it: the prefix ZL or CN (any case),
 * spaces and the dot optional. Normalised as `ZL` + 12 digits + `.` + check.
 */
export function parsePatentNumber(input: string, opts: { maxYear?: number } = {}): PatentNumberResult {
  const s = input.replace(/[\s\u3000]/g, '').toUpperCase().replace(/．/g, '.');
  const m = /^(?:ZL|CN)(\d{12})\.?([0-9X])$/.exec(s);
  if (!m) return { ok: false, reason: 'format' };
  const digits = m[1]!;
  const year = Number(digits.slice(0, 4));
  if (year < 2003 || year > (opts.maxYear ?? 2100)) return { ok: false, reason: 'year' };
  if (!(digits[4]! in PATENT_KINDS)) return { ok: false, reason: 'kind' };
  const expected = patentCheckChar(digits)!;
  if (m[2] !== expected) return { ok: false, reason: 'check', expected };
  return { ok: true, normalised: `ZL${digits}.${expected}` };
}

/** Field-error texts (zh-CN, en) for a failed parse. */
export function patentNumberProblem(r: Exclude<PatentNumberResult, { ok: true }>): { zh: string; en: string } {
  switch (r.reason) {
    case 'format':
      return { zh: '专利号格式应为 ZL 或 CN 加 12 位数字和校验位，如 ZL201710123456.0', en: 'A patent number is ZL or CN, 12 digits and a check character, e.g. ZL201710123456.0' };
    case 'year':
      return { zh: '专利号前 4 位应为 2003 年以后的申请年份', en: 'The first 4 digits must be a filing year from 2003 on' };
    case 'kind':
      return { zh: '专利号第 5 位（专利类型）应为 1、2、3、8 或 9', en: 'The 5th digit (patent kind) must be 1, 2, 3, 8 or 9' };
    case 'check':
      return { zh: `专利号校验位不正确（按前 12 位应为 ${r.expected}）`, en: `The check character is wrong (the 12 digits give ${r.expected})` };
  }
}
