import { CONTRACT_TYPE_LABELS, isSubTypeOf } from '../../../shared/contracts/contracts.js';
import type { Actor } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { districtToday } from '../projects/due-dates.js';
import { contractsConfig } from './config.js';
import { checkForm } from './form.js';
import { loadContractFor } from './load-contract.js';
import { notifyApplicant, notifyRegistrars } from './notices.js';
import { type ContractRow, insertContractEvent, updateContract } from './repository.js';
import { transition } from './transitions.js';
import type { ContractForm } from '../../../shared/contracts/contracts.js';

const DAY = 24 * 60 * 60 * 1000;

/** The form of a stored row, for re-checking it on submission. */
export function formOf(row: ContractRow): ContractForm {
  const opt = <T>(v: T | null) => (v === null ? undefined : v);
  return {
    type: row.type as ContractForm['type'],
    subType: row.subType,
    projectName: row.projectName,
    signedOn: row.signedOn,
    signedPlace: row.signedPlace,
    validFrom: row.validFrom,
    validTo: row.validTo,
    seller: row.seller as ContractForm['seller'],
    buyer: row.buyer as ContractForm['buyer'],
    techField: row.techField,
    industrySection: opt(row.industrySection),
    ipType: row.ipType,
    planCategory: row.planCategory as ContractForm['planCategory'],
    contractAmountFen: row.contractAmountFen,
    deductions: row.deductions as ContractForm['deductions'],
    paymentSchedule: row.paymentSchedule as ContractForm['paymentSchedule'],
    expectedInvestmentFen: opt(row.expectedInvestmentFen),
    expectedOutputFen: opt(row.expectedOutputFen),
    achievementId: opt(row.achievementId),
    demandId: opt(row.demandId),
    caseId: opt(row.caseId),
    dealId: opt(row.dealId),
    contractFileId: opt(row.contractFileId),
    note: opt(row.note),
  };
}

/**
 * The seller side submits (or resubmits after a return): the form must be
 * complete with the signed PDF; the registrar's 30-day deadline starts now.
 */
export async function submitContract(tx: Tx, actor: Actor, id: string, _input: unknown, now: Date): Promise<ContractRow> {
  const { row, part } = await loadContractFor(tx, actor, id);
  const to = transition('submit', row.status, part.movers.filter((m) => m === 'applicant'));
  if (row.kind === 'termination') {
    if (!row.contractFileId) throw AppError.field('contractFileId', '请上传终止协议或相关证明（PDF）', 'Upload the termination agreement (PDF)');
  } else {
    await checkForm(tx, actor, formOf(row), { requireFile: true });
  }
  const dueAt = new Date(now.getTime() + contractsConfig().registration.reviewDays * DAY);
  const updated = await updateContract(tx, id, { status: to, submittedAt: now, reviewDueAt: dueAt, remindedAt: null, returnReason: null, updatedAt: now });
  await insertContractEvent(tx, { contractId: id, type: 'submitted', actorUserId: actor.userId, fromStatus: row.status, toStatus: to, now });
  await notifyRegistrars(tx, updated, 'contract.submitted', { dueDate: districtToday(dueAt) });
  await recordAudit(tx, actor, { action: 'contract.submit', entityType: 'tech_contract', entityId: id, changes: { status: { before: row.status, after: to }, reviewDueAt: dueAt.toISOString() } });
  return updated;
}

/** The seller side withdraws an application that is not decided yet. */
export async function withdrawContract(tx: Tx, actor: Actor, id: string, _input: unknown, now: Date): Promise<ContractRow> {
  const { row, part } = await loadContractFor(tx, actor, id);
  const to = transition('withdraw', row.status, part.movers.filter((m) => m === 'applicant'));
  const updated = await updateContract(tx, id, { status: to, updatedAt: now });
  await insertContractEvent(tx, { contractId: id, type: 'withdrawn', actorUserId: actor.userId, fromStatus: row.status, toStatus: to, now });
  await recordAudit(tx, actor, { action: 'contract.withdraw', entityType: 'tech_contract', entityId: id, changes: { status: { before: row.status, after: to } } });
  return updated;
}

