/**
 * Money in the browser: the API speaks integer fen (分); people type and read
 * 元. Conversions work on the decimal string, never on floats, so 0.1 + 0.2
 * style errors cannot creep into an asking price.
 */

const YUAN = /^\s*(\d{1,10})(?:\.(\d{1,2}))?\s*$/;

/** "1234.5" → 123450; null for anything that is not a non-negative amount with at most two decimals. */
export function yuanToFen(input: string | null | undefined): number | null {
  if (input === null || input === undefined) return null;
  const m = YUAN.exec(input.replace(/,/g, ''));
  if (!m) return null;
  // Concatenating the digits is the exact ×100; no arithmetic on fractions.
  return Number(`${m[1]}${(m[2] ?? '').padEnd(2, '0')}`);
}

/** 123450 → "1234.50" (for putting an amount back into an input). */
export function fenToYuanInput(fen: number | null | undefined): string | undefined {
  if (fen === null || fen === undefined || !Number.isInteger(fen) || fen < 0) return undefined;
  const s = String(fen).padStart(3, '0');
  const frac = s.slice(-2);
  const int = s.slice(0, -2);
  return frac === '00' ? int : `${int}.${frac}`;
}

/** 123450 → "1,234.50 元" (zh) / "¥1,234.50" (en). */
export function formatFen(fen: number, locale: string): string {
  const s = String(Math.abs(Math.trunc(fen))).padStart(3, '0');
  const int = s.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const frac = s.slice(-2);
  const amount = frac === '00' ? int : `${int}.${frac}`;
  return locale === 'en' ? `¥${amount}` : `${amount} 元`;
}

/** True when the input is a valid amount in 元 (for form rules). */
export function isYuan(input: string | null | undefined): boolean {
  return yuanToFen(input) !== null;
}
