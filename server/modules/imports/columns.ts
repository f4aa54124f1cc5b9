import type { ListingKind } from '../../../shared/contracts/catalog-content.js';
import type { EnumKind } from '../../../shared/taxonomies/index.js';
import {
  parseBoolean,
  parseCode,
  parseCodeList,
  parseDate,
  parseEnum,
  parseEnumList,
  parseShares,
  parseTrl,
  parseYearMonth,
  parseYuanToFen,
  type Parsed,
  type Problem,
  splitList,
} from './cells.js';

/**
 * The template columns: Chinese header → content field. A column's `apply`
 * writes its parsed value into the content object being built, or returns the
 * problem. The instructions sheet of the XLSX template is generated from these
 * definitions, so the two cannot disagree.
 */
export type Draft = Record<string, unknown>;
export type Column = {
  header: string;
  /** Content field path the column fills (used to name the field in the report). */
  field: string;
  required: boolean;
  /** How to fill it (zh), shown in the instructions sheet. */
  help: string;
  /** Enumeration whose codes/labels are allowed, listed in the instructions. */
  enumKind?: EnumKind;
  apply: (c: Draft, raw: string) => Problem | null;
};

function set(c: Draft, path: string, value: unknown): void {
  const keys = path.split('.');
  let o = c;
  for (const k of keys.slice(0, -1)) o = (o[k] ??= {}) as Draft;
  o[keys.at(-1)!] = value;
}

const put =
  <T>(path: string, parse: (raw: string) => Parsed<T>) =>
  (c: Draft, raw: string): Problem | null => {
    const p = parse(raw);
    if (!p.ok) return p.problem;
    set(c, path, p.value);
    return null;
  };
const text = (path: string) => put(path, (raw) => ({ ok: true, value: raw }));
const list = (path: string) => put(path, (raw) => ({ ok: true, value: splitList(raw) }));

const col = (header: string, field: string, required: boolean, help: string, apply: Column['apply'], enumKind?: EnumKind): Column => ({
  header,
  field,
  required,
  help,
  apply,
  ...(enumKind ? { enumKind } : {}),
});
const enumCol = (header: string, field: string, required: boolean, kind: EnumKind, help = '填代码或中文名称') =>
  col(header, field, required, help, put(field, (raw) => parseEnum(kind, raw)), kind);
const enumListCol = (header: string, field: string, required: boolean, kind: EnumKind) =>
  col(header, field, required, '可填多个，用；或 ; 或 , 分隔；填代码或中文名称', put(field, (raw) => parseEnumList(kind, raw)), kind);

const EXTERNAL_ID = col('外部编号', 'externalId', false, '来源系统中的编号（如市科技成果网的编号）；同一编号只能导入一次', text('externalId'));

/** Columns shared by both kinds: classification, region, contact. */
const CLASSIFICATION = (sectionRequired: boolean, techRequired: boolean): Column[] => [
  col('所属行业门类', 'industrySection', sectionRequired, 'GB/T 4754-2017 门类字母或名称，如 C 或 制造业', put('industrySection', (r) => parseCode('section', r))),
  col('所属行业大类', 'industryDivision', false, 'GB/T 4754-2017 大类代码或名称，如 35 或 专用设备制造业', put('industryDivision', (r) => parseCode('division', r))),
  col('技术领域', 'techField', techRequired, '技术领域代码或名称，如 F09.08 或 防沙治沙', put('techField', (r) => parseCode('techField', r))),
  col('主导产业', 'pillarTags', false, '本区主导产业标签，可填多个（代码或名称）', put('pillarTags', (r) => parseCodeList('pillar', r))),
  col('所在地区', 'regionCode', true, 'GB/T 2260 行政区划代码或唯一的名称，如 620602 或 凉州区', put('regionCode', (r) => parseCode('region', r))),
];
const CONTACT: Column[] = [
  col('联系人', 'contact.name', true, '仅向已登录且通过审核的单位显示', text('contact.name')),
  col('联系电话', 'contact.phone', false, '手机或座机，如 0935-2212345', text('contact.phone')),
  col('联系邮箱', 'contact.email', false, '', text('contact.email')),
];

