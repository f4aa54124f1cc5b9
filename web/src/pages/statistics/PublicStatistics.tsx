import { useEffect, useMemo } from 'react';
import { Card, Empty, Flex, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { usePublicStatistics } from '../../api/hooks/plans';
import { EChart } from '../../components/EChart';
import { ErrorAlert } from '../../components/feedback';
import { formatDate } from '../../components/format';
import { ProgressTag } from '../../plans/tags';
import { formatValue } from '../../plans/values';
import { trendOption } from '../plans/charts';
import { TargetBar } from '../plans/TargetBar';
import { useChartTexts } from '../plans/TrendPanel';
import '../plans/plans.css';
import { ContractTurnover } from './ContractTurnover';

/** Public statistics: the indicators the bureau marked public and the registered contracts' turnover, no sign-in. */
export function PublicStatistics() {
  const { t, i18n } = useTranslation();
  const q = usePublicStatistics();
  const texts = useChartTexts();
  const d = q.data;
  const en = i18n.language === 'en';
  const yn = { yes: t('common.yes'), no: t('common.no') };
  useEffect(() => {
    document.title = `${t('nav.statistics')} · ${t('common.platformName')}`;
  }, [t]);
  const charts = useMemo(
    () => (d?.indicators ?? []).filter((i) => i.monthly && i.monthly.length > 0).map((i) => ({ code: i.code, name: en && i.nameEn ? i.nameEn : i.name, option: trendOption(i, texts) })),
    [d, texts, en],
  );
  return (
    <div className="cg-content" data-testid="public-statistics">
      <Typography.Title level={2} style={{ marginTop: 0 }}>{t('plans.statistics.title')}</Typography.Title>
      {q.error instanceof ApiError && q.error.status === 404 ? (
        <Empty description={t('plans.statistics.none')} />
      ) : (
        <ErrorAlert error={q.error} />
      )}
      {q.isPending && <Skeleton active />}
      {d && (
        <>
          <Typography.Paragraph type="secondary">
            {d.plan.title} · {d.plan.issuingBody} · {d.plan.startDate} — {d.plan.endDate} · {t('plans.dashboard.asOf', { date: formatDate(d.asOf), year: d.year })}
          </Typography.Paragraph>
          {d.indicators.length === 0 ? (
            <Empty description={t('plans.statistics.nonePublic')} />
          ) : (
            <Flex vertical gap={16}>
              <div className="cg-indicator-grid">
                {d.indicators.map((i) => (
                  <Card size="small" key={i.code} data-testid={`public-${i.code}`}>
                    <Flex justify="space-between" gap={8} align="start">
                      <span className="cg-indicator-name">{en && i.nameEn ? i.nameEn : i.name}</span>
                      <ProgressTag status={i.status} />
                    </Flex>
                    <div className="cg-indicator-value" style={{ margin: '6px 0' }}>{formatValue(i.value, i.unit, i18n.language, yn)}</div>
                    <TargetBar label={t('plans.card.targetYear', { year: d.year })} value={i.value} target={i.targetThisYear} unit={i.unit} />
                    <TargetBar label={t('plans.card.targetEnd', { year: d.plan.endDate.slice(0, 4) })} value={i.value} target={i.targetAtEnd} unit={i.unit} />
                  </Card>
                ))}
              </div>
              <div className="cg-grid-2" style={{ rowGap: 16 }}>
                {charts.map((c) => (
                  <Card size="small" key={c.code} title={c.name}>
                    <EChart option={c.option} height={260} />
                  </Card>
                ))}
              </div>
            </Flex>
          )}
        </>
      )}
      <div style={{ marginTop: 16 }}>
        <ContractTurnover />
      </div>
    </div>
  );
}
