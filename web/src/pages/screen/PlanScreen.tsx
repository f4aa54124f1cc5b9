import { useEffect, useMemo, useState } from 'react';
import { ConfigProvider, Empty, Spin, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDashboard } from '../../api/hooks/plans';
import { DISTRICT_TZ } from '../../components/district-time';
import { EChart } from '../../components/EChart';
import { formatDate } from '../../components/format';
import { compactValue, formatValue } from '../../plans/values';
import { completionOption, trendOption } from '../plans/charts';
import { TargetBar } from '../plans/TargetBar';
import { useChartTexts } from '../plans/TrendPanel';
import { usePlanChoice } from '../plans/usePlanChoice';
import '../plans/plans.css';

const REFRESH_MS = 60_000;
const STATUS_COLORS = { reached: '#52c41a', on_track: '#4fd1ff', at_risk: '#faad14', overdue: '#ff4d4f', no_target: '#8fb4e6' } as const;

/** The large-screen view (数据大屏): full window, dark, big figures and charts, refreshed every minute. */
export function PlanScreen() {
  const { t, i18n } = useTranslation();
  const { plan, year } = usePlanChoice();
  const dash = useDashboard(plan?.id, year, REFRESH_MS);
  const texts = useChartTexts();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  useEffect(() => {
    document.title = t('plans.screen.title');
  }, [t]);
  const d = dash.data;
  const en = i18n.language === 'en';
  const withMonthly = useMemo(() => d?.indicators.filter((i) => i.monthly && i.monthly.some((v) => v > 0)) ?? [], [d]);
  const trends = useMemo(() => withMonthly.slice(0, 2).map((i) => ({ ind: i, option: trendOption(i, texts, true) })), [withMonthly, texts]);
  const completion = useMemo(() => (d ? completionOption(d.indicators, (i) => (en && i.nameEn ? i.nameEn : i.name), texts, true) : null), [d, texts, en]);
  const yn = { yes: t('common.yes'), no: t('common.no') };

  return (
    <ConfigProvider theme={{ algorithm: theme.darkAlgorithm }}>
      <div className="cg-screen" data-testid="plan-screen">
        <div className="cg-screen-head">
          <h1>{d?.plan.title ?? t('plans.screen.title')}</h1>
          <div className="cg-screen-meta">
            {d && t('plans.dashboard.asOf', { date: formatDate(d.asOf), year: d.year })} · {new Date(now).toLocaleTimeString(en ? 'en-US' : 'zh-CN', { timeZone: DISTRICT_TZ })}
            {dash.isFetching && <Spin size="small" style={{ marginLeft: 8 }} />}
            {dash.dataUpdatedAt > 0 && <> · {t('plans.screen.refreshed', { time: new Date(dash.dataUpdatedAt).toLocaleTimeString(en ? 'en-US' : 'zh-CN', { timeZone: DISTRICT_TZ }) })}</>}
          </div>
        </div>
        {!d ? (
          dash.error ? <Empty description={String((dash.error as Error).message)} /> : <Spin size="large" style={{ display: 'block', margin: '20vh auto' }} />
        ) : (
          <>
            <div className="cg-screen-grid">
              {d.indicators.map((i) => (
                <div className="cg-screen-panel" key={i.id} data-testid={`screen-${i.code}`}>
                  <h3>{en && i.nameEn ? i.nameEn : i.name}</h3>
                  <div className="cg-screen-big" style={{ color: STATUS_COLORS[i.status] }}>{compactValue(i.value, i.unit, i18n.language)}</div>
                  <div className="cg-screen-sub">
                    {t(`plans.progress.${i.status}`)} · {t('plans.card.targetYear', { year: d.year })} {formatValue(i.targetThisYear, i.unit, i18n.language, yn)}
                  </div>
                  <TargetBar label="" value={i.value} target={i.targetThisYear} expected={i.expected} unit={i.unit} />
                </div>
              ))}
              <div className="cg-screen-panel">
                <h3>{t('plans.supervision.open')}</h3>
                <div className="cg-screen-big" style={{ color: d.supervision.open ? '#ff4d4f' : '#52c41a' }}>{d.supervision.open}</div>
                <div className="cg-screen-sub">{d.supervision.byLevel.map((n, l) => `${t('plans.supervision.levelN', { level: l + 1 })}: ${n}`).join(' · ')}</div>
              </div>
              <div className="cg-screen-panel">
                <h3>{t('plans.tasks.heading')}</h3>
                <div className="cg-screen-big">{d.tasks.filter((x) => x.status === 'on_track').length} / {d.tasks.length}</div>
                <div className="cg-screen-sub">{(['at_risk', 'overdue'] as const).map((s) => `${t(`plans.progress.${s}`)}: ${d.tasks.filter((x) => x.status === s).length}`).join(' · ')}</div>
              </div>
            </div>
            <div className="cg-screen-charts">
              {completion && (
                <div className="cg-screen-panel">
                  <h3>{t('plans.charts.completionTitle')}</h3>
                  <EChart option={completion} theme="dark" height={Math.max(320, d.indicators.length * 24)} />
                </div>
              )}
              {trends.map(({ ind, option }) => (
                <div className="cg-screen-panel" key={ind.id}>
                  <h3>{t('plans.charts.trendTitle')} · {en && ind.nameEn ? ind.nameEn : ind.name}</h3>
                  <EChart option={option} theme="dark" height={320} />
                </div>
              ))}
            </div>
          </>
        )}
      </div>
    </ConfigProvider>
  );
}
