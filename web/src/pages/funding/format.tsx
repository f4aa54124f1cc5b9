import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

/** Fen as yuan with two decimals and thousands separators. */
export function yuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  return (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** Yuan typed in a form (up to two decimals) as integer fen. */
export function toFen(yuanValue: number): number {
  return Math.round(yuanValue * 100);
}

const CALL_COLOURS: Record<string, string> = { draft: 'default', open: 'green', review: 'processing', notice: 'orange', awarded: 'purple' };
const APP_COLOURS: Record<string, string> = { ineligible: 'red', submitted: 'processing', formal_rejected: 'red', in_review: 'blue', ranked: 'cyan', awarded: 'green', not_awarded: 'default', accepted: 'purple' };

export function CallStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Tag color={CALL_COLOURS[status]} data-testid="call-status">{t(`funding.callStatuses.${status as 'open'}`)}</Tag>;
}
export function ApplicationStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Tag color={APP_COLOURS[status]} data-testid="application-status">{t(`funding.statuses.${status as 'submitted'}`)}</Tag>;
}
export function KindTag({ kind }: { kind: string }) {
  const { t } = useTranslation();
  return <Tag>{t(`funding.kinds.${kind as 'pre_guidance'}`)}</Tag>;
}
