import ExcelJS from 'exceljs';
import type { Actor } from '../../core/access.js';
import type { DbOrTx } from '../../db/client.js';
import { CONTENT_TYPES, contentDisposition } from '../../http/download.js';
import { districtToday } from '../projects/due-dates.js';
import { buildDashboard } from './dashboard.js';
import type { PlanRow } from './repository.js';
import { addSupervisionSheet } from './supervision-list.js';

const STATUS_ZH: Record<string, string> = { reached: '已完成', on_track: '正常', at_risk: '滞后', overdue: '逾期', no_target: '无目标', open: '进行中' };
const SOURCE_ZH: Record<string, string> = { computed: '平台数据', reported: '单位填报', reported_no_source: '单位填报（暂无数据源）' };
const UNIT_ZH: Record<string, string> = { count: '个', cny: '元', percent: '%', yesno: '是/否' };

/** A value for a spreadsheet cell in the indicator's display unit (yuan with fen, percent). */
function display(unit: string, v: number | null): number | string {
  if (v === null) return '';
  if (unit === 'cny') return v / 100;
  if (unit === 'percent') return v / 100;
  if (unit === 'yesno') return v >= 1 ? '是' : '否';
  return v;
}

/** The plan's status as XLSX: indicators, tasks with their units, and the supervision list. */
export async function exportPlanStatus(db: DbOrTx, actor: Actor, plan: PlanRow, now: Date, year?: number) {
  const d = await buildDashboard(db, actor, plan, now, year);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('指标');
  ws.columns = [{ width: 8 }, { width: 36 }, { width: 8 }, { width: 10 }, { width: 18 }, { width: 18 }, { width: 18 }, { width: 18 }, { width: 10 }, { width: 22 }, { width: 40 }];
  ws.addRow([`${plan.title}（${d.year}年，截至 ${districtToday(new Date(d.asOf))}）`]).font = { bold: true };
  ws.addRow(['任务', '指标', '单位', '口径', '当前值', '本年目标', '期末目标', '应达进度', '状态', '数据来源', '备注']).font = { bold: true };
  for (const i of d.indicators) {
    ws.addRow([
      i.taskNumber ?? '',
      i.name,
      UNIT_ZH[i.unit] ?? i.unit,
      i.aggregation === 'yearly' ? '年度' : '累计',
      display(i.unit, i.value),
      display(i.unit, i.targetThisYear),
      display(i.unit, i.targetAtEnd),
      display(i.unit, i.expected),
      STATUS_ZH[i.status] ?? i.status,
      SOURCE_ZH[i.source] ?? i.source,
      i.note ?? '',
    ]);
  }
  const tw = wb.addWorksheet('任务与责任单位');
  tw.columns = [{ width: 8 }, { width: 36 }, { width: 10 }, { width: 28 }, { width: 8 }, { width: 10 }, { width: 30 }];
  tw.addRow(['序号', '任务', '任务状态', '责任单位', '角色', '单位状态', '未报送期次']).font = { bold: true };
  for (const t of d.tasks) {
    if (t.units.length === 0) tw.addRow([t.number, t.title, STATUS_ZH[t.status]]);
    for (const u of t.units) {
      tw.addRow([t.number, t.title, STATUS_ZH[t.status], u.organisation.name, u.role === 'lead' ? '牵头' : '配合', STATUS_ZH[u.status], u.missingPeriods.join('、')]);
    }
  }
  await addSupervisionSheet(wb, db, plan.id, {}, now);
  const filename = `${plan.title}-执行情况-${districtToday(now).replace(/-/g, '')}.xlsx`;
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), filename, contentType: CONTENT_TYPES.xlsx, contentDisposition: contentDisposition(filename) };
}
