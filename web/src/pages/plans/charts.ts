import type { EChartOption } from '../../components/EChart';
import { chartValue } from '../../plans/values';
import type { Indicator } from './IndicatorCard';

type Texts = { months: string[]; value: string; target: string; expected: string; percent: string };

/** Monthly trend of one computed indicator: bars for yearly amounts, a line for running totals; the year's target as a line. */
export function trendOption(ind: Pick<Indicator, 'monthly' | 'unit' | 'targetThisYear' | 'aggregation'>, texts: Texts, dark = false): EChartOption {
  const data = (ind.monthly ?? []).map((v) => chartValue(v, ind.unit));
  const target = ind.targetThisYear === null ? null : chartValue(ind.targetThisYear, ind.unit);
  const cumulative = ind.aggregation === 'cumulative';
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    legend: { top: 0, textStyle: dark ? { color: '#cfe3ff' } : undefined },
    xAxis: { type: 'category', data: texts.months },
    yAxis: { type: 'value', splitLine: dark ? { lineStyle: { color: 'rgba(255,255,255,.1)' } } : undefined },
    series: [
      {
        name: texts.value,
        type: cumulative ? 'line' : 'bar',
        data,
        smooth: true,
        areaStyle: cumulative ? { opacity: 0.15 } : undefined,
        markLine: target === null ? undefined : { symbol: 'none', data: [{ yAxis: target, name: texts.target }], label: { formatter: texts.target }, lineStyle: { type: 'dashed', color: '#fa541c' } },
      },
    ],
  };
}

/** Every indicator's share of this year's target as horizontal bars. */
export function completionOption(inds: Indicator[], names: (i: Indicator) => string, texts: Pick<Texts, 'percent' | 'expected'>, dark = false): EChartOption {
  const rows = inds.filter((i) => i.targetThisYear !== null && i.targetThisYear > 0);
  const pct = (v: number, tgt: number) => Math.round((v / tgt) * 1000) / 10;
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, textStyle: dark ? { color: '#cfe3ff' } : undefined },
    grid: { left: 8, right: 24, top: 28, bottom: 8, containLabel: true },
    xAxis: { type: 'value', max: (v: { max: number }) => Math.max(100, Math.ceil(v.max / 10) * 10), axisLabel: { formatter: '{value}%' }, splitLine: dark ? { lineStyle: { color: 'rgba(255,255,255,.1)' } } : undefined },
    yAxis: { type: 'category', inverse: true, data: rows.map(names), axisLabel: { width: 140, overflow: 'truncate' } },
    series: [
      { name: texts.percent, type: 'bar', data: rows.map((i) => pct(i.value, i.targetThisYear!)), itemStyle: { color: '#1677ff' } },
      { name: texts.expected, type: 'bar', data: rows.map((i) => (i.expected === null ? 0 : pct(i.expected, i.targetThisYear!))), itemStyle: { color: dark ? 'rgba(255,255,255,.35)' : '#d9d9d9' } },
    ],
  };
}
