import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { AchievementFilter, DemandFilter } from '../../../../shared/contracts/catalog-public.js';
import type { ListingKind } from '../../../../shared/contracts/catalog-content.js';
import { enumLabel, industryDivision, industrySection, pillarIndustry, region, regionPath, techField } from '../../../../shared/taxonomies/index.js';
import type { Db } from '../../../db/client.js';
import { csvLine, UTF8_BOM } from '../../audit/export-format.js';
import { CONTENT_TYPES, contentDisposition } from '../../../http/download.js';
import { countRows, prepareSearch, presentAchievementItem, presentDemandItem, selectRows, type ListRow } from './search-listings.js';
import type { QueryPlan } from './query-plan.js';

/** The most rows one export holds; beyond it the file (or a header, for JSON) says it was cut. */
export const EXPORT_MAX_ROWS = 50_000;
const BATCH = 1000;

type Format = 'xlsx' | 'csv' | 'json';
type Column = { header: string; width: number; cell: (r: ListRow, url: string) => string | number | null };

const yuan = (fen: string | number | null | undefined): string | null => {
  if (fen === null || fen === undefined) return null;
  const f = BigInt(fen);
  return `${f / 100n}.${String(f % 100n).padStart(2, '0')}`;
};
const list = (codes: readonly string[] | undefined, label: (c: string) => string) => (codes ?? []).map(label).join('、');
const regionName = (code: string | null) => (code ? regionPath(code).map((r) => r.name).join('') || (region(code)?.name ?? code) : '');

const COMMON_HEAD: Column[] = [
  { header: '标题', width: 40, cell: (r) => r.title },
  { header: '发布机构', width: 30, cell: (r) => r.organisation_name },
  { header: '关键词', width: 30, cell: (r) => (r.keywords ?? []).join('、') },
];
const COMMON_TAIL: Column[] = [
  { header: '行业门类', width: 24, cell: (r) => (r.industry_section ? (industrySection(r.industry_section)?.name ?? r.industry_section) : '') },
  { header: '行业大类', width: 24, cell: (r) => (r.industry_division ? (industryDivision(r.industry_division)?.name ?? r.industry_division) : '') },
  { header: '技术领域', width: 20, cell: (r) => (r.tech_field ? (techField(r.tech_field)?.name ?? r.tech_field) : '') },
  { header: '主导产业', width: 24, cell: (r) => list(r.pillar_tags, (c) => pillarIndustry(c)?.name ?? c) },
  { header: '地区', width: 20, cell: (r) => regionName(r.region_code) },
  { header: '发布时间', width: 22, cell: (r) => new Date(r.published_at).toISOString() },
  { header: '链接', width: 50, cell: (r, url) => url },
];

const ACHIEVEMENT_COLUMNS: Column[] = [
  ...COMMON_HEAD,
  { header: '成果简介', width: 60, cell: (r) => r.body },
  { header: '技术成熟度', width: 10, cell: (r) => (r.trl == null ? null : r.trl) },
  { header: '成果阶段', width: 12, cell: (r) => (r.stage ? enumLabel('achievementStage', r.stage, 'zh-CN') : '') },
  { header: '转化方式', width: 24, cell: (r) => list(r.transfer_modes, (c) => enumLabel('transferMode', c, 'zh-CN')) },
  { header: '知识产权类型', width: 24, cell: (r) => list(r.ip_types, (c) => enumLabel('ipType', c, 'zh-CN')) },
  { header: '价格（元）', width: 16, cell: (r) => (r.price_negotiable ? '面议' : yuan(r.price_fen)) },
  ...COMMON_TAIL,
];

const DEMAND_COLUMNS: Column[] = [
  ...COMMON_HEAD,
  { header: '需解决的技术问题', width: 60, cell: (r) => r.body },
  { header: '合作方式', width: 30, cell: (r) => list(r.cooperation_modes, (c) => enumLabel('cooperationMode', c, 'zh-CN')) },
  { header: '预算下限（元）', width: 16, cell: (r) => yuan(r.budget_min_fen) },
  { header: '预算上限（元）', width: 16, cell: (r) => yuan(r.budget_max_fen) },
  { header: '预算可议', width: 10, cell: (r) => (r.budget_negotiable ? '是' : '否') },
  { header: '截止日期', width: 12, cell: (r) => r.deadline ?? '' },
  ...COMMON_TAIL,
];

export type ListingExport = {
  stream: Readable;
  contentType: string;
  contentDisposition: string;
  rows: number;
  total: number;
};

