import { type Actor, permissionsOf } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { DbOrTx } from '../../db/client.js';
import { type ContractRow, findContract } from './repository.js';
import type { Mover } from './transitions.js';
import './policy.js';

/** The caller's part in a registration: its applicant organisation, the registrar, or a bureau reader. */
export type ContractPart = { movers: Mover[]; reader: boolean };

export function partOf(actor: Actor, c: Pick<ContractRow, 'organisationId'>): ContractPart {
  const held = permissionsOf(actor);
  const movers: Mover[] = [];
  if (held.includes('act:contract:org') && actor.organisationId !== null && actor.organisationId === c.organisationId) movers.push('applicant');
  if (held.includes('register:contract:any')) movers.push('registrar');
  return { movers, reader: movers.length > 0 || held.includes('read:contract:any') };
}

/** Load (and by default lock) a registration the caller may see; anything else is NOT_FOUND. */
export async function loadContractFor(db: DbOrTx, actor: Actor, id: string, opts: { forUpdate?: boolean } = { forUpdate: true }): Promise<{ row: ContractRow; part: ContractPart }> {
  const row = await findContract(db, id, opts);
  if (!row) throw new AppError('NOT_FOUND');
  const part = partOf(actor, row);
  if (!part.reader) throw new AppError('NOT_FOUND');
  return { row, part };
}
