import type { AchievementContent, DemandContent, ListingKind } from '../../../shared/contracts/catalog-content.js';
import type { ImportRowError } from '../../../shared/contracts/imports.js';
import { submissionProblems } from '../catalog/validate-content.js';
import { COLUMNS, columnFor, type Draft, headerForField } from './columns.js';
import type { SourceRow } from './read-rows.js';

/**
 * One row → the content of a listing, or every problem with it (field, column
 * and reason in both languages). Sheet rows go through the template columns;
 * JSONL lines are content objects as the API takes them (money in fen), or
 * flat objects keyed by the Chinese headers.
 */
export type RowResult =
  | { ok: true; row: number; externalId: string | null; content: AchievementContent | DemandContent }
  | { ok: false; row: number; externalId: string | null; errors: ImportRowError[] };

export function validateRow(kind: ListingKind, src: SourceRow, now: Date): RowResult {
  const errors: ImportRowError[] = [];
  const fail = (field: string, zh: string, en: string) =>
    errors.push({ row: src.row, field, column: field ? headerForField(kind, field) : null, message: zh, messageEn: en });

  let draft: Draft;
  if ('unreadable' in src) {
    fail('', src.unreadable.zh, src.unreadable.en);
    return { ok: false, row: src.row, externalId: null, errors };
  }
  if ('json' in src) {
    if (!src.json || typeof src.json !== 'object' || Array.isArray(src.json)) {
      fail('', '该行不是 JSON 对象', 'This line is not a JSON object');
      return { ok: false, row: src.row, externalId: null, errors };
    }
    const obj = src.json as Record<string, unknown>;
    const flat = Object.keys(obj).some((k) => columnFor(kind, k));
    draft = flat ? fromCells(kind, new Map(Object.entries(obj).map(([k, v]) => [k, v === null || v === undefined ? '' : String(v)])), fail) : { ...obj };
  } else {
    draft = fromCells(kind, src.cells, fail);
  }
  // A demand without budget cells has an open budget, not a missing one.
  if (kind === 'demand') draft.budget ??= {};

  const rawExternal = draft.externalId;
  delete draft.externalId;
  const externalId = typeof rawExternal === 'string' && rawExternal.trim() ? rawExternal.trim().slice(0, 100) : null;
  if (rawExternal !== undefined && rawExternal !== null && typeof rawExternal !== 'string') {
    fail('externalId', '外部编号应为文本', 'externalId must be a string');
  }

  // The catalog's own submission rules (full schema, only public achievements,
  // deadlines not past): an imported row is a complete record whatever its target status.
  const refused = new Set(errors.map((e) => e.field.split('.')[0]));
  const checked = submissionProblems(kind, draft, now);
  if (!checked.ok) {
    for (const p of checked.fields) if (!refused.has(p.path.split('.')[0]!)) fail(p.path, p.zh, p.en);
    if (checked.fields.length === 0 && errors.length === 0) fail('', '内容无效', 'The content is invalid');
  }
  if (errors.length > 0) return { ok: false, row: src.row, externalId, errors };
  if (!checked.ok) return { ok: false, row: src.row, externalId, errors };
  return { ok: true, row: src.row, externalId, content: checked.content };
}

function fromCells(kind: ListingKind, cells: Map<string, string>, fail: (field: string, zh: string, en: string) => void): Draft {
  const draft: Draft = {};
  for (const [header, value] of cells) {
    const c = columnFor(kind, header);
    if (!c) continue;
    const raw = value.trim();
    if (raw === '') continue;
    const problem = c.apply(draft, raw);
    if (problem) fail(c.field, `${c.header}：${problem.zh}`, `${c.header}: ${problem.en}`);
  }
  return draft;
}

/** Whether the header row names the columns a file of this kind cannot do without (the title). */
export function missingKeyColumns(kind: ListingKind, headers: readonly string[]): string[] {
  const present = new Set(headers.map((h) => columnFor(kind, h)?.field).filter(Boolean));
  return COLUMNS[kind].filter((c) => c.field === 'title' && !present.has(c.field)).map((c) => c.header);
}