/** The notice above the headers when the export was cut at the cap. */
export function truncationNotice(rows: number, total: number): string {
  return `注意：共 ${total} 条记录匹配，仅导出前 ${rows} 条，请缩小筛选范围后分批导出。(Truncated: first ${rows} of ${total} rows.)`;
}

async function* batches(db: Db, kind: ListingKind, filter: Record<string, unknown>, plan: QueryPlan, rows: number): AsyncGenerator<ListRow[]> {
  for (let offset = 0; offset < rows; offset += BATCH) {
    const batch = await selectRows(db, kind, filter, plan, Math.min(BATCH, rows - offset), offset);
    if (batch.length === 0) return;
    yield batch;
  }
}

/**
 * Export of the filtered published listings, in the list's order. Contacts
 * are never exported (they are not even selected). CSV starts with a BOM so
 * Excel reads the Chinese, and guards cells against formula injection with the
 * audit export's helpers.
 */
export async function exportListings(
  db: Db,
  kind: ListingKind,
  input: (AchievementFilter | DemandFilter) & { format: Format },
  opts: { publicUrl: string; now: Date; maxRows?: number },
): Promise<ListingExport> {
  const { format, ...filter } = input;
  const plan = await prepareSearch(db, kind, filter);
  const total = await countRows(db, kind, filter, plan);
  const rows = Math.min(total, opts.maxRows ?? EXPORT_MAX_ROWS);
  const notice = rows < total ? truncationNotice(rows, total) : null;
  const plural = kind === 'achievement' ? 'achievements' : 'demands';
  const urlOf = (r: ListRow) => `${opts.publicUrl}/${plural}/${r.id}`;
  const source = batches(db, kind, filter, plan, rows);
  const columns = kind === 'achievement' ? ACHIEVEMENT_COLUMNS : DEMAND_COLUMNS;
  const filename = `${plural}-${opts.now.toISOString().slice(0, 10).replace(/-/g, '')}.${format}`;
  const stream =
    format === 'json'
      ? jsonStream(source, (r) => ({ ...(kind === 'achievement' ? presentAchievementItem(r, plan) : presentDemandItem(r, plan)), summary: r.body, url: urlOf(r) }))
      : format === 'csv'
        ? csvStream(source, columns, urlOf, notice)
        : xlsxStream(source, columns, urlOf, notice, kind === 'achievement' ? '科技成果' : '技术需求');
  return {
    stream,
    contentType: format === 'json' ? 'application/json; charset=utf-8' : CONTENT_TYPES[format],
    contentDisposition: contentDisposition(filename),
    rows,
    total,
  };
}

function jsonStream(source: AsyncIterable<ListRow[]>, present: (r: ListRow) => object): Readable {
  return Readable.from(
    (async function* () {
      let first = true;
      yield '[';
      for await (const batch of source) {
        for (const r of batch) {
          // Highlights mean nothing in an export.
          const { titleHighlights: _t, snippet: _s, ...item } = present(r) as Record<string, unknown>;
          yield `${first ? '' : ','}\n${JSON.stringify(item)}`;
          first = false;
        }
      }
      yield '\n]\n';
    })(),
    { objectMode: false },
  );
}

const asText = (v: string | number | null) => (v === null ? '' : String(v));

function csvStream(source: AsyncIterable<ListRow[]>, columns: Column[], urlOf: (r: ListRow) => string, notice: string | null): Readable {
  return Readable.from(
    (async function* () {
      yield UTF8_BOM;
      if (notice) yield csvLine([notice]);
      yield csvLine(columns.map((c) => c.header));
      for await (const batch of source) for (const r of batch) yield csvLine(columns.map((c) => asText(c.cell(r, urlOf(r)))));
    })(),
    { objectMode: false },
  );
}

function xlsxStream(source: AsyncIterable<ListRow[]>, columns: Column[], urlOf: (r: ListRow) => string, notice: string | null, sheet: string): Readable {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet(sheet);
  ws.columns = columns.map((c) => ({ width: c.width }));
  void (async () => {
    if (notice) ws.addRow([notice]).commit();
    const header = ws.addRow(columns.map((c) => c.header));
    header.font = { bold: true };
    header.commit();
    // Cells are written as values (strings stay strings), so a text starting with = is never a formula.
    for await (const batch of source) for (const r of batch) ws.addRow(columns.map((c) => c.cell(r, urlOf(r)))).commit();
    ws.commit();
    await wb.commit();
  })().catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
  return out;
}
