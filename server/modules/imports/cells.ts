import {
  ENUM_CODES,
  enumDefinition,
  type EnumKind,
  industryDivisions,
  industrySections,
  pillarIndustries,
  regionsAtLevel,
  techFields,
} from '../../../shared/taxonomies/index.js';

/**
 * Turning spreadsheet cells (text as typed, or what Excel stored) into
 * content values. Each parser returns the value or a problem in both
 * languages; nothing here throws for bad input.
 */
export type Problem = { zh: string; en: string };
export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: Problem };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (zh: string, en: string): Parsed<never> => ({ ok: false, problem: { zh, en } });

/** Separators of list cells: ；; ，, and 、 (Chinese and Latin). */
export const LIST_SEPARATORS = /[；;，,、\n]/;

export function splitList(s: string): string[] {
  return s
    .split(LIST_SEPARATORS)
    .map((x) => x.trim())
    .filter((x) => x.length > 0);
}

/** The largest amount the content schemas accept, in fen. */
const MAX_FEN = 10_000_000_000_00n;

/**
 * 元 as written in the sheet → integer fen, exactly: the decimal string is
 * split, never multiplied as a float ("19.99" is 1999 fen, not 1998.99…).
 * Accepts thousands separators ("12,345.67") and a trailing 元.
 */
export function parseYuanToFen(raw: string): Parsed<number> {
  const s = raw.replace(/\s+/g, '').replace(/元$/, '').replace(/^[¥￥]/, '');
  const plain = /^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s) ? s.replace(/,/g, '') : s;
  const m = /^(\d+)(?:\.(\d+))?$/.exec(plain);
  if (!m) return bad(`“${raw}”不是金额（以元为单位的数字，如 12345.67）`, `"${raw}" is not an amount in yuan (e.g. 12345.67)`);
  const frac = m[2] ?? '';
  if (frac.length > 2) return bad(`金额“${raw}”超过两位小数（最小单位为分）`, `The amount "${raw}" has more than 2 decimals (the smallest unit is the fen)`);
  const fen = BigInt(m[1]!) * 100n + BigInt(frac.padEnd(2, '0') || '0');
  if (fen > MAX_FEN) return bad(`金额“${raw}”过大`, `The amount "${raw}" is too large`);
  return ok(Number(fen));
}

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');

const enumIndex = new Map<EnumKind, Map<string, string>>();
function enumLookup(kind: EnumKind): Map<string, string> {
  let m = enumIndex.get(kind);
  if (!m) {
    m = new Map();
    for (const v of enumDefinition(kind).values) {
      m.set(norm(v.code), v.code);
      m.set(norm(v.name), v.code);
      m.set(norm(v.nameEn), v.code);
    }
    enumIndex.set(kind, m);
  }
  return m;
}

/** An enumeration value given as its code or its zh/en label. */
export function parseEnum(kind: EnumKind, raw: string): Parsed<string> {
  const code = enumLookup(kind).get(norm(raw));
  if (code) return ok(code);
  const labels = enumDefinition(kind).values.map((v) => v.name).join('、');
  return bad(`“${raw}”不是允许的值，可填：${labels}`, `"${raw}" is not allowed; use one of: ${(ENUM_CODES[kind] as readonly string[]).join(', ')}`);
}

/** A list of enumeration values; every item must resolve. */
export function parseEnumList(kind: EnumKind, raw: string): Parsed<string[]> {
  const out: string[] = [];
  for (const item of splitList(raw)) {
    const p = parseEnum(kind, item);
    if (!p.ok) return p;
    if (!out.includes(p.value)) out.push(p.value);
  }
  return ok(out);
}

type CodeTable = { name: string; index: Map<string, string> };
function table(name: string, entries: readonly { code: string; name: string; nameEn?: string }[], uniqueNamesOnly = false): CodeTable {
  const index = new Map<string, string>();
  const seen = new Map<string, number>();
  for (const e of entries) for (const n of [e.name, e.nameEn]) if (n) seen.set(norm(n), (seen.get(norm(n)) ?? 0) + 1);
  for (const e of entries) {
    index.set(norm(e.code), e.code);
    for (const n of [e.name, e.nameEn]) if (n && (!uniqueNamesOnly || seen.get(norm(n)) === 1)) index.set(norm(n), e.code);
  }
  return { name, index };
}

let tables: Record<'section' | 'division' | 'techField' | 'pillar' | 'region', CodeTable> | null = null;
function codeTables() {
  tables ??= {
    section: table('行业门类', industrySections()),
    division: table('行业大类', industryDivisions()),
    techField: table('技术领域', techFields().flatMap((f) => [f, ...f.children])),
    pillar: table('主导产业', pillarIndustries()),
    // Region names repeat across provinces (e.g. 城关区): only unique names are accepted.
    region: table('地区', [...regionsAtLevel('province'), ...regionsAtLevel('prefecture'), ...regionsAtLevel('county')], true),
  };
  return tables;
}