/** Registrar: return to the applicant with reasons (the deadline stops until resubmission). */
export async function returnContract(tx: Tx, actor: Actor, id: string, input: { reason: string }, now: Date): Promise<ContractRow> {
  const { row, part } = await loadContractFor(tx, actor, id);
  const to = transition('return', row.status, part.movers.filter((m) => m === 'registrar'));
  const updated = await updateContract(tx, id, { status: to, returnReason: input.reason, reviewerId: actor.userId, reviewedAt: now, reviewDueAt: null, updatedAt: now });
  await insertContractEvent(tx, { contractId: id, type: 'returned', actorUserId: actor.userId, fromStatus: row.status, toStatus: to, body: input.reason, now });
  await notifyApplicant(tx, updated, 'contract.returned', { reason: input.reason });
  await recordAudit(tx, actor, { action: 'contract.return', entityType: 'tech_contract', entityId: id, changes: { status: { before: row.status, after: to }, reason: input.reason } });
  return updated;
}

/** Registrar: change the type and sub-type (认定 as another type); the application stays under review. */
export async function reclassifyContract(tx: Tx, actor: Actor, id: string, input: { type: string; subType: string; note: string }, now: Date): Promise<ContractRow> {
  const { row, part } = await loadContractFor(tx, actor, id);
  transition('reclassify', row.status, part.movers.filter((m) => m === 'registrar'));
  if (!isSubTypeOf(input.type, input.subType)) throw AppError.field('subType', '合同子类与合同类别不符', 'The sub-type does not belong to the contract type');
  if (input.type === row.type && input.subType === row.subType) throw AppError.field('type', '类别未改变', 'The type is unchanged');
  if (input.type === 'transfer' && (row.expectedInvestmentFen === null || row.expectedOutputFen === null)) {
    throw AppError.field('type', '改为技术转让须先由申请方补填预计新增投资和产值（请退回）', 'A transfer needs expected investment and output from the applicant; return it instead');
  }
  const before = `${row.type}.${row.subType}`;
  const updated = await updateContract(tx, id, { type: input.type, subType: input.subType, reclassifiedFrom: row.reclassifiedFrom ?? before, reviewerId: actor.userId, updatedAt: now });
  await insertContractEvent(tx, { contractId: id, type: 'reclassified', actorUserId: actor.userId, body: `${before} → ${input.type}.${input.subType}：${input.note}`, now });
  const label = CONTRACT_TYPE_LABELS[input.type as keyof typeof CONTRACT_TYPE_LABELS];
  await notifyApplicant(tx, updated, 'contract.reclassified', { typeZh: label.zh, typeEn: label.en, note: input.note });
  await recordAudit(tx, actor, {
    action: 'contract.reclassify',
    entityType: 'tech_contract',
    entityId: id,
    changes: { type: { before: row.type, after: input.type }, subType: { before: row.subType, after: input.subType }, note: input.note },
  });
  return updated;
}

/** Registrar: refuse (oral contracts, non-technical contracts, other with a note). Final. */
export async function refuseContract(tx: Tx, actor: Actor, id: string, input: { reason: string; note?: string }, now: Date): Promise<ContractRow> {
  const { row, part } = await loadContractFor(tx, actor, id);
  const to = transition('refuse', row.status, part.movers.filter((m) => m === 'registrar'));
  const updated = await updateContract(tx, id, { status: to, refusalReason: input.reason, refusalNote: input.note ?? null, reviewerId: actor.userId, reviewedAt: now, updatedAt: now });
  await insertContractEvent(tx, { contractId: id, type: 'refused', actorUserId: actor.userId, fromStatus: row.status, toStatus: to, body: [input.reason, input.note].filter(Boolean).join('：'), now });
  await notifyApplicant(tx, updated, 'contract.refused', { reason: input.reason, note: input.note ?? '' });
  await recordAudit(tx, actor, { action: 'contract.refuse', entityType: 'tech_contract', entityId: id, changes: { status: { before: row.status, after: to }, reason: input.reason } });
  return updated;
}
