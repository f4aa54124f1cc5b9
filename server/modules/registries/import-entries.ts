import { eq, or } from 'drizzle-orm';
import type { RegistryKind } from '../../../shared/contracts/registries.js';
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { splitList } from '../imports/cells.js';
import { openRows } from '../imports/read-rows.js';
import { findFile } from '../files/repository.js';
import { organisations } from '../organisations/schema.js';
import { COLUMNS, ORG_HEADER } from './columns.js';
import { createEntry } from './create-entry.js';
import { KINDS } from './kinds.js';
import { submitEntry } from './submit-entry.js';

export type ImportError = { row: number; field: string; message: string };
/** Rows per import file (a registry holds hundreds, not millions). */
export const IMPORT_MAX_ROWS = 5_000;

function cellValue(col: (typeof COLUMNS)[RegistryKind][number], raw: string): unknown {
  const text = raw.trim();
  // An empty yes/no cell takes the field's default.
  if (text === '') return col.list ? [] : col.boolean ? undefined : null;
  const code = (v: string) => {
    if (!col.enumZh) return v;
    const hit = Object.entries(col.enumZh).find(([k, zh]) => k === v || zh === v);
    return hit ? hit[0] : v;
  };
  if (col.list) return splitList(text).map(code);
  if (col.boolean) {
    const c = code(text);
    return c === 'true' ? true : c === 'false' ? false : text;
  }
  if (col.number) return Number(text.replace(/,/g, ''));
  return code(text);
}

/**
 * The bureau administrator imports entries from an XLSX or CSV file (uploaded
 * with purpose "import"; headers as in the export). Every row is checked
 * first; if any row has a problem nothing is created and the problems are
 * returned by row. Otherwise each row becomes a draft of the named
 * organisation (submitted for review too when asked). Broker profiles belong
 * to their accounts and are not imported.
 */
export async function importEntries(tx: Tx, actor: Actor, kind: RegistryKind, input: { fileId: string; submit: boolean }, now: Date): Promise<{ created: number; errors: ImportError[] }> {
  const def = KINDS[kind];
  requireCan(actor, 'import', def.entity);
  if (kind === 'broker') throw new AppError('INVALID_STATE', { message: { zh: '技术经纪人档案由经纪人本人登记，不能批量导入。', en: 'Broker profiles are registered by the brokers themselves and cannot be imported.' } });
  const file = await findFile(tx, input.fileId);
  if (!file || file.purpose !== 'import' || file.uploadedBy !== actor.userId) throw AppError.field('fileId', '请先以“导入”用途上传文件', 'Upload the file with purpose "import" first');
  const format = /spreadsheetml/.test(file.contentType) ? 'xlsx' : /csv|text\/plain/.test(file.contentType) ? 'csv' : null;
  if (!format) throw AppError.field('fileId', '只支持 XLSX 或 CSV 文件', 'Only XLSX or CSV files can be imported');
  const source = await openRows(format, file.data);
  const cols = COLUMNS[kind];
  const errors: ImportError[] = [];
  const missing = [cols[0]!.header, ORG_HEADER].filter((h) => !(source.headers ?? []).includes(h));
  if (missing.length) return { created: 0, errors: missing.map((h) => ({ row: 1, field: h, message: `缺少列：${h}` })) };

  const ready: { organisationId: string; content: Record<string, unknown> }[] = [];
  for await (const r of source.rows) {
    if (!('cells' in r)) {
      errors.push({ row: r.row, field: '', message: 'unreadable' in r ? r.unreadable.zh : '无法读取' });
      continue;
    }
    if (ready.length + errors.length >= IMPORT_MAX_ROWS) {
      errors.push({ row: r.row, field: '', message: `每次最多导入 ${IMPORT_MAX_ROWS} 行` });
      break;
    }
    const content: Record<string, unknown> = {};
    for (const col of cols) if (r.cells.has(col.header)) content[col.key] = cellValue(col, r.cells.get(col.header)!);
    const orgKey = (r.cells.get(ORG_HEADER) ?? '').trim();
    const [org] = orgKey
      ? await tx.select({ id: organisations.id }).from(organisations).where(or(eq(organisations.creditCode, orgKey), eq(organisations.name, orgKey))).limit(2)
      : [];
    if (!org) errors.push({ row: r.row, field: ORG_HEADER, message: orgKey ? `未找到单位：${orgKey}` : '请填写所属单位' });
    const parsed = def.schema.safeParse(content);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const col = cols.find((c) => c.key === issue.path[0]);
        errors.push({ row: r.row, field: col?.header ?? String(issue.path[0] ?? ''), message: issue.message });
      }
    }
    if (org && parsed.success) ready.push({ organisationId: org.id, content: parsed.data });
  }
  if (errors.length > 0) return { created: 0, errors };
  for (const item of ready) {
    const row = await createEntry(tx, actor, kind, item, now);
    if (input.submit) await submitEntry(tx, actor, kind, row.id, now);
  }
  await recordAudit(tx, actor, { action: `${kind}.import`, entityType: kind, changes: { fileId: file.id, created: ready.length, submitted: input.submit } });
  return { created: ready.length, errors: [] };
}
