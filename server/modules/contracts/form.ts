import { and, eq } from 'drizzle-orm';
import { type ContractForm, isSubTypeOf, type Party } from '../../../shared/contracts/contracts.js';
import type { Actor } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { DbOrTx } from '../../db/client.js';
import { achievements, demands } from '../catalog/schema.js';
import { assertFilesUsable } from '../files/read-file.js';
import { findFilesMeta } from '../files/repository.js';
import { matchCases } from '../matchmaking/schema.js';
import { creditCodeField } from '../organisations/register-organisation.js';
import { findDeal } from './prefill.js';
import type { ContractInsert } from './repository.js';

type Problem = { path: string; zh: string; en: string };

/** Natural persons and parties abroad have no unified social credit code. */
function needsCreditCode(p: Party): boolean {
  return p.countryCode === 'CN' && p.nature !== 'individual';
}

function partyProblems(side: 'seller' | 'buyer', p: Party): Problem[] {
  const out: Problem[] = [];
  if (needsCreditCode(p)) {
    if (!p.creditCode) out.push({ path: `${side}.creditCode`, zh: '境内法人和其他组织须填写18位统一社会信用代码', en: 'A domestic organisation needs its 18-character unified social credit code' });
    else {
      const c = creditCodeField(`${side}.creditCode`, p.creditCode);
      if (c) out.push(c);
    }
  }
  if (p.countryCode !== 'CN' && p.regionCode) out.push({ path: `${side}.regionCode`, zh: '境外当事人不填写行政区划代码', en: 'A party abroad has no GB/T 2260 region code' });
  return out;
}

/** Sum of the itemised non-technical deductions, in fen. */
export function deductionsTotal(form: Pick<ContractForm, 'deductions'>): number {
  return form.deductions.reduce((s, d) => s + d.amountFen, 0);
}

/**
 * 技术交易额: the contract amount less the non-technical deductions. Never
 * negative: deductions above the contract amount are a field error, not a
 * zero.
 */
export function techAmountOf(form: Pick<ContractForm, 'contractAmountFen' | 'deductions'>): number {
  return form.contractAmountFen - deductionsTotal(form);
}

/**
 * Every cross-field rule of the registration form, as field errors at once:
 * sub-type of the type, dates in order, parties' codes, deductions not above
 * the contract amount, the payment schedule summing to it exactly, expected
 * investment and output for transfers, links that exist, the signed PDF.
 */
