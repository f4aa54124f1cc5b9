import type ExcelJS from 'exceljs';
import type { Statistics, StatGroup } from '../../../shared/contracts/contracts.js';

const SHEETS: [keyof Statistics, string, string][] = [
  ['byYear', '按年度', '年度'],
  ['byQuarter', '按季度', '季度'],
  ['byMonth', '按月份', '月份'],
  ['byType', '按合同类别', '合同类别'],
  ['bySubType', '按合同子类', '合同子类'],
  ['byTechField', '按技术领域', '技术领域'],
  ['byIndustry', '按行业', '行业门类'],
  ['byFlow', '按流向', '技术流向'],
  ['bySellerRegion', '按卖方地区', '卖方所在地区'],
  ['byBuyerRegion', '按买方地区', '买方所在地区'],
];

/** Yuan as a number with exactly the fen (fen / 100 is exact to two decimals in a double for any real amount). */
const yuan = (fen: number) => fen / 100;

export function xlsxSheets(wb: ExcelJS.Workbook, s: Statistics): void {
  const summary = wb.addWorksheet('汇总');
  summary.columns = [{ width: 28 }, { width: 22 }];
  summary.addRow([`技术合同认定登记统计（${s.from} 至 ${s.to}，不含截止日）`]).font = { bold: true };
  summary.addRow(['登记地区', `${s.districtRegion.name}（${s.districtRegion.code}）`]);
  summary.addRow(['合同数（项）', s.totals.contracts]);
  summary.addRow(['合同成交金额（元）', yuan(s.totals.contractFen)]).getCell(2).numFmt = '#,##0.00';
  summary.addRow(['技术交易额（元）', yuan(s.totals.techFen)]).getCell(2).numFmt = '#,##0.00';
  summary.addRow(['口径：按登记日期（北京时间）统计经认定登记的合同；变更登记计入金额变化，终止登记扣除未履行部分。']);
  for (const [key, title, col] of SHEETS) {
    const ws = wb.addWorksheet(title);
    ws.columns = [{ width: 14 }, { width: 36 }, { width: 12 }, { width: 20 }, { width: 20 }];
    ws.addRow(['代码', col, '合同数（项）', '合同成交金额（元）', '技术交易额（元）']).font = { bold: true };
    for (const g of s[key] as StatGroup[]) {
      const r = ws.addRow([g.key, g.label, g.contracts, yuan(g.contractFen), yuan(g.techFen)]);
      r.getCell(4).numFmt = '#,##0.00';
      r.getCell(5).numFmt = '#,##0.00';
    }
  }
}