/** A taxonomy code given as its code or its name (industry section/division, tech field, pillar tag, region). */
export function parseCode(which: keyof NonNullable<typeof tables>, raw: string): Parsed<string> {
  const t = codeTables()[which];
  const code = t.index.get(norm(raw));
  if (code) return ok(code);
  return bad(`“${raw}”不是有效的${t.name}代码或名称（见模板“代码表”）`, `"${raw}" is not a known ${which} code or name (see the template's code sheet)`);
}

export function parseCodeList(which: keyof NonNullable<typeof tables>, raw: string): Parsed<string[]> {
  const out: string[] = [];
  for (const item of splitList(raw)) {
    const p = parseCode(which, item);
    if (!p.ok) return p;
    if (!out.includes(p.value)) out.push(p.value);
  }
  return ok(out);
}

/** Dates as YYYY-MM-DD, YYYY/M/D, YYYY.M.D or YYYY年M月D日 (an Excel date cell arrives as ISO already). */
export function parseDate(raw: string): Parsed<string> {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(raw.trim()) ?? /^(\d{4})-(\d{2})-(\d{2})T/.exec(raw.trim());
  if (!m) return bad(`“${raw}”不是日期（如 2024-05-01）`, `"${raw}" is not a date (e.g. 2024-05-01)`);
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso) return bad(`“${raw}”不是有效日期`, `"${raw}" is not a valid date`);
  return ok(iso);
}

/** Year and month as YYYY-MM, YYYY/M, YYYY.M or YYYY年M月. */
export function parseYearMonth(raw: string): Parsed<string> {
  const m = /^(\d{4})[-/.年](\d{1,2})月?$/.exec(raw.trim()) ?? /^(\d{4})-(\d{2})-\d{2}(?:T.*)?$/.exec(raw.trim());
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return bad(`“${raw}”不是年月（如 2023-06）`, `"${raw}" is not a year and month (e.g. 2023-06)`);
  return ok(`${m[1]}-${m[2]!.padStart(2, '0')}`);
}

/** Technology readiness level: 6, "6级", "TRL6" or the level's name (中试验证). */
export function parseTrl(raw: string): Parsed<number> {
  const m = /^(?:trl)?\s*([1-9])\s*级?$/i.exec(raw.trim());
  if (m) return ok(Number(m[1]));
  const byName = enumLookup('technologyReadinessLevel').get(norm(raw));
  if (byName) return ok(Number(byName));
  return bad(`“${raw}”不是技术成熟度（1–9 级）`, `"${raw}" is not a technology readiness level (1–9)`);
}

export function parseBoolean(raw: string): Parsed<boolean> {
  const v = norm(raw);
  if (['是', 'y', 'yes', 'true', '1', '面议'].includes(v)) return ok(true);
  if (['否', 'n', 'no', 'false', '0'].includes(v)) return ok(false);
  return bad(`“${raw}”应填“是”或“否”`, `"${raw}" should be 是 (yes) or 否 (no)`);
}

/** A number of percent ("60", "60%", "33.5"). */
export function parseShare(raw: string): Parsed<number> {
  const m = /^(\d{1,3}(?:\.\d{1,4})?)\s*[%％]?$/.exec(raw.trim());
  if (!m) return bad(`“${raw}”不是百分比`, `"${raw}" is not a percentage`);
  return ok(Number(m[1]));
}

/**
 * People or units with shares: "甲公司:60；乙研究所:40" (colon half or full
 * width). Without any share the items share 100 equally.
 */
export function parseShares(raw: string): Parsed<{ name: string; share: number; extra: string[] }[]> {
  const items: { name: string; share: number | null; extra: string[] }[] = [];
  for (const item of splitList(raw)) {
    const [name, ...rest] = item.split(/[:：]/).map((x) => x.trim());
    let share: number | null = null;
    const extra: string[] = [];
    for (const r of rest) {
      const p = /^\d/.test(r) ? parseShare(r) : null;
      if (p && !p.ok) return p;
      if (p?.ok && share === null) share = p.value;
      else if (r) extra.push(r);
    }
    items.push({ name: name ?? '', share, extra });
  }
  if (items.length === 0) return ok([]);
  const given = items.filter((i) => i.share !== null).length;
  if (given > 0 && given < items.length) return bad('部分条目缺少比例：要么都写比例，要么都不写（平均分配）', 'Give a share for every item or for none (equal shares)');
  return ok(items.map((i) => ({ name: i.name, share: i.share ?? 100 / items.length, extra: i.extra })));
}
