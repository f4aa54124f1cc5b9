import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ProgressStatus, ReportStatus } from '@shared/contracts/plans.js';

export const PROGRESS_COLORS: Record<ProgressStatus, string> = { reached: 'green', on_track: 'blue', at_risk: 'orange', overdue: 'red', no_target: 'default' };

export function ProgressTag({ status }: { status: ProgressStatus }) {
  const { t } = useTranslation();
  return <Tag color={PROGRESS_COLORS[status]} data-testid={`progress-${status}`}>{t(`plans.progress.${status}`)}</Tag>;
}

/** Where a figure comes from, saying plainly when a computed source does not exist yet. */
export function SourceTag({ source }: { source: 'computed' | 'reported' | 'reported_no_source' }) {
  const { t } = useTranslation();
  const color = source === 'computed' ? 'cyan' : source === 'reported' ? 'purple' : 'gold';
  return (
    <Tooltip title={t(`plans.sourceHint.${source}`)}>
      <Tag color={color} data-testid={`source-${source}`}>{t(`plans.source.${source}`)}</Tag>
    </Tooltip>
  );
}

const REPORT_COLORS: Record<ReportStatus, string> = { submitted: 'processing', accepted: 'success', returned: 'warning' };
export function ReportStatusTag({ status }: { status: ReportStatus }) {
  const { t } = useTranslation();
  return <Tag color={REPORT_COLORS[status]}>{t(`plans.reportStatus.${status}`)}</Tag>;
}
