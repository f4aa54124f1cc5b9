import type { FinanceStatus } from '../../../shared/contracts/finance.js';
import { AppError } from '../../core/errors.js';

export type FinanceAction = 'edit' | 'submit' | 'withdraw' | 'return' | 'verify';
/** Who moves a record: its organisation (the filer) or a bureau reviewer. */
export type Mover = 'filer' | 'reviewer';

type Row = { action: FinanceAction; from: readonly FinanceStatus[]; to: FinanceStatus | null; by: Mover };

/**
 * The workflow in one table (drawn in docs/workflows/finance.md). Creating a
 * draft is the only transition not listed; verified and withdrawn are final.
 * `to: null` keeps the status (edit).
 */
export const FINANCE_TRANSITIONS: readonly Row[] = [
  { action: 'edit', from: ['draft', 'returned'], to: null, by: 'filer' },
  { action: 'submit', from: ['draft', 'returned'], to: 'submitted', by: 'filer' },
  { action: 'withdraw', from: ['draft', 'submitted', 'returned'], to: 'withdrawn', by: 'filer' },
  { action: 'return', from: ['submitted'], to: 'returned', by: 'reviewer' },
  { action: 'verify', from: ['submitted'], to: 'verified', by: 'reviewer' },
];

export const FINANCE_ACTIONS: readonly FinanceAction[] = FINANCE_TRANSITIONS.map((r) => r.action);

function rowOf(action: FinanceAction): Row {
  return FINANCE_TRANSITIONS.find((r) => r.action === action)!;
}

/** Whether one of the movers may take the action from the status. */
export function allows(action: FinanceAction, status: string, movers: readonly Mover[]): boolean {
  const r = rowOf(action);
  return movers.includes(r.by) && r.from.includes(status as FinanceStatus);
}

/** The status after the action, or FORBIDDEN (not the caller's move) / INVALID_STATE. */
export function transition(action: FinanceAction, status: string, movers: readonly Mover[]): FinanceStatus {
  const r = rowOf(action);
  if (!movers.includes(r.by)) throw new AppError('FORBIDDEN');
  if (!r.from.includes(status as FinanceStatus)) throw new AppError('INVALID_STATE');
  return r.to ?? (status as FinanceStatus);
}
