import { eq } from 'drizzle-orm';
import type { ContractSummary, ContractView } from '../../../shared/contracts/contracts.js';
import { timelineEvent } from '../../../shared/contracts/timeline.js';
import type { Actor } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { DbOrTx } from '../../db/client.js';
import { findFilesMeta } from '../files/repository.js';
import { users } from '../identity/schema.js';
import { organisationName } from '../catalog/repository.js';
import { formOf } from './review-contract.js';
import { type ContractPart, partOf } from './load-contract.js';
import { type ContractRow, findContract, listContractEvents, listRelated } from './repository.js';
import { allows, type ContractAction } from './transitions.js';

const DAY = 24 * 60 * 60 * 1000;
const MOVES: ContractAction[] = ['edit', 'submit', 'withdraw', 'return', 'reclassify', 'refuse', 'approve'];

/** What the caller may do now (the UI shows only these). */
export function contractActions(c: ContractRow, part: ContractPart, related: ContractRow[] = []): string[] {
  const out: string[] = MOVES.filter((a) => {
    if (a === 'edit' && c.kind === 'termination') return false;
    const as = ['return', 'reclassify', 'refuse', 'approve'].includes(a) ? part.movers.filter((m) => m === 'registrar') : part.movers.filter((m) => m === 'applicant');
    return allows(a, c.status, as);
  });
  if (c.status === 'approved') out.push('certificate');
  const open = related.some((r) => ['draft', 'submitted', 'returned'].includes(r.status));
  const ended = related.some((r) => r.kind === 'termination' && r.status === 'approved');
  if (c.kind === 'original' && c.status === 'approved' && part.movers.includes('applicant') && !open && !ended) out.push('amend', 'terminate');
  return out;
}

export function presentSummary(c: ContractRow, orgName: string, part: ContractPart, now: Date, related: ContractRow[] = []): ContractSummary {
  return {
    id: c.id,
    kind: c.kind as ContractSummary['kind'],
    parentId: c.parentId,
    status: c.status as ContractSummary['status'],
    type: c.type as ContractSummary['type'],
    subType: c.subType,
    projectName: c.projectName,
    organisation: { id: c.organisationId, name: orgName },
    sellerName: (c.seller as { name: string }).name,
    buyerName: (c.buyer as { name: string }).name,
    contractAmountFen: c.contractAmountFen,
    techAmountFen: c.techAmountFen,
    registrationNumber: c.registrationNumber,
    registeredAt: c.registeredAt?.toISOString() ?? null,
    submittedAt: c.submittedAt?.toISOString() ?? null,
    reviewDueAt: c.reviewDueAt?.toISOString() ?? null,
    daysLeft: c.status === 'submitted' && c.reviewDueAt ? Math.ceil((c.reviewDueAt.getTime() - now.getTime()) / DAY) : null,
    createdAt: c.createdAt.toISOString(),
    actions: contractActions(c, part, related),
  };
}

export async function presentContract(db: DbOrTx, actor: Actor, id: string, now: Date): Promise<ContractView> {
  const c = await findContract(db, id);
  if (!c) throw new AppError('NOT_FOUND');
  const part = partOf(actor, c);
  if (!part.reader) throw new AppError('NOT_FOUND');
  const related = await listRelated(db, c);
  const [file] = c.contractFileId ? await findFilesMeta(db, [c.contractFileId]) : [];
  const [reviewer] = c.reviewerId ? await db.select({ id: users.id, displayName: users.displayName }).from(users).where(eq(users.id, c.reviewerId)) : [];
  const events = await listContractEvents(db, id);
  const form = formOf(c);
  return {
    ...presentSummary(c, await organisationName(db, c.organisationId), part, now, related),
    form: { ...form, deductions: form.deductions ?? [] },
    deductionsFen: c.contractAmountFen - c.techAmountFen,
    performedAmountFen: c.performedAmountFen,
    performedTechFen: c.performedTechFen,
    contractFile: file ? { id: file.id, filename: file.filename, sizeBytes: file.sizeBytes } : null,
    returnReason: c.returnReason,
    refusalReason: (c.refusalReason ?? null) as ContractView['refusalReason'],
    refusalNote: c.refusalNote,
    reclassifiedFrom: c.reclassifiedFrom,
    reviewer: reviewer ?? null,
    counted: { contracts: c.countedContracts, contractFen: c.countedContractFen, techFen: c.countedTechFen },
    related: related.map((r) => ({ id: r.id, kind: r.kind as ContractView['kind'], status: r.status as ContractView['status'], registrationNumber: r.registrationNumber, registeredAt: r.registeredAt?.toISOString() ?? null, techAmountFen: r.techAmountFen })),
    events: events.map(timelineEvent),
  };
}
