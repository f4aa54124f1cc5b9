import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

/** Fen as yuan with two decimals and thousands separators. */
export function yuan(fen: number): string {
  return (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** Yuan typed in a form (up to two decimals) as integer fen. */
export function toFen(yuanValue: number): number {
  return Math.round(yuanValue * 100);
}

const VOUCHER_COLOURS: Record<string, string> = { issued: 'green', redeeming: 'processing', redeemed: 'blue', paid: 'purple', expired: 'default', voided: 'red' };
const REDEMPTION_COLOURS: Record<string, string> = { submitted: 'processing', approved: 'blue', rejected: 'red', paid: 'purple' };
const APPLICATION_COLOURS: Record<string, string> = { submitted: 'processing', approved: 'green', rejected: 'red' };

export function VoucherStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Tag color={VOUCHER_COLOURS[status]}>{t(`vouchers.voucher.statuses.${status as 'issued'}`)}</Tag>;
}
export function RedemptionStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Tag color={REDEMPTION_COLOURS[status]}>{t(`vouchers.redemption.statuses.${status as 'submitted'}`)}</Tag>;
}
export function ApplicationStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Tag color={APPLICATION_COLOURS[status]}>{t(`vouchers.application.statuses.${status as 'submitted'}`)}</Tag>;
}
