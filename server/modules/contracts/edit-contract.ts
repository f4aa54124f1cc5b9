import type { z } from 'zod';
import type { ContractForm, TerminationBody } from '../../../shared/contracts/contracts.js';
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { DbOrTx, Tx } from '../../db/client.js';
import { diff, recordAudit } from '../audit/record-audit.js';
import { findOrganisation } from '../organisations/repository.js';
import { checkForm, formColumns } from './form.js';
import { loadContractFor } from './load-contract.js';
import { type ContractRow, insertContract, insertContractEvent, listRelated, updateContract } from './repository.js';
import { transition } from './transitions.js';

/** The seller side is always the caller's organisation. */
function asSeller(actor: Actor, form: ContractForm): ContractForm {
  return { ...form, seller: { ...form.seller, organisationId: actor.organisationId ?? undefined } };
}

async function requireVerifiedOrg(tx: Tx, actor: Actor): Promise<string> {
  requireCan(actor, 'create', 'contract', { organisationId: actor.organisationId });
  if (!actor.organisationId) throw new AppError('FORBIDDEN');
  const org = await findOrganisation(tx, actor.organisationId);
  if (org?.verificationStatus !== 'verified') throw new AppError('ORG_NOT_VERIFIED');
  return actor.organisationId;
}

/** A new registration (draft) for the caller's verified organisation as the seller side. */
export async function createContract(tx: Tx, actor: Actor, input: ContractForm, now: Date): Promise<ContractRow> {
  const orgId = await requireVerifiedOrg(tx, actor);
  const form = asSeller(actor, input);
  await checkForm(tx, actor, form, { requireFile: false });
  const row = await insertContract(tx, { ...formColumns(form), organisationId: orgId, createdBy: actor.userId, kind: 'original', status: 'draft', createdAt: now, updatedAt: now });
  await insertContractEvent(tx, { contractId: row.id, type: 'created', actorUserId: actor.userId, toStatus: 'draft', now });
  await recordAudit(tx, actor, {
    action: 'contract.create',
    entityType: 'tech_contract',
    entityId: row.id,
    changes: { status: { before: null, after: 'draft' }, type: row.type, contractAmountFen: row.contractAmountFen, techAmountFen: row.techAmountFen },
  });
  return row;
}

/** Edit a draft or returned registration (the whole form, re-checked). */
export async function editContract(tx: Tx, actor: Actor, id: string, input: ContractForm, now: Date): Promise<ContractRow> {
  const { row, part } = await loadContractFor(tx, actor, id);
  transition('edit', row.status, part.movers);
  if (row.kind === 'termination') throw new AppError('INVALID_STATE');
  const form = asSeller(actor, input);
  await checkForm(tx, actor, form, { requireFile: false });
  const cols = formColumns(form);
  const updated = await updateContract(tx, id, { ...cols, updatedAt: now });
  await insertContractEvent(tx, { contractId: id, type: 'edited', actorUserId: actor.userId, now });
  await recordAudit(tx, actor, {
    action: 'contract.edit',
    entityType: 'tech_contract',
    entityId: id,
    changes: diff(
      { type: row.type, subType: row.subType, projectName: row.projectName, contractAmountFen: row.contractAmountFen, techAmountFen: row.techAmountFen },
      { type: updated.type, subType: updated.subType, projectName: updated.projectName, contractAmountFen: updated.contractAmountFen, techAmountFen: updated.techAmountFen },
    ),
  });
  return updated;
}

/** An approved original the caller's organisation may change (amendment or termination). */
async function changeable(tx: Tx, actor: Actor, id: string): Promise<ContractRow> {
  const { row, part } = await loadContractFor(tx, actor, id);
  if (!part.movers.includes('applicant')) throw new AppError('FORBIDDEN');
  if (row.kind !== 'original' || row.status !== 'approved') throw new AppError('INVALID_STATE');
  const terminated = (await listRelated(tx, row)).some((x) => x.kind === 'termination' && x.status === 'approved');
  if (terminated) throw new AppError('INVALID_STATE', { message: { zh: '该合同已登记终止，不能再变更。', en: 'This contract’s termination is registered; it cannot change any more.' } });
  return row;
}

function openChangeConflict(e: unknown): never {
  if (e instanceof Error && /tech_contracts_open_change/.test(`${e.message} ${(e as { cause?: Error }).cause?.message ?? ''}`)) {
    throw new AppError('CONFLICT', { message: { zh: '该合同已有一项变更或终止登记正在办理。', en: 'An amendment or termination of this contract is already under way.' } });
  }
  throw e;
}