const ACHIEVEMENT: Column[] = [
  EXTERNAL_ID,
  col('成果名称', 'title', true, '2–100 字', text('title')),
  col('成果登记号', 'registrationNumber', false, '已登记的填写', text('registrationNumber')),
  col('推荐单位', 'recommendingUnit', false, '', text('recommendingUnit')),
  col('登记日期', 'registrationDate', false, '如 2024-05-01', put('registrationDate', parseDate)),
  col('研究起始时间', 'researchStart', true, '年月，如 2021-03', put('researchStart', parseYearMonth)),
  col('研究终止时间', 'researchEnd', true, '年月，如 2023-12', put('researchEnd', parseYearMonth)),
  enumCol('密级', 'confidentiality', true, 'confidentiality', '只有“公开”的成果可以发布'),
  enumCol('成果属性', 'attribute', true, 'achievementAttribute'),
  col('关键词', 'keywords', true, '1–10 个，用；或 ; 或 , 分隔', list('keywords')),
  enumCol('成果体现形式', 'form', true, 'achievementForm'),
  enumCol('成果水平', 'level', true, 'achievementLevel'),
  enumCol('成果所处阶段', 'stage', true, 'achievementStage'),
  enumCol('评价方式', 'evaluationMethod', true, 'evaluationMethod'),
  enumCol('应用状态', 'applicationStatus', true, 'applicationStatus'),
  enumCol('未应用原因', 'nonApplicationReason', false, 'nonApplicationReason'),
  col('完成单位', 'completingUnits', true, '名称:比例(%)，多个用；分隔，比例合计 100；如 甲公司:60；乙研究所:40。都不写比例则平均分配', (c, raw) => {
    const p = parseShares(raw);
    if (!p.ok) return p.problem;
    set(c, 'completingUnits', p.value.map((u) => ({ name: u.name, share: u.share, ...(u.extra[0] ? { creditCode: u.extra[0] } : {}) })));
    return null;
  }),
  col('完成人', 'completers', true, '姓名:比例(%)[:单位]，多个用；分隔，比例合计 100', (c, raw) => {
    const p = parseShares(raw);
    if (!p.ok) return p.problem;
    set(c, 'completers', p.value.map((u) => ({ name: u.name, share: u.share, ...(u.extra[0] ? { unit: u.extra[0] } : {}) })));
    return null;
  }),
  col('成果简介', 'summary', true, '20–4000 字：解决什么问题、怎么解决、效果如何', text('summary')),
  col('技术成熟度', 'trl', true, 'GB/T 22900-2022 等级 1–9，或等级名称（如 中试验证）', put('trl', parseTrl), 'technologyReadinessLevel'),
  col('知识产权', 'ipItems', false, '每项“类型|号码|法律状态|到期日”，多项用；分隔；如 发明专利|ZL202110234567.8|已授权|2041-03-15', (c, raw) => {
    const items = [];
    for (const item of splitList(raw)) {
      const [type, number, status, expiry] = item.split('|').map((x) => x.trim());
      const t = parseEnum('ipType', type ?? '');
      if (!t.ok) return t.problem;
      const s = parseEnum('ipLegalStatus', status || '已授权');
      if (!s.ok) return s.problem;
      const e = expiry ? parseDate(expiry) : null;
      if (e && !e.ok) return e.problem;
      items.push({ type: t.value, legalStatus: s.value, ...(number ? { number } : {}), ...(e?.ok ? { expiryDate: e.value } : {}) });
    }
    set(c, 'ipItems', items);
    return null;
  }),
  enumListCol('转化方式', 'transferModes', true, 'transferMode'),
  enumListCol('许可方式', 'licenseKinds', false, 'licenseKind'),
  col('转让价格（元）', 'price', true, '以元为单位，最多两位小数（如 1250000 或 12345.67）；填“面议”表示面议', (c, raw) => {
    if (/^面议$|^negotiable$/i.test(raw.trim())) {
      set(c, 'price', { kind: 'negotiable' });
      return null;
    }
    const p = parseYuanToFen(raw);
    if (!p.ok) return p.problem;
    set(c, 'price', { kind: 'fixed', amountFen: p.value });
    return null;
  }),
  ...CLASSIFICATION(true, true),
  col('应用场景', 'applicationScenarios', false, '', text('applicationScenarios')),
  col('技术优势', 'advantage', false, '与现有方案相比的量化优势，如 能耗降低 30%', text('advantage')),
  col('商业化路径', 'commercialRoute', false, '谁会购买、实施需要什么投入', text('commercialRoute')),
  ...CONTACT,
];

const DEMAND: Column[] = [
  EXTERNAL_ID,
  col('需求名称', 'title', true, '4–100 字', text('title')),
  col('需解决的技术问题', 'problem', true, '20–4000 字', text('problem')),
  col('技术指标', 'indicators', false, '需达到的技术指标', text('indicators')),
  col('现有基础', 'currentState', false, '', text('currentState')),
  col('预算下限（元）', 'budget.minFen', false, '以元为单位，最多两位小数', put('budget.minFen', parseYuanToFen)),
  col('预算上限（元）', 'budget.maxFen', false, '以元为单位，最多两位小数', put('budget.maxFen', parseYuanToFen)),
  col('预算面议', 'budget.negotiable', false, '是 / 否', put('budget.negotiable', parseBoolean)),
  enumListCol('合作方式', 'cooperationModes', true, 'cooperationMode'),
  col('截止日期', 'deadline', true, '如 2026-12-31；过期后需求自动下架', put('deadline', parseDate)),
  ...CLASSIFICATION(true, false),
  col('关键词', 'keywords', false, '用；或 ; 或 , 分隔', list('keywords')),
  ...CONTACT,
];

export const COLUMNS: Record<ListingKind, readonly Column[]> = { achievement: ACHIEVEMENT, demand: DEMAND };

/** Header text as people type it: spaces, full-width brackets and a required-marker `*` do not matter. */
export function normaliseHeader(h: string): string {
  return h.replace(/^\uFEFF/, '').replace(/[\s*＊]/g, '').replace(/（/g, '(').replace(/）/g, ')');
}

const byHeader = new Map<ListingKind, Map<string, Column>>();
/** The column a header names, or undefined (unknown columns are ignored). */
export function columnFor(kind: ListingKind, header: string): Column | undefined {
  let m = byHeader.get(kind);
  if (!m) {
    m = new Map(COLUMNS[kind].map((c) => [normaliseHeader(c.header), c]));
    byHeader.set(kind, m);
  }
  return m.get(normaliseHeader(header));
}

/** The template column of a content field path ("completers.0.share" → 完成人). */
export function headerForField(kind: ListingKind, field: string): string | null {
  const cols = COLUMNS[kind];
  return (
    cols.find((c) => c.field === field)?.header ??
    cols.find((c) => field.startsWith(`${c.field}.`))?.header ??
    cols.find((c) => c.field.startsWith(`${field}.`))?.header ??
    null
  );
}
