import { useTranslation } from 'react-i18next';
import { useLocale } from '../../catalog/locale';
import { formatFen } from '../../catalog/money';

/** An asking price: 元 formatted from fen, or 面议. */
export function PriceText({ fen, negotiable }: { fen: number | null | undefined; negotiable: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (negotiable || fen === null || fen === undefined) return <>{t('catalog.negotiable')}</>;
  return <>{formatFen(fen, locale)}</>;
}

/** A budget range in 元; 面议 when negotiable and unbounded. */
export function BudgetText({ min, max, negotiable }: { min: number | null | undefined; max: number | null | undefined; negotiable: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const lo = min ?? null;
  const hi = max ?? null;
  let range = '';
  if (lo !== null && hi !== null) range = lo === hi ? formatFen(lo, locale) : `${formatFen(lo, locale)} – ${formatFen(hi, locale)}`;
  else if (lo !== null) range = t('catalog.atLeast', { amount: formatFen(lo, locale) });
  else if (hi !== null) range = t('catalog.atMost', { amount: formatFen(hi, locale) });
  if (!range) return <>{negotiable ? t('catalog.negotiable') : '—'}</>;
  return <>{negotiable ? `${range}（${t('catalog.negotiable')}）` : range}</>;
}
