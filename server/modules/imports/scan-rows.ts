import type { ListingKind } from '../../../shared/contracts/catalog-content.js';
import type { ImportFormat } from '../../../shared/contracts/imports.js';
import type { DbOrTx } from '../../db/client.js';
import { columnFor } from './columns.js';
import { openRows, type SourceRow } from './read-rows.js';
import { existingExternalIds } from './repository.js';
import { type RowResult, validateRow } from './validate-row.js';

/** Rows are validated, checked for duplicates and reported in chunks of this size. */
export const CHUNK = 500;

export class UnreadableFile extends Error {
  constructor(readonly zh: string, readonly en: string) {
    super(en);
  }
}

/**
 * Every row of an import file, validated, in chunks: validation and commit
 * both walk the file through this, so a commit imports exactly what the same
 * rules accept at that moment. An external id already used by a listing, or
 * earlier in the same file, makes the row a duplicate (refused, never an
 * update: the source's record and ours may have drifted apart, and a silent
 * overwrite of a reviewed listing would bypass review).
 */
export async function* scanRows(
  db: DbOrTx,
  input: { kind: ListingKind; format: ImportFormat; data: Buffer; now: Date },
): AsyncGenerator<RowResult[]> {
  let source;
  try {
    source = await openRows(input.format, input.data);
  } catch (e) {
    throw new UnreadableFile('无法读取文件，请确认格式与扩展名一致', `The file cannot be read (${e instanceof Error ? e.message : String(e)})`);
  }
  if (source.headers) {
    const titleCol = source.headers.some((h) => columnFor(input.kind, h)?.field === 'title');
    if (!titleCol) {
      const want = input.kind === 'achievement' ? '成果名称' : '需求名称';
      throw new UnreadableFile(`第 1 行应为模板的表头，未找到“${want}”列`, `Row 1 must hold the template's headers; the column ${want} is missing`);
    }
  }
  const seen = new Set<string>();
  let chunk: RowResult[] = [];
  const flush = async () => {
    const ids = chunk.filter((r) => r.ok && r.externalId).map((r) => r.externalId!);
    const existing = await existingExternalIds(db, input.kind, ids);
    const out = chunk.map((r): RowResult => {
      if (!r.externalId) return r;
      const dupInFile = seen.has(r.externalId);
      seen.add(r.externalId);
      if (!dupInFile && !existing.has(r.externalId)) return r;
      const error = {
        row: r.row,
        field: 'externalId',
        column: '外部编号',
        message: dupInFile ? `外部编号“${r.externalId}”在文件中重复` : `外部编号“${r.externalId}”已导入过，不重复导入（如需修改请在平台上编辑该记录）`,
        messageEn: dupInFile
          ? `The external id "${r.externalId}" appears twice in the file`
          : `The external id "${r.externalId}" was imported before; it is not imported again (edit that listing instead)`,
      };
      return { ok: false, row: r.row, externalId: r.externalId, errors: [...(r.ok ? [] : r.errors), error] };
    });
    chunk = [];
    return out;
  };
  for (;;) {
    let next: IteratorResult<SourceRow>;
    try {
      next = await source.rows.next();
    } catch (e) {
      throw new UnreadableFile('文件内容损坏或格式不正确，无法继续读取', `The file is damaged or malformed (${e instanceof Error ? e.message : String(e)})`);
    }
    if (next.done) break;
    chunk.push(validateRow(input.kind, next.value, input.now));
    if (chunk.length >= CHUNK) yield await flush();
  }
  if (chunk.length > 0) yield await flush();
}
