import type { ContractStatus } from '../../../shared/contracts/contracts.js';
import { AppError } from '../../core/errors.js';

export type ContractAction = 'edit' | 'submit' | 'withdraw' | 'return' | 'reclassify' | 'refuse' | 'approve';
/** Who moves a registration: the seller-side organisation, or the registrar. */
export type Mover = 'applicant' | 'registrar';

type Row = { action: ContractAction; from: readonly ContractStatus[]; to: ContractStatus | null; by: Mover };

/**
 * The registration workflow in one table (drawn in docs/workflows/contracts.md).
 * Creating a draft is the only transition not listed; approved, refused and
 * withdrawn are final. `to: null` keeps the status (edit, reclassify).
 */
export const CONTRACT_TRANSITIONS: readonly Row[] = [
  { action: 'edit', from: ['draft', 'returned'], to: null, by: 'applicant' },
  { action: 'submit', from: ['draft', 'returned'], to: 'submitted', by: 'applicant' },
  { action: 'withdraw', from: ['draft', 'submitted', 'returned'], to: 'withdrawn', by: 'applicant' },
  { action: 'return', from: ['submitted'], to: 'returned', by: 'registrar' },
  { action: 'reclassify', from: ['submitted'], to: null, by: 'registrar' },
  { action: 'refuse', from: ['submitted'], to: 'refused', by: 'registrar' },
  { action: 'approve', from: ['submitted'], to: 'approved', by: 'registrar' },
];

function rowOf(action: ContractAction): Row {
  return CONTRACT_TRANSITIONS.find((r) => r.action === action)!;
}

export function allows(action: ContractAction, status: string, movers: readonly Mover[]): boolean {
  const r = rowOf(action);
  return movers.includes(r.by) && r.from.includes(status as ContractStatus);
}

/** The status after the action, or FORBIDDEN / INVALID_STATE. */
export function transition(action: ContractAction, status: string, movers: readonly Mover[]): ContractStatus {
  const r = rowOf(action);
  if (!movers.includes(r.by)) throw new AppError('FORBIDDEN');
  if (!r.from.includes(status as ContractStatus)) throw new AppError('INVALID_STATE');
  return r.to ?? (status as ContractStatus);
}
