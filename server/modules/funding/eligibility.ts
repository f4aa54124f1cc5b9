import type { z } from 'zod';
import type { ApplyBody } from '../../../shared/contracts/funding.js';
import type { DbOrTx } from '../../db/client.js';
import { findOrganisation } from '../organisations/repository.js';
import { type CallRow, yuan } from './repository.js';

export type RawCheck = { code: string; ok: boolean; zh: string; en: string };
export type EligibilityRules = { orgTypes?: string[]; regionPrefixes?: string[]; verifiedOnly?: boolean; maxRequestFen?: number | null };

/** The automatic eligibility checks of an application, each with its reason in both languages. */
export async function eligibilityChecks(db: DbOrTx, call: CallRow, orgId: string, input: Pick<z.output<typeof ApplyBody>, 'requestedFen' | 'documents'>): Promise<RawCheck[]> {
  const rules = call.eligibility as EligibilityRules;
  const org = (await findOrganisation(db, orgId))!;
  const out: RawCheck[] = [];
  if (rules.verifiedOnly !== false) {
    const ok = org.verificationStatus === 'verified';
    out.push({ code: 'verified', ok, zh: ok ? '申报单位已通过平台认证' : '申报单位尚未通过平台认证', en: ok ? 'The applicant is verified' : 'The applicant is not verified' });
  }
  if (rules.orgTypes?.length) {
    const ok = rules.orgTypes.includes(org.type);
    out.push({ code: 'org_type', ok, zh: ok ? '单位类型符合申报条件' : `单位类型（${org.type}）不在申报范围内`, en: ok ? 'The organisation type is eligible' : `The organisation type (${org.type}) is not eligible` });
  }
  if (rules.regionPrefixes?.length) {
    const ok = !!org.regionCode && rules.regionPrefixes.some((p) => org.regionCode!.startsWith(p));
    out.push({ code: 'region', ok, zh: ok ? '注册地符合要求' : `注册地（${org.regionCode ?? '未登记'}）不在申报范围内`, en: ok ? 'The registered region is eligible' : `The registered region (${org.regionCode ?? 'none'}) is outside the call` });
  }
  if (rules.maxRequestFen) {
    const ok = input.requestedFen <= rules.maxRequestFen;
    out.push({ code: 'amount', ok, zh: ok ? '申请金额在上限以内' : `申请金额超过上限 ${yuan(rules.maxRequestFen)} 元`, en: ok ? 'The amount is within the limit' : `The amount exceeds the limit of CNY ${yuan(rules.maxRequestFen)}` });
  }
  const names = new Set(input.documents.map((d) => d.name));
  const missing = call.requiredDocuments.filter((d) => !names.has(d));
  out.push({ code: 'documents', ok: missing.length === 0, zh: missing.length ? `缺少材料：${missing.join('、')}` : '申报材料齐全', en: missing.length ? `Missing documents: ${missing.join(', ')}` : 'All required documents attached' });
  return out;
}