export async function checkForm(db: DbOrTx, actor: Actor, form: ContractForm, opts: { requireFile: boolean }): Promise<void> {
  const problems: Problem[] = [];
  if (!isSubTypeOf(form.type, form.subType)) problems.push({ path: 'subType', zh: '合同子类与合同类别不符', en: 'The sub-type does not belong to the contract type' });
  if (form.validTo < form.validFrom) problems.push({ path: 'validTo', zh: '有效期截止日不能早于起始日', en: 'The validity must end after it starts' });
  problems.push(...partyProblems('seller', form.seller), ...partyProblems('buyer', form.buyer));
  if (form.seller.creditCode && form.buyer.creditCode && form.seller.creditCode === form.buyer.creditCode) {
    problems.push({ path: 'buyer.creditCode', zh: '买卖双方不能是同一单位', en: 'Buyer and seller cannot be the same organisation' });
  }
  const deducted = deductionsTotal(form);
  if (deducted > form.contractAmountFen) {
    problems.push({ path: 'deductions', zh: '非技术性款项合计不能超过合同成交金额', en: 'The non-technical deductions exceed the contract amount' });
  }
  const scheduled = form.paymentSchedule.reduce((s, p) => s + p.amountFen, 0);
  if (scheduled !== form.contractAmountFen) {
    problems.push({
      path: 'paymentSchedule',
      zh: `支付计划合计 ${(scheduled / 100).toFixed(2)} 元，须等于合同成交金额 ${(form.contractAmountFen / 100).toFixed(2)} 元`,
      en: `The payment schedule sums to CNY ${(scheduled / 100).toFixed(2)}; it must equal the contract amount CNY ${(form.contractAmountFen / 100).toFixed(2)}`,
    });
  }
  if (form.type === 'transfer') {
    if (form.expectedInvestmentFen === undefined) problems.push({ path: 'expectedInvestmentFen', zh: '技术转让合同须填写预计新增投资', en: 'A transfer contract needs the expected new investment' });
    if (form.expectedOutputFen === undefined) problems.push({ path: 'expectedOutputFen', zh: '技术转让合同须填写预计新增产值', en: 'A transfer contract needs the expected new output' });
  }
  if (form.achievementId) {
    const [a] = await db.select({ id: achievements.id }).from(achievements).where(eq(achievements.id, form.achievementId));
    if (!a) problems.push({ path: 'achievementId', zh: '关联的成果不存在', en: 'The linked achievement does not exist' });
  }
  if (form.demandId) {
    const [d] = await db.select({ id: demands.id }).from(demands).where(eq(demands.id, form.demandId));
    if (!d) problems.push({ path: 'demandId', zh: '关联的需求不存在', en: 'The linked demand does not exist' });
  }
  if (form.caseId) {
    const org = actor.organisationId ?? '';
    const [c] = await db
      .select({ id: matchCases.id, a: matchCases.initiatorOrgId, b: matchCases.counterpartOrgId })
      .from(matchCases)
      .where(and(eq(matchCases.id, form.caseId)));
    if (!c || (c.a !== org && c.b !== org)) problems.push({ path: 'caseId', zh: '关联的对接不存在或与本单位无关', en: 'The matchmaking case does not exist or is not your organisation’s' });
  }
  if (form.dealId) {
    const deal = await findDeal(db, form.dealId);
    if (!deal || deal.sellerOrgId !== actor.organisationId) {
      problems.push({ path: 'dealId', zh: '成交记录不存在、尚未生效或不属于本单位', en: 'The deal does not exist, is not final, or is not your organisation’s' });
    } else if (form.achievementId && form.achievementId !== deal.achievementId) {
      problems.push({ path: 'achievementId', zh: '关联成果与成交记录的成果不一致', en: 'The achievement differs from the deal’s' });
    }
  }
  if (form.contractFileId) {
    try {
      await assertFilesUsable(db, actor, [form.contractFileId]);
      const [f] = await findFilesMeta(db, [form.contractFileId]);
      if (f && f.contentType !== 'application/pdf') problems.push({ path: 'contractFileId', zh: '合同文本须为 PDF 文件', en: 'The signed contract must be a PDF' });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      problems.push({ path: 'contractFileId', zh: '合同文本文件不存在或不属于本单位', en: 'The contract file does not exist or belongs to another organisation' });
    }
  } else if (opts.requireFile) {
    problems.push({ path: 'contractFileId', zh: '请上传已签署的合同文本（PDF）', en: 'Upload the signed contract (PDF)' });
  }
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', { fields: problems });
}

/** The form as table columns (amounts computed here, never taken from the client). */
export function formColumns(form: ContractForm): Omit<ContractInsert, 'organisationId'> {
  return {
    type: form.type,
    subType: form.subType,
    projectName: form.projectName,
    signedOn: form.signedOn,
    signedPlace: form.signedPlace,
    validFrom: form.validFrom,
    validTo: form.validTo,
    seller: form.seller,
    buyer: form.buyer,
    sellerRegion: form.seller.countryCode === 'CN' ? (form.seller.regionCode ?? '') : '',
    buyerRegion: form.buyer.countryCode === 'CN' ? (form.buyer.regionCode ?? '') : '',
    buyerOrgId: form.buyer.organisationId ?? null,
    techField: form.techField,
    industrySection: form.industrySection ?? null,
    ipType: form.ipType,
    planCategory: form.planCategory,
    contractAmountFen: form.contractAmountFen,
    deductions: form.deductions,
    techAmountFen: techAmountOf(form),
    paymentSchedule: form.paymentSchedule,
    expectedInvestmentFen: form.expectedInvestmentFen ?? null,
    expectedOutputFen: form.expectedOutputFen ?? null,
    achievementId: form.achievementId ?? null,
    demandId: form.demandId ?? null,
    caseId: form.caseId ?? null,
    dealId: form.dealId ?? null,
    contractFileId: form.contractFileId ?? null,
    note: form.note ?? null,
  };
}
