import type { EChartsOption } from 'echarts';
import type { Content } from 'pdfmake/interfaces.js';
import type { z } from 'zod';
import type { Dashboard as DashboardView } from '../../../shared/contracts/plans.js';
import type { Actor } from '../../core/access.js';
import type { Db, DbOrTx } from '../../db/client.js';
import { withTx } from '../../db/tx.js';
import { chartNode } from '../../pdf/charts.js';
import { createPdf } from '../../pdf/create-pdf.js';
import { pdfPageCount } from '../../pdf/inspect.js';
import { CONTENT_WIDTH, keyValues, reportDocument, titleBlock, zebraTable } from '../../pdf/layout.js';
import { contentDisposition } from '../../http/download.js';
import { recordAudit } from '../audit/record-audit.js';
import { loadDistrict } from '../organisations/district-config.js';
import { districtDateTime, districtToday } from '../projects/due-dates.js';
import { buildDashboard } from './dashboard.js';
import type { PlanRow } from './repository.js';
import { listSupervision } from './supervision-list.js';

/**
 * The plan status report as a PDF, fit to hand to the district government:
 * cover, summary, one section per indicator with its charts, the tasks and
 * their lead units, the supervision list and the latest accepted reports.
 * Every figure comes from `buildDashboard`, the same computation the
 * dashboard and the XLSX export show, so the three never disagree.
 */

// The contract's types: buildDashboard narrows enums with casts, the contract has the full unions.
type Dashboard = z.infer<typeof DashboardView>;
type Indicator = Dashboard['indicators'][number];
type SupervisionItem = Awaited<ReturnType<typeof listSupervision>>['items'][number];

/** The supervision list is cut here; the XLSX export has all of it. */
const SUPERVISION_ROWS = 200;
const LATEST_REPORTS = 30;

const STATUS_ZH: Record<string, string> = { reached: '已完成', on_track: '正常', at_risk: '滞后', overdue: '逾期', no_target: '无目标', open: '进行中' };
const SOURCE_ZH: Record<string, string> = { computed: '平台数据（自动统计）', reported: '责任单位填报', reported_no_source: '责任单位填报 ※' };
const NO_SOURCE_NOTE = '※ 平台暂无该指标的数据来源，按责任单位填报的数据统计，待数据来源接入后自动改为平台统计。';
const KIND_ZH: Record<string, string> = { missing_report: '进度报告未报送', overdue_milestone: '里程碑逾期' };
const LEVEL_ZH = ['', '一级', '二级', '三级'];
const STATUS_COLOR: Record<string, string> = { reached: '#3a9a5b', on_track: '#1f4e9c', at_risk: '#d9822b', overdue: '#c23b3b', no_target: '#6b7785' };

/** A figure in the indicator's unit: fen as yuan, hundredths as percent, 0/1 as yes/no. */
export function formatValue(unit: string, v: number | null): string {
  if (v === null) return '—';
  if (unit === 'cny') return `${(v / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`;
  if (unit === 'percent') return `${(v / 100).toFixed(2)}%`;
  if (unit === 'yesno') return v >= 1 ? '是' : '否';
  return v.toLocaleString('zh-CN');
}

/** Per cent of the target reached, one decimal, rounded down; null without a positive target. */
export function percentOf(value: number, target: number | null): number | null {
  if (!target || target <= 0) return null;
  return Math.floor((value * 1000) / target) / 10;
}

