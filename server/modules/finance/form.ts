import { type FinanceForm, KINDS_WITHOUT_TERM } from '../../../shared/contracts/finance.js';
import { parsePatentNumber, patentNumberProblem } from '../../../shared/patent-number.js';
import type { Actor } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { DbOrTx } from '../../db/client.js';
import { assertFilesUsable } from '../files/read-file.js';
import { districtToday } from '../projects/due-dates.js';
import { financingInstitutions } from '../registries/lookups.js';
import type { FinanceInsert, FinanceRow } from './repository.js';

type Problem = { path: string; zh: string; en: string };

const yuan = (fen: number) => (fen / 100).toFixed(2);

/**
 * Every cross-field rule of the form, as field errors at once, and the
 * pledged patents normalised (ZL + 12 digits + . + check). `requireFile`
 * on submission: the contract or policy must be there.
 */
export async function checkForm(db: DbOrTx, actor: Actor, form: FinanceForm, opts: { requireFile: boolean; now: Date }): Promise<{ patents: string[] }> {
  const problems: Problem[] = [];
  const today = districtToday(opts.now);
  if (form.signedOn > today) problems.push({ path: 'signedOn', zh: '签订日期不能晚于今天', en: 'The date signed cannot be in the future' });
  if (!KINDS_WITHOUT_TERM.includes(form.kind) && !form.termEndOn) {
    problems.push({ path: 'termEndOn', zh: '请填写到期日（贷款到期、保险期满或担保期满）', en: 'Enter the term end (loan maturity, end of cover or of the guarantee)' });
  }
  if (form.termEndOn && form.termEndOn < form.signedOn) problems.push({ path: 'termEndOn', zh: '到期日不能早于签订日期', en: 'The term cannot end before the date signed' });

  const patents: string[] = [];
  if (form.kind === 'patent_pledge_loan') {
    if (form.pledgedPatents.length === 0) problems.push({ path: 'pledgedPatents', zh: '知识产权质押贷款须至少填写一项质押专利', en: 'A patent pledge loan needs at least one pledged patent' });
    const maxYear = Number(today.slice(0, 4));
    form.pledgedPatents.forEach((p, i) => {
      const r = parsePatentNumber(p, { maxYear });
      if (!r.ok) problems.push({ path: `pledgedPatents.${i}`, ...patentNumberProblem(r) });
      else if (patents.includes(r.normalised)) problems.push({ path: `pledgedPatents.${i}`, zh: `专利 ${r.normalised} 重复填写`, en: `Patent ${r.normalised} is listed twice` });
      else patents.push(r.normalised);
    });
    if (form.evaluatedValueFen === undefined) problems.push({ path: 'evaluatedValueFen', zh: '请填写质押专利的评估价值', en: 'Enter the evaluated value of the pledged patents' });
    if (!form.evaluationInstitution) problems.push({ path: 'evaluationInstitution', zh: '请填写评估机构', en: 'Enter the evaluation institution' });
  } else {
    if (form.pledgedPatents.length > 0) problems.push({ path: 'pledgedPatents', zh: '只有知识产权质押贷款填写质押专利', en: 'Only a patent pledge loan lists pledged patents' });
    if (form.evaluatedValueFen !== undefined) problems.push({ path: 'evaluatedValueFen', zh: '只有知识产权质押贷款填写评估价值', en: 'Only a patent pledge loan has an evaluated value' });
    if (form.evaluationInstitution) problems.push({ path: 'evaluationInstitution', zh: '只有知识产权质押贷款填写评估机构', en: 'Only a patent pledge loan has an evaluation institution' });
  }

  if (form.kind === 'tech_insurance') {
    if (form.premiumFen === undefined) problems.push({ path: 'premiumFen', zh: '科技保险须填写保费', en: 'S&T insurance needs the premium' });
    else if (form.premiumFen > form.amountFen) problems.push({ path: 'premiumFen', zh: '保费不能超过保险金额', en: 'The premium cannot exceed the sum insured' });
  } else if (form.premiumFen !== undefined) {
    problems.push({ path: 'premiumFen', zh: '只有科技保险填写保费', en: 'Only S&T insurance has a premium' });
  }

  if (form.subsidyRequested) {
    const cap = form.kind === 'tech_insurance' ? (form.premiumFen ?? 0) : form.amountFen;
    if (form.subsidyAmountFen === undefined) problems.push({ path: 'subsidyAmountFen', zh: '申请贴息或保费补贴时请填写申请金额', en: 'Enter the subsidy amount requested' });
    else if (form.subsidyAmountFen > cap) {
      problems.push({
        path: 'subsidyAmountFen',
        zh: form.kind === 'tech_insurance' ? `保费补贴不能超过保费 ${yuan(cap)} 元` : `补贴金额不能超过融资金额 ${yuan(cap)} 元`,
        en: form.kind === 'tech_insurance' ? `The subsidy cannot exceed the premium, CNY ${yuan(cap)}` : `The subsidy cannot exceed the amount financed, CNY ${yuan(cap)}`,
      });
    }
  } else if (form.subsidyAmountFen !== undefined) {
    problems.push({ path: 'subsidyAmountFen', zh: '未申请补贴时不填写补贴金额', en: 'No subsidy amount without a subsidy request' });
  }

  if (form.institutionId) {
    const [inst] = await financingInstitutions(db, form.institutionId);
    if (!inst) problems.push({ path: 'institutionId', zh: '所选机构不是已发布的投融资服务机构', en: 'The institution chosen is not a published financing service institution' });
  }
  if (opts.requireFile && !form.evidenceFileId) problems.push({ path: 'evidenceFileId', zh: '请上传合同或保单（扫描件）后再提交', en: 'Upload the contract or policy before submitting' });
  if (problems.length) throw new AppError('VALIDATION_FAILED', { fields: problems });
  if (form.evidenceFileId) await assertFilesUsable(db, actor, [form.evidenceFileId], () => 'evidenceFileId');
  return { patents };
}

/** The columns of a checked form. */
export function formColumns(form: FinanceForm, patents: string[]): Partial<FinanceInsert> {
  return {
    kind: form.kind,
    institutionName: form.institutionName,
    institutionId: form.institutionId ?? null,
    amountFen: form.amountFen,
    premiumFen: form.premiumFen ?? null,
    signedOn: form.signedOn,
    termEndOn: form.termEndOn ?? null,
    pledgedPatents: patents,
    evaluatedValueFen: form.evaluatedValueFen ?? null,
    evaluationInstitution: form.evaluationInstitution ?? null,
    evidenceFileId: form.evidenceFileId ?? null,
    subsidyRequested: form.subsidyRequested,
    subsidyAmountFen: form.subsidyAmountFen ?? null,
    note: form.note ?? null,
  };
}

/** The form of a stored row (for re-checking on submission and for the edit drawer). */
export function formOf(r: FinanceRow): FinanceForm {
  const opt = <T>(v: T | null) => (v === null ? undefined : v);
  return {
    kind: r.kind as FinanceForm['kind'],
    institutionName: r.institutionName,
    institutionId: opt(r.institutionId),
    amountFen: r.amountFen,
    premiumFen: opt(r.premiumFen),
    signedOn: r.signedOn,
    termEndOn: opt(r.termEndOn),
    pledgedPatents: r.pledgedPatents,
    evaluatedValueFen: opt(r.evaluatedValueFen),
    evaluationInstitution: opt(r.evaluationInstitution),
    evidenceFileId: opt(r.evidenceFileId),
    subsidyRequested: r.subsidyRequested,
    subsidyAmountFen: opt(r.subsidyAmountFen),
    note: opt(r.note),
  };
}
