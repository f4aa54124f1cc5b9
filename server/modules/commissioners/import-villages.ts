import { Readable } from 'node:stream';
import { parse as parseCsv } from '@fast-csv/parse';
import { sql } from 'drizzle-orm';
import { type Actor, requireCan } from '../../core/access.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { townshipList } from './repository.js';
import { villages } from './schema.js';

/** Columns of the village CSV: Chinese header (template) or English names. */
export const VILLAGE_COLUMNS = [
  { key: 'township', zh: '乡镇', required: true },
  { key: 'name', zh: '村名', required: true },
  { key: 'code', zh: '统计代码', required: false },
  { key: 'households', zh: '户数', required: false },
  { key: 'povertyFlaggedYear', zh: '贫困村认定年份', required: false },
  { key: 'povertyLiftedYear', zh: '脱贫年份', required: false },
] as const;
type Key = (typeof VILLAGE_COLUMNS)[number]['key'];

export const VILLAGE_TEMPLATE = `\uFEFF${VILLAGE_COLUMNS.map((c) => c.zh).join(',')}\n黄羊镇,示例村,,320,2014,2019\n`;

type RowError = { row: number; column: string; message: string };
type Parsed = { townshipId: string; name: string; code: string | null; households: number | null; povertyFlaggedYear: number | null; povertyLiftedYear: number | null };

async function records(csv: string): Promise<string[][]> {
  const text = csv.replace(/^\uFEFF/, '');
  const out: string[][] = [];
  const stream = Readable.from([text]).pipe(parseCsv({ ignoreEmpty: true, trim: true, strictColumnHandling: false }));
  for await (const rec of stream as AsyncIterable<string[]>) out.push(rec);
  return out;
}

const msg = (locale: string, zh: string, en: string) => (locale === 'en' ? en : zh);

/**
 * Validate (and, when asked and every row is valid, write) villages from CSV.
 * All or nothing: one bad row and nothing is written, with every problem
 * reported by row and column. A village already registered under the same
 * township and name is updated (re-importing a corrected file is safe).
 */
export async function importVillages(tx: Tx, actor: Actor, input: { csv: string; commit: boolean }, now: Date) {
  requireCan(actor, 'manage', 'village', {});
  const L = (zh: string, en: string) => msg(actor.locale, zh, en);
  const errors: RowError[] = [];
  let table: string[][];
  try {
    table = await records(input.csv);
  } catch {
    return { rows: 0, valid: 0, created: 0, updated: 0, committed: false, errors: [{ row: 1, column: '', message: L('无法解析 CSV 文件', 'The CSV cannot be parsed') }] };
  }
  const header = (table[0] ?? []).map((h) => h.trim());
  const index = new Map<Key, number>();
  for (const c of VILLAGE_COLUMNS) {
    const i = header.findIndex((h) => h === c.zh || h === c.key);
    if (i >= 0) index.set(c.key, i);
    else if (c.required) errors.push({ row: 1, column: c.zh, message: L(`缺少“${c.zh}”列`, `Missing column “${c.key}”`) });
  }
  if (errors.length) return { rows: Math.max(0, table.length - 1), valid: 0, created: 0, updated: 0, committed: false, errors };

  const towns = new Map((await townshipList(tx)).map((t) => [t.name, t.id]));
  const seen = new Map<string, number>();
  const parsed: Parsed[] = [];
  const year = (raw: string, row: number, col: string): number | null => {
    if (!raw) return null;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1980 || n > 2100) {
      errors.push({ row, column: col, message: L('年份须为 1980–2100 之间的四位整数', 'A year between 1980 and 2100') });
      return null;
    }
    return n;
  };
  table.slice(1).forEach((cells, i) => {
    const row = i + 2;
    const cell = (k: Key) => (index.has(k) ? (cells[index.get(k)!] ?? '').trim() : '');
    const before = errors.length;
    const townshipId = towns.get(cell('township'));
    if (!townshipId) errors.push({ row, column: '乡镇', message: L(`“${cell('township')}”不是本区的乡镇`, `“${cell('township')}” is not a township of the district`) });
    const name = cell('name');
    if (!name || name.length > 100) errors.push({ row, column: '村名', message: L('村名必填，最多 100 字', 'A name of at most 100 characters is required') });
    const code = cell('code') || null;
    if (code && !/^\d{12}$/.test(code)) errors.push({ row, column: '统计代码', message: L('统计代码为 12 位数字', 'The code has 12 digits') });
    const hh = cell('households');
    const households = hh ? Number(hh) : null;
    if (households !== null && (!Number.isInteger(households) || households < 0 || households > 100_000)) errors.push({ row, column: '户数', message: L('户数须为非负整数', 'Households must be a whole number') });
    const flagged = year(cell('povertyFlaggedYear'), row, '贫困村认定年份');
    const lifted = year(cell('povertyLiftedYear'), row, '脱贫年份');
    if (lifted !== null && (flagged === null || lifted < flagged)) errors.push({ row, column: '脱贫年份', message: L('脱贫年份须晚于或等于认定年份，且须先有认定年份', 'The year lifted needs a year flagged and cannot precede it') });
    const key = `${cell('township')}/${name}`;
    if (seen.has(key)) errors.push({ row, column: '村名', message: L(`与第 ${seen.get(key)} 行重复`, `Duplicates row ${seen.get(key)}`) });
    else seen.set(key, row);
    if (errors.length === before) parsed.push({ townshipId: townshipId!, name, code, households, povertyFlaggedYear: flagged, povertyLiftedYear: lifted });
  });
  // A statistical code belongs to one village: not twice in the file, not to another registered village.
  const codes = new Map<string, number>();
  table.slice(1).forEach((cells, i) => {
    const code = index.has('code') ? (cells[index.get('code')!] ?? '').trim() : '';
    if (!code) return;
    if (codes.has(code)) errors.push({ row: i + 2, column: '统计代码', message: L(`与第 ${codes.get(code)} 行的统计代码相同`, `Same code as row ${codes.get(code)}`) });
    else codes.set(code, i + 2);
  });
  if (codes.size > 0) {
    const taken = await tx.execute<{ code: string; township_id: string; name: string }>(
      sql`SELECT code, township_id, name FROM villages WHERE code = ANY(${sql.param([...codes.keys()])}::text[])`,
    );
    for (const t of taken.rows) {
      const row = codes.get(t.code)!;
      const p = parsed.find((x) => x.code === t.code);
      if (p && (p.townshipId !== t.township_id || p.name !== t.name)) errors.push({ row, column: '统计代码', message: L('统计代码已被其他村使用', 'Another village has this code') });
    }
  }
  const rows = table.length - 1;
  if (rows === 0) errors.push({ row: 1, column: '', message: L('文件中没有数据行', 'The file has no data rows') });
  if (!input.commit || errors.length > 0) return { rows, valid: parsed.length, created: 0, updated: 0, committed: false, errors };

  let created = 0;
  for (const p of parsed) {
    const r = await tx
      .insert(villages)
      .values({ ...p, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({
        target: [villages.townshipId, villages.name],
        set: { code: p.code, households: p.households, povertyFlaggedYear: p.povertyFlaggedYear, povertyLiftedYear: p.povertyLiftedYear, updatedAt: now },
      })
      .returning({ inserted: sql<boolean>`(xmax = 0)` });
    if (r[0]!.inserted) created++;
  }
  await recordAudit(tx, actor, { action: 'village.import', entityType: 'village', changes: { rows, created, updated: parsed.length - created } });
  return { rows, valid: parsed.length, created, updated: parsed.length - created, committed: true, errors: [] };
}