/** "2026年11月27日" for a district (UTC+8) date. */
function dateZh(now: Date): string {
  const [y, m, d] = districtToday(now).split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${d}日`;
}

const short = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const label = (i: Indicator) => `${i.taskNumber ? `${i.taskNumber}-` : ''}${short(i.name, 14)}`;

function summary(d: Dashboard): Content[] {
  const count = (s: string) => d.indicators.filter((i) => i.status === s).length;
  const tasks = (s: string) => d.tasks.filter((t) => t.status === s).length;
  return [
    { text: '一、总体情况', style: 'h1' },
    {
      text: `本报告统计 ${d.year} 年度，数据截至 ${districtDateTime(new Date(d.asOf))}（北京时间）。共 ${d.indicators.length} 项指标、${d.tasks.length} 项重点任务，当前督办事项 ${d.supervision.open} 项。`,
      margin: [0, 0, 0, 6],
    },
    zebraTable(
      [{ header: '指标状态' }, { header: '已完成', align: 'right' }, { header: '正常推进', align: 'right' }, { header: '滞后', align: 'right' }, { header: '逾期', align: 'right' }, { header: '无目标', align: 'right' }],
      [['指标（项）', count('reached'), count('on_track'), count('at_risk'), count('overdue'), count('no_target')]],
    ),
    zebraTable(
      [{ header: '任务与督办' }, { header: '正常', align: 'right' }, { header: '滞后', align: 'right' }, { header: '逾期', align: 'right' }, { header: '一级督办', align: 'right' }, { header: '二级督办', align: 'right' }, { header: '三级督办', align: 'right' }],
      [['任务（项）', tasks('on_track'), tasks('at_risk'), tasks('overdue'), ...d.supervision.byLevel]],
    ),
    { text: '各指标完成率（实际值占本年目标的比例，◆ 为按日期应达进度）', style: 'h2' },
    progressChart(d.indicators),
  ];
}

/** Horizontal bars: each indicator's value as a percent of this year's target, with the expected position. */
function progressChart(indicators: Indicator[]): Content {
  const rows = indicators.filter((i) => percentOf(i.value, i.targetThisYear) !== null).reverse();
  if (rows.length === 0) return { text: '本年度各指标均未设定目标。', style: 'note' };
  const option: EChartsOption = {
    grid: { left: 150, right: 50, top: 24, bottom: 24 },
    legend: { data: ['完成率', '应达进度'], top: 0 },
    xAxis: { type: 'value', axisLabel: { formatter: '{value}%' }, max: (v: { max: number }) => Math.max(100, Math.ceil(v.max / 10) * 10) },
    yAxis: { type: 'category', data: rows.map(label), axisLabel: { fontSize: 9 } },
    series: [
      {
        name: '完成率',
        type: 'bar',
        barWidth: 10,
        data: rows.map((i) => ({ value: percentOf(i.value, i.targetThisYear), itemStyle: { color: STATUS_COLOR[i.status] } })),
        label: { show: true, position: 'right', formatter: '{c}%', fontSize: 8 },
      },
      { name: '应达进度', type: 'scatter', symbol: 'diamond', symbolSize: 8, data: rows.map((i) => percentOf(i.expected ?? 0, i.targetThisYear)), itemStyle: { color: '#222222' } },
    ],
  };
  return chartNode(option, CONTENT_WIDTH, Math.max(160, rows.length * 22 + 60));
}

/** The monthly figures of a computed indicator as a line, with this year's target as a dashed line. */
function trendChart(i: Indicator, year: number, asOf: Date): Content | null {
  if (!i.monthly) return null;
  const asOfDay = districtToday(asOf);
  const months = Number(asOfDay.slice(0, 4)) > year ? 12 : Number(asOfDay.slice(5, 7));
  const scale = (v: number) => (i.unit === 'cny' ? v / 1_000_000 : i.unit === 'percent' ? v / 100 : v);
  const axisUnit = i.unit === 'cny' ? '万元' : i.unit === 'percent' ? '%' : '';
  const option: EChartsOption = {
    grid: { left: 64, right: 24, top: 28, bottom: 28 },
    xAxis: { type: 'category', data: Array.from({ length: 12 }, (_, m) => `${m + 1}月`), axisLabel: { interval: 0 } },
    yAxis: { type: 'value', name: axisUnit, min: 0, minInterval: i.unit === 'count' ? 1 : 0 },
    series: [
      {
        type: 'line',
        name: i.aggregation === 'cumulative' ? '累计值' : '当月值',
        data: i.monthly.slice(0, months).map(scale),
        symbolSize: 5,
        label: { show: true, fontSize: 8 },
        markLine:
          i.aggregation === 'cumulative' && i.targetThisYear !== null
            ? { symbol: 'none', lineStyle: { type: 'dashed', color: '#c23b3b' }, label: { formatter: '本年目标', fontSize: 8 }, data: [{ yAxis: scale(i.targetThisYear) }] }
            : undefined,
      },
    ],
  };
  return { stack: [{ text: `${year} 年逐月${i.aggregation === 'cumulative' ? '累计' : ''}情况${axisUnit ? `（${axisUnit}）` : ''}`, style: 'small', margin: [0, 4, 0, 0] }, chartNode(option, CONTENT_WIDTH, 150)] };
}

function indicatorSections(d: Dashboard): Content[] {
  const asOf = new Date(d.asOf);
  const out: Content[] = [
    { text: '二、指标完成情况', style: 'h1', pageBreak: 'before' },
    { text: `“应达进度”是本年目标按 ${districtToday(asOf)} 在本年度中的时间进度折算的数值。`, style: 'note', margin: [0, 0, 0, 4] },
  ];
  d.indicators.forEach((i, n) => {
    const pct = percentOf(i.value, i.targetThisYear);
    const pairs: [string, string][] = [
      ['所属任务', i.taskNumber ? `第 ${i.taskNumber} 项` : '—'],
      ['统计口径', i.aggregation === 'yearly' ? `${d.year} 年当年数` : `规划期起累计至 ${d.year} 年`],
      ['当前值', formatValue(i.unit, i.value)],
      ['本年目标', formatValue(i.unit, i.targetThisYear)],
      ['规划期末目标', formatValue(i.unit, i.targetAtEnd)],
      // A yes/no has no meaningful position part-way through the year.
      ['应达进度', i.unit === 'yesno' ? '—' : formatValue(i.unit, i.expected)],
      ['完成率', pct === null ? '—' : `${pct}%`],
      ['状态', STATUS_ZH[i.status] ?? i.status],
      ['数据来源', SOURCE_ZH[i.source] ?? i.source],
    ];
    if (i.lastReport) pairs.push(['最近填报', `${i.lastReport.organisation.name}，${i.lastReport.period}，${districtDateTime(new Date(i.lastReport.submittedAt))}`]);
    if (i.note) pairs.push(['备注', i.note]);
    const trend = trendChart(i, d.year, asOf);
    // A section stays on one page: heading, figures, the no-source mark and the trend read together.
    out.push({
      stack: [
        { text: `${n + 1}. ${i.name}`, style: 'h2', color: STATUS_COLOR[i.status] },
        keyValues(pairs, 2),
        ...(i.source === 'reported_no_source' ? [{ text: NO_SOURCE_NOTE, style: 'note' }] : []),
        ...(trend ? [trend] : []),
      ],
      unbreakable: true,
    });
  });
  return out;
}

function taskTable(d: Dashboard): Content[] {
  const rows = d.tasks.map((t) => {
    const lead = t.units.filter((u) => u.role === 'lead').map((u) => u.organisation.name);
    const co = t.units.filter((u) => u.role === 'co').map((u) => u.organisation.name);
    const ms = t.milestones.length ? `${t.milestones.filter((m) => m.status === 'reached').length}/${t.milestones.length} 已达成` : '持续推进';
    return [t.number, t.title, lead.join('、') || '—', co.length > 4 ? `${co.slice(0, 4).join('、')} 等 ${co.length} 个` : co.join('、') || '—', ms, { text: STATUS_ZH[t.status] ?? t.status, style: 'td', color: STATUS_COLOR[t.status] }];
  });
  return [
    { text: '三、重点任务落实情况', style: 'h1', pageBreak: 'before' },
    zebraTable([{ header: '序号', width: 26, align: 'center' }, { header: '任务' }, { header: '牵头单位', width: 90 }, { header: '配合单位', width: 100 }, { header: '里程碑', width: 52 }, { header: '状态', width: 34 }], rows),
  ];
}

function supervisionTable(items: SupervisionItem[], total: number): Content[] {
  const rows = items.map((i) => [LEVEL_ZH[i.level] ?? String(i.level), `${i.task.number}. ${short(i.task.title, 18)}`, i.organisation.name, KIND_ZH[i.kind] ?? i.kind, i.period ?? i.milestone ?? '', i.dueDate, i.daysOverdue]);
  return [
    { text: '四、督办事项', style: 'h1' },
    { text: `未办结的督办事项共 ${total} 项（未按期报送的进度报告和逾期的里程碑），按督办级别和逾期时间排序。`, margin: [0, 0, 0, 4] },
    zebraTable(
      [{ header: '级别', width: 30 }, { header: '任务' }, { header: '责任单位', width: 90 }, { header: '事项', width: 70 }, { header: '期次/里程碑', width: 62 }, { header: '应完成日期', width: 56 }, { header: '逾期天数', width: 40, align: 'right' }],
      rows,
      { empty: '当前没有督办事项。' },
    ),
    ...(total > items.length ? [{ text: `仅列出前 ${items.length} 项，完整清单见督办事项 XLSX 导出。`, style: 'note' }] : []),
  ];
}

function latestReports(d: Dashboard): Content[] {
  const rows = d.tasks
    .flatMap((t) => t.latestReports.filter((r) => r.status === 'accepted').map((r) => ({ ...r, task: t })))
    .sort((a, b) => b.submittedAt.localeCompare(a.submittedAt))
    .slice(0, LATEST_REPORTS)
    .map((r) => [`${r.task.number}. ${short(r.task.title, 20)}`, r.organisation.name, r.period, districtDateTime(new Date(r.submittedAt))]);
  return [
    { text: '五、最近通过审核的进度报告', style: 'h1' },
    zebraTable([{ header: '任务' }, { header: '报送单位', width: 110 }, { header: '期次', width: 56 }, { header: '提交时间', width: 84 }], rows, { empty: '暂无通过审核的进度报告。' }),
  ];
}

/** The report's document definition (exported for the benchmark and tests). */
export async function planReportDocument(db: DbOrTx, actor: Actor, plan: PlanRow, now: Date, year?: number) {
  const d: Dashboard = await buildDashboard(db, actor, plan, now, year);
  const sup = await listSupervision(db, plan.id, {}, now, { limit: SUPERVISION_ROWS, offset: 0 });
  const district = loadDistrict().district.name;
  const meta = { title: plan.title, subtitle: '执行情况报告', district, dateText: `报告日期：${dateZh(now)}`, header: `${plan.title} · 执行情况报告`, author: plan.issuingBody };
  const cover = titleBlock(meta, [
    {
      margin: [0, 48, 0, 0],
      alignment: 'center',
      stack: [
        `印发单位：${plan.issuingBody}${plan.documentNumber ? `（${plan.documentNumber}）` : ''}`,
        `实施期限：${plan.startDate} 至 ${plan.endDate}`,
        `统计年度：${d.year} 年，数据截至 ${districtDateTime(new Date(d.asOf))}（北京时间）`,
      ].map((text) => ({ text, margin: [0, 3, 0, 3] })),
    },
  ]);
  const content: Content[] = [cover, { text: '', pageBreak: 'after' }, ...summary(d), ...indicatorSections(d), ...taskTable(d), ...supervisionTable(sup.items, sup.total), ...latestReports(d)];
  return { dashboard: d, definition: reportDocument(meta, content) };
}

/**
 * Render the report and audit the export (action `plan.export_pdf`, in its
 * own transaction, before any byte leaves).
 */
export async function exportPlanReportPdf(db: Db, actor: Actor, plan: PlanRow, now: Date, year?: number) {
  const { dashboard, definition } = await planReportDocument(db, actor, plan, now, year);
  const buffer = await createPdf(definition);
  const pages = pdfPageCount(buffer);
  await withTx(db, (tx) => recordAudit(tx, actor, { action: 'plan.export_pdf', entityType: 'plan', entityId: plan.id, changes: { year: dashboard.year, asOf: dashboard.asOf, pages, bytes: buffer.length } }));
  const filename = `规划执行情况-${districtToday(now).replace(/-/g, '')}.pdf`;
  return { buffer, filename, pages, contentType: 'application/pdf', contentDisposition: contentDisposition(filename) };
}
