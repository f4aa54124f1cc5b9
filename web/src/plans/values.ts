import type { IndicatorUnit } from '@shared/contracts/plans.js';
import { fenToYuanInput, formatFen, yuanToFen } from '../catalog/money';

/**
 * Indicator values travel in their unit's base: a count; fen for money;
 * hundredths of a percent; 0/1 for yes/no. These turn them into text and
 * back, exactly (strings, no float arithmetic).
 */
export function formatValue(value: number | null | undefined, unit: IndicatorUnit, locale: string, yesNo?: { yes: string; no: string }): string {
  if (value === null || value === undefined) return '—';
  switch (unit) {
    case 'cny':
      return formatFen(value, locale);
    case 'percent':
      return `${fenToYuanInput(value) ?? '0'}%`;
    case 'yesno':
      return value >= 1 ? (yesNo?.yes ?? '✓') : (yesNo?.no ?? '✗');
    default:
      return value.toLocaleString(locale === 'en' ? 'en-US' : 'zh-CN');
  }
}

/** Big money in 万元 for compact cards and charts (display only; rounding is fine here). */
export function compactValue(value: number, unit: IndicatorUnit, locale: string): string {
  if (unit === 'cny') {
    const yuan = value / 100;
    if (yuan >= 100_000_000) return locale === 'en' ? `¥${(yuan / 1_000_000).toFixed(1)}M` : `${(yuan / 100_000_000).toFixed(2)} 亿元`;
    if (yuan >= 10_000) return locale === 'en' ? `¥${(yuan / 1000).toFixed(1)}k` : `${(yuan / 10_000).toFixed(1)} 万元`;
  }
  return formatValue(value, unit, locale);
}

/** Chart axis value: money in 元, percent in %, others as they are. */
export function chartValue(value: number, unit: IndicatorUnit): number {
  return unit === 'cny' || unit === 'percent' ? value / 100 : value;
}

/** The user's input for a reported figure (元, %, count, 0/1) → the unit's base; null when invalid. */
export function parseFigure(input: string | number | null | undefined, unit: IndicatorUnit): number | null {
  if (input === null || input === undefined || input === '') return null;
  const s = String(input).trim();
  if (unit === 'cny' || unit === 'percent') {
    const v = yuanToFen(s);
    return v === null || (unit === 'percent' && v > 10_000) ? null : v;
  }
  if (!/^\d{1,15}$/.test(s)) return null;
  const n = Number(s);
  if (unit === 'yesno' && n > 1) return null;
  return Number.isSafeInteger(n) ? n : null;
}

/** The unit's base → the text to put back in an input. */
export function figureInput(value: number, unit: IndicatorUnit): string {
  return unit === 'cny' || unit === 'percent' ? (fenToYuanInput(value) ?? '') : String(value);
}

/** Percent of target reached (0–100+), or null with no target. */
export function ratio(value: number, target: number | null): number | null {
  if (target === null || target <= 0) return null;
  return (value / target) * 100;
}
