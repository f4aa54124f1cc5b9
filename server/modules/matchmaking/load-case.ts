import { type Actor, permissionsOf } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { DbOrTx } from '../../db/client.js';
import { type CaseRow, findCase } from './repository.js';
import type { Mover } from './transitions.js';
import './policy.js';

/** The caller's part in a case: one of its organisations, its broker, the bureau (or several). */
export type CasePart = {
  side: 'initiator' | 'counterpart' | null;
  broker: boolean;
  bureau: boolean;
  /** How the caller moves the case: as their side, else as its broker; null for onlookers. */
  mover: Mover | null;
};

/**
 * Worked out from the case itself, not from `can(…)` with an organisation:
 * a bureau user holds `any` scopes and must not count as either side.
 */
export function partOf(actor: Actor, c: Pick<CaseRow, 'initiatorOrgId' | 'counterpartOrgId' | 'brokerUserId'>): CasePart {
  const held = permissionsOf(actor);
  const member = held.includes('act:case:org') && actor.organisationId !== null;
  const side = member && actor.organisationId === c.initiatorOrgId ? 'initiator' : member && actor.organisationId === c.counterpartOrgId ? 'counterpart' : null;
  const broker = held.includes('act:case:own') && actor.userId !== null && c.brokerUserId === actor.userId;
  const bureau = held.includes('read:case:any');
  return { side, broker, bureau, mover: side ?? (broker ? 'broker' : null) };
}

export function maySee(part: CasePart): boolean {
  return part.side !== null || part.broker || part.bureau;
}

/**
 * The opening of every case operation: load (and lock, by default) the case,
 * then check the caller may see it. A case the caller is no part of is
 * NOT_FOUND, so ids reveal nothing to outsiders.
 */
export async function loadCaseFor(tx: DbOrTx, actor: Actor, id: string, opts: { forUpdate?: boolean } = { forUpdate: true }): Promise<{ row: CaseRow; part: CasePart }> {
  const row = await findCase(tx, id, opts);
  if (!row) throw new AppError('NOT_FOUND');
  const part = partOf(actor, row);
  if (!maySee(part)) throw new AppError('NOT_FOUND');
  return { row, part };
}

/** The other organisation's side. */
export function otherSide(side: 'initiator' | 'counterpart'): 'initiator' | 'counterpart' {
  return side === 'initiator' ? 'counterpart' : 'initiator';
}