/**
 * Start the registration of an amendment (变更): a new application carrying
 * the whole changed form. Once approved it counts the change of the amounts
 * from its own registration date.
 */
export async function amendContract(tx: Tx, actor: Actor, id: string, input: ContractForm, now: Date): Promise<ContractRow> {
  const parent = await changeable(tx, actor, id);
  const form = asSeller(actor, input);
  await checkForm(tx, actor, form, { requireFile: false });
  const row = await insertContract(tx, {
    ...formColumns(form),
    organisationId: parent.organisationId,
    createdBy: actor.userId,
    kind: 'amendment',
    parentId: parent.id,
    status: 'draft',
    createdAt: now,
    updatedAt: now,
  }).catch(openChangeConflict);
  await insertContractEvent(tx, { contractId: row.id, type: 'created', actorUserId: actor.userId, toStatus: 'draft', body: `变更 ${parent.registrationNumber}`, now });
  await recordAudit(tx, actor, { action: 'contract.amend', entityType: 'tech_contract', entityId: row.id, changes: { parentId: parent.id, status: { before: null, after: 'draft' } } });
  return row;
}

/**
 * Start the registration of a termination (终止): the performed part keeps
 * counting, the rest is taken off from the termination's registration date.
 */
export async function terminateContract(tx: Tx, actor: Actor, id: string, input: z.output<typeof TerminationBody>, now: Date): Promise<ContractRow> {
  const parent = await changeable(tx, actor, id);
  const current = await currentAmounts(tx, parent);
  const problems: { path: string; zh: string; en: string }[] = [];
  if (input.performedAmountFen > current.contractFen) problems.push({ path: 'performedAmountFen', zh: '已履行金额不能超过合同现登记金额', en: 'The performed amount exceeds the registered contract amount' });
  if (input.performedTechFen > current.techFen) problems.push({ path: 'performedTechFen', zh: '已履行技术交易额不能超过现登记技术交易额', en: 'The performed technical amount exceeds the registered technical amount' });
  if (input.performedTechFen > input.performedAmountFen) problems.push({ path: 'performedTechFen', zh: '已履行技术交易额不能超过已履行金额', en: 'The performed technical amount exceeds the performed amount' });
  if (problems.length) throw new AppError('VALIDATION_FAILED', { fields: problems });
  const { id: _id, createdAt: _c, updatedAt: _u, registrationNumber: _n, registeredAt: _r, ...copy } = parent;
  const row = await insertContract(tx, {
    ...copy,
    kind: 'termination',
    parentId: parent.id,
    status: 'draft',
    createdBy: actor.userId,
    contractAmountFen: current.contractFen,
    techAmountFen: current.techFen,
    performedAmountFen: input.performedAmountFen,
    performedTechFen: input.performedTechFen,
    note: input.note,
    contractFileId: input.contractFileId ?? null,
    submittedAt: null,
    reviewDueAt: null,
    remindedAt: null,
    reviewerId: null,
    reviewedAt: null,
    returnReason: null,
    refusalReason: null,
    refusalNote: null,
    reclassifiedFrom: null,
    countedContracts: 0,
    countedContractFen: 0,
    countedTechFen: 0,
    createdAt: now,
    updatedAt: now,
  }).catch(openChangeConflict);
  await insertContractEvent(tx, { contractId: row.id, type: 'created', actorUserId: actor.userId, toStatus: 'draft', body: `终止 ${parent.registrationNumber}`, now });
  await recordAudit(tx, actor, {
    action: 'contract.terminate',
    entityType: 'tech_contract',
    entityId: row.id,
    changes: { parentId: parent.id, performedAmountFen: input.performedAmountFen, performedTechFen: input.performedTechFen },
  });
  return row;
}

/**
 * What an original counts now: the sum of the counted deltas of it and its
 * approved amendments and terminations.
 */
export async function currentAmounts(tx: DbOrTx, original: ContractRow): Promise<{ contractFen: number; techFen: number }> {
  const all = [original, ...(await listRelated(tx, original))].filter((r) => r.status === 'approved');
  return { contractFen: all.reduce((s, r) => s + r.countedContractFen, 0), techFen: all.reduce((s, r) => s + r.countedTechFen, 0) };
}
