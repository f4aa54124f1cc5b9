import type { Actor } from '../../core/access.js';
import type { Tx } from '../../db/client.js';
import { eq } from 'drizzle-orm';
import { recordAudit } from '../audit/record-audit.js';
import { matchCases } from '../matchmaking/schema.js';
import { loadDistrict } from '../organisations/district-config.js';
import { districtToday } from '../projects/due-dates.js';
import { currentAmounts } from './edit-contract.js';
import { loadContractFor } from './load-contract.js';
import { proposeMajorIfEligible } from './major-achievements.js';
import { notifyApplicant } from './notices.js';
import { registrationNumber } from './numbering.js';
import { type ContractRow, findContract, insertContractEvent, nextSerial, updateContract } from './repository.js';
import { transition } from './transitions.js';

/** What an approved row adds to the statistics from its registration date. */
async function countedDeltas(tx: Tx, row: ContractRow): Promise<{ countedContracts: number; countedContractFen: number; countedTechFen: number }> {
  if (row.kind === 'original') return { countedContracts: 1, countedContractFen: row.contractAmountFen, countedTechFen: row.techAmountFen };
  const parent = (await findContract(tx, row.parentId!, { forUpdate: true }))!;
  const now = await currentAmounts(tx, parent);
  if (row.kind === 'amendment') return { countedContracts: 0, countedContractFen: row.contractAmountFen - now.contractFen, countedTechFen: row.techAmountFen - now.techFen };
  return { countedContracts: 0, countedContractFen: (row.performedAmountFen ?? 0) - now.contractFen, countedTechFen: (row.performedTechFen ?? 0) - now.techFen };
}

/**
 * Registrar: approve (认定登记). In one transaction: the registration
 * number from the locked region-year counter, the amounts counted from
 * today, the event, the applicant's notice, a major-achievement proposal
 * when the criteria are met, and the audit row.
 */
export async function approveContract(tx: Tx, actor: Actor, id: string, input: { note?: string }, now: Date): Promise<ContractRow> {
  const { row, part } = await loadContractFor(tx, actor, id);
  const to = transition('approve', row.status, part.movers.filter((m) => m === 'registrar'));
  const region = loadDistrict().district.regionCode;
  const year = Number(districtToday(now).slice(0, 4));
  const number = registrationNumber(region, year, await nextSerial(tx, region, year));
  const deltas = await countedDeltas(tx, row);
  const updated = await updateContract(tx, id, { status: to, registrationNumber: number, registeredAt: now, reviewerId: actor.userId, reviewedAt: now, ...deltas, updatedAt: now });
  await insertContractEvent(tx, { contractId: id, type: 'approved', actorUserId: actor.userId, fromStatus: row.status, toStatus: to, body: [number, input.note].filter(Boolean).join('：'), now });
  await notifyApplicant(tx, updated, 'contract.approved', { number });
  // The matchmaking case this contract came from now shows it (match_cases.contract_id is kept for this).
  if (row.kind === 'original' && row.caseId) await tx.update(matchCases).set({ contractId: id }).where(eq(matchCases.id, row.caseId));
  await proposeMajorIfEligible(tx, actor, updated, now);
  await recordAudit(tx, actor, {
    action: 'contract.approve',
    entityType: 'tech_contract',
    entityId: id,
    changes: { status: { before: row.status, after: to }, registrationNumber: number, ...deltas },
  });
  return updated;
}
