import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../catalog/locale';
import { formatFen } from '../../catalog/money';

export function Fen({ fen }: { fen: number | null | undefined }) {
  const locale = useLocale();
  return <>{fen === null || fen === undefined ? '—' : formatFen(fen, locale)}</>;
}

export function useFen() {
  const locale = useLocale();
  return (fen: number) => formatFen(fen, locale);
}

const LISTING_COLOURS: Record<string, string> = { open: 'green', in_deal: 'gold', sold: 'blue', withdrawn: 'default', expired: 'default' };
const DEAL_COLOURS: Record<string, string> = { notice: 'gold', final: 'green', cancelled: 'red' };
const PHASE_COLOURS: Record<string, string> = { upcoming: 'default', bidding: 'green', closing: 'orange', won: 'blue', failed: 'red' };

export function ListingStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Tag color={LISTING_COLOURS[status]}>{t(`trading.status.${status as 'open'}`)}</Tag>;
}
export function DealStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Tag color={DEAL_COLOURS[status]}>{t(`trading.dealStatus.${status as 'notice'}`)}</Tag>;
}
export function PhaseTag({ phase }: { phase: string }) {
  const { t } = useTranslation();
  return <Tag color={PHASE_COLOURS[phase]} data-testid="auction-phase">{t(`trading.phase.${phase as 'bidding'}`)}</Tag>;
}

/** 01:02:03, or "2 天 01:02:03" past a day. */
export function useDuration() {
  const { t } = useTranslation();
  return (ms: number) => {
    const s = Math.floor(ms / 1000);
    const d = Math.floor(s / 86400);
    const hms = [Math.floor((s % 86400) / 3600), Math.floor((s % 3600) / 60), s % 60].map((n) => String(n).padStart(2, '0')).join(':');
    return d > 0 ? t('trading.countdown.days', { d, hms }) : hms;
  };
}
