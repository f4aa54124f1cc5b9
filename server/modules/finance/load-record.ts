import { type Actor, permissionsOf } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { DbOrTx } from '../../db/client.js';
import { type FinanceRow, findRecord } from './repository.js';
import type { Mover } from './transitions.js';
import './policy.js';

/** The caller's part in a record: its organisation (filer), a reviewer, or a bureau reader. */
export type FinancePart = { movers: Mover[]; reader: boolean };

export function partOf(actor: Actor, r: Pick<FinanceRow, 'organisationId'>): FinancePart {
  const held = permissionsOf(actor);
  const movers: Mover[] = [];
  if (held.includes('act:financing:org') && actor.organisationId !== null && actor.organisationId === r.organisationId) movers.push('filer');
  if (held.includes('review:financing:any')) movers.push('reviewer');
  return { movers, reader: movers.length > 0 || held.includes('read:financing:any') };
}

/** Load (and by default lock) a record the caller may see; anything else is NOT_FOUND. */
export async function loadRecordFor(db: DbOrTx, actor: Actor, id: string, opts: { forUpdate?: boolean } = { forUpdate: true }): Promise<{ row: FinanceRow; part: FinancePart }> {
  const row = await findRecord(db, id, opts);
  if (!row) throw new AppError('NOT_FOUND');
  const part = partOf(actor, row);
  if (!part.reader) throw new AppError('NOT_FOUND');
  return { row, part };
}

/** Only the movers of one side (a reviewer who is also a member acts as one or the other per action). */
export const as = (part: FinancePart, side: Mover): Mover[] => part.movers.filter((m) => m === side);
