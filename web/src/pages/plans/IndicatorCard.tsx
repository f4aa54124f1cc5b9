import { Button, Card, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { IndicatorStatus } from '@shared/contracts/plans.js';
import { ProgressTag, SourceTag } from '../../plans/tags';
import { formatValue } from '../../plans/values';
import { TargetBar } from './TargetBar';

export type Indicator = z.infer<typeof IndicatorStatus>;

/** One indicator: its figure (click for the records behind it), targets this year and at the plan's end. */
export function IndicatorCard({ ind, year, endYear, onDrill }: { ind: Indicator; year: number; endYear: number; onDrill: (ind: Indicator) => void }) {
  const { t, i18n } = useTranslation();
  const name = i18n.language === 'en' && ind.nameEn ? ind.nameEn : ind.name;
  const yn = { yes: t('common.yes'), no: t('common.no') };
  return (
    <Card size="small" className="cg-indicator-card" data-testid={`indicator-${ind.code}`}>
      <Flex justify="space-between" align="start" gap={8}>
        <span className="cg-indicator-name">
          {ind.taskNumber !== null && <Typography.Text type="secondary">{t('plans.taskN', { n: ind.taskNumber })} · </Typography.Text>}
          {name}
        </span>
        <ProgressTag status={ind.status} />
      </Flex>
      <Flex align="baseline" gap={8} wrap style={{ marginTop: 4 }}>
        <Button type="link" className="cg-indicator-value" onClick={() => onDrill(ind)} data-testid={`indicator-value-${ind.code}`} aria-label={t('plans.card.drill', { name })}>
          {formatValue(ind.value, ind.unit, i18n.language, yn)}
        </Button>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t(ind.aggregation === 'cumulative' ? 'plans.card.cumulative' : 'plans.card.yearly', { year })}
        </Typography.Text>
      </Flex>
      <TargetBar label={t('plans.card.targetYear', { year })} value={ind.value} target={ind.targetThisYear} expected={ind.expected} unit={ind.unit} testId={`target-year-${ind.code}`} />
      {ind.aggregation === 'cumulative' || year === endYear ? (
        <TargetBar label={t('plans.card.targetEnd', { year: endYear })} value={ind.value} target={ind.targetAtEnd} unit={ind.unit} />
      ) : (
        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 8 }}>
          {t('plans.card.targetEnd', { year: endYear })}: {formatValue(ind.targetAtEnd, ind.unit, i18n.language, yn)}
        </Typography.Text>
      )}
      <Flex gap={4} wrap align="center" style={{ marginTop: 10 }}>
        <SourceTag source={ind.source} />
        {ind.lastReport && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('plans.card.lastReport', { period: ind.lastReport.period, org: ind.lastReport.organisation.name })}
          </Typography.Text>
        )}
      </Flex>
      {ind.source === 'reported_no_source' && (
        <Typography.Paragraph type="warning" style={{ fontSize: 12, margin: '6px 0 0' }}>
          {t('plans.sourceHint.reported_no_source')}
        </Typography.Paragraph>
      )}
      {ind.note && (
        <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, expandable: true }} style={{ fontSize: 12, margin: '6px 0 0' }}>
          {ind.note}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
