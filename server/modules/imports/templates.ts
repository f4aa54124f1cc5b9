import ExcelJS from 'exceljs';
import type { ListingKind } from '../../../shared/contracts/catalog-content.js';
import type { ImportFormat } from '../../../shared/contracts/imports.js';
import {
  enumDefinition,
  industryDivisions,
  industrySections,
  pillarIndustries,
  regionChildren,
  regionsAtLevel,
  techFields,
} from '../../../shared/taxonomies/index.js';
import { COLUMNS } from './columns.js';

/**
 * Downloadable import templates, generated from the column definitions: XLSX
 * (data sheet first, then 填写说明 with every column's rules and allowed
 * values, then 代码表 with the taxonomy codes), CSV (headers, UTF-8 with BOM)
 * and JSONL (one example line in the API's content shape, money in fen).
 */
export const SHEET_NAMES: Record<ListingKind, string> = { achievement: '科技成果', demand: '技术需求' };

export async function buildTemplate(kind: ListingKind, format: ImportFormat): Promise<{ body: Buffer; contentType: string; filename: string }> {
  const base = kind === 'achievement' ? '科技成果导入模板' : '技术需求导入模板';
  if (format === 'csv') {
    const line = COLUMNS[kind].map((c) => c.header).join(',');
    return { body: Buffer.from(`\uFEFF${line}\r\n`, 'utf8'), contentType: 'text/csv; charset=utf-8', filename: `${base}.csv` };
  }
  if (format === 'jsonl') {
    return { body: Buffer.from(`${JSON.stringify(EXAMPLES[kind])}\n`, 'utf8'), contentType: 'application/x-ndjson; charset=utf-8', filename: `${base}.jsonl` };
  }
  return { body: await xlsxTemplate(kind), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', filename: `${base}.xlsx` };
}

async function xlsxTemplate(kind: ListingKind): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Chengguo';
  const cols = COLUMNS[kind];
  const data = wb.addWorksheet(SHEET_NAMES[kind], { views: [{ state: 'frozen', ySplit: 1 }] });
  data.columns = cols.map((c) => ({ header: c.header, key: c.field, width: Math.max(12, c.header.length * 2 + 4), style: { numFmt: '@' } }));
  const head = data.getRow(1);
  head.font = { bold: true };
  cols.forEach((c, i) => {
    const cell = head.getCell(i + 1);
    if (c.required) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFCE4D6' } };
    cell.note = `${c.required ? '必填。' : ''}${c.help}`;
  });

  const help = wb.addWorksheet('填写说明');
  help.columns = [
    { header: '列名', width: 18 },
    { header: '是否必填', width: 10 },
    { header: '填写说明', width: 60 },
    { header: '允许的值（代码 = 名称，两者皆可）', width: 80 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of cols) {
    const allowed = c.enumKind ? enumDefinition(c.enumKind).values.map((v) => `${v.code} = ${v.name}`).join('；') : '';
    help.addRow([c.header, c.required ? '是' : '否', c.help, allowed]);
  }
  help.addRow([]);
  help.addRow(['通用规则', '', '第一个工作表第 1 行为表头，从第 2 行起每行一条记录；多个值用；或 ; 或 , 分隔；金额以元为单位，最多两位小数；日期写作 2024-05-01。行业、技术领域、主导产业、地区可填代码或名称，见“代码表”。']);

  const codes = wb.addWorksheet('代码表');
  codes.columns = [
    { header: '类别', width: 14 },
    { header: '代码', width: 30 },
    { header: '名称', width: 40 },
  ];
  codes.getRow(1).font = { bold: true };
  for (const s of industrySections()) codes.addRow(['行业门类', s.code, s.name]);
  for (const d of industryDivisions()) codes.addRow(['行业大类', d.code, d.name]);
  for (const f of techFields()) {
    codes.addRow(['技术领域', f.code, f.name]);
    for (const sub of f.children) codes.addRow(['技术领域', sub.code, `${f.name} / ${sub.name}`]);
  }
  for (const p of pillarIndustries()) codes.addRow(['主导产业', p.code, p.name]);
  for (const prov of regionsAtLevel('province')) {
    codes.addRow(['地区', prov.code, prov.name]);
    for (const pref of regionChildren(prov.code)) {
      codes.addRow(['地区', pref.code, `${prov.name} ${pref.name}`]);
      for (const county of regionChildren(pref.code)) codes.addRow(['地区', county.code, `${prov.name} ${pref.name} ${county.name}`]);
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The JSONL example lines: the API's content shape plus `externalId`. */
const EXAMPLES: Record<ListingKind, Record<string, unknown>> = {
  achievement: {
    externalId: 'WW-2024-0001',
    title: '沙区草方格铺设机',
    researchStart: '2021-03',
    researchEnd: '2023-10',
    confidentiality: 'public',
    attribute: 'domestic-secondary-development',
    keywords: ['机械治沙', '草方格'],
    form: 'new-equipment',
    level: 'domestic-advanced',
    stage: 'mature',
    evaluationMethod: 'review',
    applicationStatus: 'small-scale',
    completingUnits: [{ name: '示例农机装备有限公司', share: 100 }],
    completers: [{ name: '张三', share: 100 }],
    summary: '履带式底盘一次完成开沟、压草、覆沙三道工序，适用于流动沙丘草方格铺设。',
    trl: 7,
    ipItems: [{ type: 'utility-model', number: 'ZL202220000000.0', legalStatus: 'granted' }],
    transferModes: ['license'],
    licenseKinds: ['non-exclusive'],
    price: { kind: 'fixed', amountFen: 38000000 },
    industrySection: 'C',
    industryDivision: '35',
    techField: 'F09.08',
    pillarTags: ['mechanical-sand-control'],
    regionCode: '620602',
    advantage: '铺设效率 1.2 亩/小时，为人工的 15 倍',
    contact: { name: '张三', phone: '0935-0000000' },
  },
  demand: {
    externalId: 'WW-D-2024-0001',
    title: '葡萄酒发酵温控节能改造',
    problem: '现有发酵罐冷却依赖冷水机组，夏季电耗高，温度波动超过 ±2℃，影响酒体风味稳定性，需要节能且控温更精确的方案。',
    indicators: '控温精度 ±0.5℃，冷却能耗降低 25% 以上',
    budget: { minFen: 30000000, maxFen: 80000000, negotiable: false },
    cooperationModes: ['commissioned-development'],
    deadline: '2027-06-30',
    industrySection: 'C',
    industryDivision: '15',
    pillarTags: ['liquid-economy'],
    regionCode: '620602',
    keywords: ['葡萄酒', '温控'],
    contact: { name: '李四', phone: '0935-0000001' },
  },
};
