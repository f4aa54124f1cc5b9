/**
 * 科技报告编号 (S&T report numbers), after GB/T 15416-2014 《科技报告编号规则》
 * and the national S&T report system's practice. The rules are written down
 * in docs/workflows/obligations.md; in short, three shapes are accepted:
 *
 *  - `standard`: 报告代码 "--" 顺序代码, optionally "--" country code and
 *    "+" local suffix (the ISRN layout GB/T 15416 follows, ISO 10444):
 *    e.g. `LZKJ/NY--2026/015`, `WWSKJ-JH--2026-0007--CN`;
 *  - `project`: 承担单位机构代码 "-" 项目（课题）编号 "/" 顺序号, the form the
 *    科技报告基本信息表 prescribes (`XXXXXXXXX-NNNNUUNNNNNN/NN`), with the 9-character
 *    organisation code (GB 11714, `000000000` when there is none) or the 18-character
 *    unified social credit code that replaced it: e.g. `MA01ABCD3-LZ2026KJ012/01`;
 *  - `year`: issuer code "-" year "-" serial, the short form district
 *    programmes use: e.g. `GS-2026-000123`.
 *
 * The validator is tolerant of how people type: full-width characters,
 * lower case, spaces, en/em dashes and the Chinese 一字线 are normalised first;
 * the normalised number is what gets stored. Check characters of
 * organisation codes are not verified (a typo there is the unit's business,
 * and the report system itself accepts `000000000`).
 */

export type ReportNumberForm = 'standard' | 'project' | 'year';

export type ReportNumberCheck =
  | { ok: true; normalised: string; form: ReportNumberForm }
  | { ok: false; zh: string; en: string };

/** GB/T 15416 / ISO 10444: the whole number is at most 36 characters, the report code at most 16. */
const MAX_STANDARD = 36;
const MAX_REPORT_CODE = 16;
/** Project numbers with an 18-character credit code run longer than 36; allow them some room. */
const MAX_PROJECT = 48;

const SEGMENTED = '[A-Z0-9]+(?:[/-][A-Z0-9]+)*';
const STANDARD = new RegExp(`^(${SEGMENTED})--(\\d+(?:[/-]\\d+)*)(?:--([A-Z]{2}))?(?:\\+([A-Z0-9]+(?:[/-][A-Z0-9]+)*))?$`);
const PROJECT = /^([0-9A-Z]{9}|[0-9A-Z]{18})--?([A-Z0-9]+(?:[-.][A-Z0-9]+)*)\/(\d{1,4})(?:\+([A-Z0-9]+))?$/;
const YEAR = /^([A-Z][A-Z0-9]{1,7})-(\d{4})[-/](\d{1,8})$/;

/** Full-width forms, dashes of every kind and spaces, to the plain ASCII the rules are written in. */
export function normaliseReportNumber(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/[\u2010-\u2015\u2212\u30fc\uff0d\u4e00]/g, '-')
    .replace(/\s+/g, '')
    .replace(/^ISRN:?/i, '')
    .toUpperCase();
}

const BAD = {
  zh: '科技报告编号格式不正确。应为“报告代码--顺序号”（如 LZKJ--2026/015）、“机构代码-项目编号/顺序号”（如 MA01ABCD3-LZ2026KJ012/01）或“单位代码-年份-顺序号”（如 GS-2026-000123）',
  en: 'Not a valid S&T report number. Use “report code--sequence” (e.g. LZKJ--2026/015), “organisation code-project number/sequence” (e.g. MA01ABCD3-LZ2026KJ012/01) or “issuer-year-serial” (e.g. GS-2026-000123)',
};

function yearOk(year: number): boolean {
  return year >= 1980 && year <= 2100;
}

/** Check a report number; on success returns the normalised form to store. */
export function checkReportNumber(raw: string): ReportNumberCheck {
  const n = normaliseReportNumber(raw);
  if (n.length === 0) return { ok: false, zh: '请填写科技报告编号', en: 'Enter the report number' };
  if (/[^A-Z0-9/+.-]/.test(n)) {
    return { ok: false, zh: '科技报告编号只能包含字母、数字和 - / + 符号', en: 'A report number may contain only letters, digits and - / +' };
  }

  const s = STANDARD.exec(n);
  if (s && n.length <= MAX_STANDARD && s[1]!.length >= 2 && s[1]!.length <= MAX_REPORT_CODE) {
    return { ok: true, normalised: n, form: 'standard' };
  }
  const p = PROJECT.exec(n);
  if (p && n.length <= MAX_PROJECT && /\d/.test(p[2]!)) return { ok: true, normalised: n, form: 'project' };
  const y = YEAR.exec(n);
  if (y && yearOk(Number(y[2]))) return { ok: true, normalised: n, form: 'year' };
  if (y) return { ok: false, zh: `报告编号中的年份 ${y[2]} 不合理`, en: `The year ${y[2]} in the report number is implausible` };
  if (n.length > MAX_PROJECT) {
    return { ok: false, zh: `科技报告编号过长（最多 ${MAX_STANDARD} 个字符）`, en: `The report number is too long (at most ${MAX_STANDARD} characters)` };
  }
  return { ok: false, ...BAD };
}
