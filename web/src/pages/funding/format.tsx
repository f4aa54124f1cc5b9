import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';

/** Fen as yuan with two decimals and thousands separators. */
export function yuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  return (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

const YUAN_TEXT = /^\d+(?:\.\d{1,2})?$/;
/** "180000.00" (yuan as the server writes it into a timeline note) as fen; null if it is not such an amount. */
const fenOf = (s: string): number | null => (YUAN_TEXT.test(s) ? Math.round(Number(s) * 100) : null);

/**
 * A timeline event's note for people: the server keeps amounts as plain yuan
 * text ("180000.00", "1: 180000.00") and the ranking as "score / rank"; they
 * are shown as money (thousands separators, 元 / CNY) and words, any other note
 * as written.
 */
export function timelineNote(event: string, note: string, t: TFunction): string {
  if (event === 'awarded' || event === 'not_awarded') {
    const fen = fenOf(note);
    if (fen !== null) return t('funding.application.noteAmount', { v: yuan(fen) });
  }
  if (event === 'disbursed') {
    const m = /^(\d+): (.+)$/.exec(note);
    const fen = m ? fenOf(m[2]!) : null;
    if (m && fen !== null) return t('funding.application.noteInstalment', { n: m[1], v: yuan(fen) });
  }
  if (event === 'ranked') {
    const m = /^(\S+) \/ (\d+)$/.exec(note);
    if (m) return t('funding.application.noteRanked', { score: m[1], rank: m[2] });
  }
  return note;
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
