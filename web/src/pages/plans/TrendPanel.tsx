import { useMemo, useState } from 'react';
import { Card, Empty, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../components/EChart';
import { completionOption, trendOption } from './charts';
import type { Indicator } from './IndicatorCard';

export function useChartTexts() {
  const { t } = useTranslation();
  return useMemo(
    () => ({
      months: Array.from({ length: 12 }, (_, i) => t('plans.charts.month', { m: i + 1 })),
      value: t('plans.charts.value'),
      target: t('plans.charts.target'),
      expected: t('plans.charts.expected'),
      percent: t('plans.charts.percent'),
    }),
    [t],
  );
}

/** Monthly trend of a computed indicator (chosen), and every indicator against this year's target. */
export function TrendPanel({ indicators }: { indicators: Indicator[] }) {
  const { t, i18n } = useTranslation();
  const texts = useChartTexts();
  const withMonthly = indicators.filter((i) => i.monthly && i.monthly.length > 0);
  const [code, setCode] = useState<string | undefined>();
  const chosen = withMonthly.find((i) => i.code === code) ?? withMonthly[0];
  const nameOf = (i: Indicator) => (i18n.language === 'en' && i.nameEn ? i.nameEn : i.name);
  // The React compiler memoizes these; EChart re-applies an option only when it changes.
  const trend = chosen ? trendOption(chosen, texts) : null;
  const completion = completionOption(indicators, nameOf, texts);
  return (
    <div className="cg-grid-2" style={{ rowGap: 16 }}>
      <Card
        size="small"
        title={t('plans.charts.trendTitle')}
        extra={
          withMonthly.length > 0 && (
            <Select size="small" style={{ width: 200 }} value={chosen?.code} onChange={setCode} options={withMonthly.map((i) => ({ value: i.code, label: nameOf(i) }))} data-testid="trend-indicator" />
          )
        }
      >
        {trend ? <EChart option={trend} height={280} testId="trend-chart" /> : <Empty description={t('plans.charts.noMonthly')} />}
      </Card>
      <Card size="small" title={t('plans.charts.completionTitle')}>
        <EChart option={completion} height={Math.max(280, indicators.length * 26)} testId="completion-chart" />
      </Card>
    </div>
  );
}
