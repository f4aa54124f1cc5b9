import { Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { IndicatorUnit } from '@shared/contracts/plans.js';
import { formatValue, ratio } from '../../plans/values';

/**
 * Value against a target as a bar, with a marker where the value should
 * stand today (`expected`). No target: a dash, not an empty bar.
 */
export function TargetBar({ label, value, target, expected, unit, testId }: { label: string; value: number; target: number | null; expected?: number | null; unit: IndicatorUnit; testId?: string }) {
  const { t, i18n } = useTranslation();
  const pct = ratio(value, target);
  const exp = expected !== undefined && expected !== null ? ratio(expected, target) : null;
  const yn = { yes: t('common.yes'), no: t('common.no') };
  const behind = pct !== null && exp !== null && pct < exp;
  return (
    <div className="cg-target" data-testid={testId}>
      <div className="cg-target-head">
        <span>{label}</span>
        <span>
          {target === null ? t('plans.card.noTarget') : `${formatValue(target, unit, i18n.language, yn)}`}
          {pct !== null && <b> · {Math.floor(pct)}%</b>}
        </span>
      </div>
      <div className="cg-target-track" role="progressbar" aria-valuenow={pct === null ? undefined : Math.floor(pct)} aria-valuemin={0} aria-valuemax={100} aria-label={label}>
        <div className={`cg-target-fill${behind ? ' cg-behind' : ''}${pct !== null && pct >= 100 ? ' cg-done' : ''}`} style={{ width: `${Math.min(100, pct ?? 0)}%` }} />
        {exp !== null && (
          <Tooltip title={t('plans.card.expected', { value: formatValue(expected ?? 0, unit, i18n.language, yn) })}>
            <div className="cg-target-marker" style={{ left: `${Math.min(100, exp)}%` }} data-testid="expected-marker" />
          </Tooltip>
        )}
      </div>
    </div>
  );
}
