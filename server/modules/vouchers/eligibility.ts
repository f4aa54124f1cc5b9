import type { z } from 'zod';
import type { Check, Eligibility } from '../../../shared/contracts/vouchers.js';
import type { Locale } from '../../../shared/roles.js';
import type { DbOrTx } from '../../db/client.js';
import { findOrganisation } from '../organisations/repository.js';
import { institutionOfOrganisation } from '../registries/lookups.js';
import { balanceOf, issuedInYear } from './ledger.js';
import { blacklisted, type ProgrammeRow } from './repository.js';

export type RawCheck = { code: string; ok: boolean; severity: 'block' | 'warn'; zh: string; en: string };

const SIZE_ZH: Record<string, string> = { micro: '微型', small: '小型', medium: '中型', large: '大型' };

export type ApplicationFacts = {
  organisationId: string;
  enterpriseSize: string;
  serviceCategory: string;
  providerOrgId: string | null;
  requestedFen: number;
};

const yuan = (fen: number) => (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/**
 * May this organisation's provider be paid with this programme's vouchers?
 * A registered service institution whose registry entry is approved, listed
 * by the programme when it lists providers, and not blacklisted.
 */
export async function providerChecks(db: DbOrTx, p: ProgrammeRow, providerOrgId: string, category: string): Promise<RawCheck[]> {
  const out: RawCheck[] = [];
  const inst = await institutionOfOrganisation(db, providerOrgId);
  out.push(
    inst?.approved
      ? { code: 'provider_registered', ok: true, severity: 'block', zh: `服务机构“${inst.name}”已在服务机构名录登记`, en: `The provider “${inst.name}” is in the service-institution registry` }
      : { code: 'provider_registered', ok: false, severity: 'block', zh: '服务机构未在服务机构名录登记或尚未通过审核', en: 'The provider is not in the service-institution registry or not yet approved' },
  );
  if (inst?.approved && !inst.types.includes(category)) {
    out.push({ code: 'provider_category', ok: false, severity: 'warn', zh: `服务机构登记的服务类别不含“${category}”`, en: `The provider is not registered for the category “${category}”` });
  }
  if (p.providerOrgIds.length > 0) {
    const listed = p.providerOrgIds.includes(providerOrgId);
    out.push({ code: 'provider_listed', ok: listed, severity: 'block', zh: listed ? '服务机构在本专项的服务机构名单内' : '服务机构不在本专项的服务机构名单内', en: listed ? 'The provider is on this programme’s list' : 'The provider is not on this programme’s list' });
  }
  if ((await blacklisted(db, [providerOrgId])).has(providerOrgId)) {
    out.push({ code: 'provider_blacklisted', ok: false, severity: 'block', zh: '服务机构已被列入黑名单', en: 'The provider is blacklisted' });
  }
  return out;
}

/** Every eligibility check of an application against its programme, as of `now`. */
export async function eligibilityChecks(db: DbOrTx, p: ProgrammeRow, a: ApplicationFacts, now: Date): Promise<RawCheck[]> {
  const rules = p.eligibility as z.infer<typeof Eligibility>;
  const org = await findOrganisation(db, a.organisationId);
  const out: RawCheck[] = [];
  out.push({ code: 'programme_open', ok: p.status === 'open', severity: 'block', zh: p.status === 'open' ? '专项正在受理' : '专项未在受理期', en: p.status === 'open' ? 'The programme is open' : 'The programme is not open' });
  out.push({ code: 'enterprise', ok: org?.type === 'enterprise', severity: 'block', zh: org?.type === 'enterprise' ? '申请单位为企业' : '申请单位不是企业', en: org?.type === 'enterprise' ? 'The applicant is an enterprise' : 'The applicant is not an enterprise' });
  if (rules.verifiedOnly !== false) {
    const ok = org?.verificationStatus === 'verified';
    out.push({ code: 'verified', ok, severity: 'block', zh: ok ? '企业已通过平台认证' : '企业尚未通过平台认证', en: ok ? 'The enterprise is verified' : 'The enterprise is not verified' });
  }
  if ((rules.sizes ?? []).length > 0) {
    const ok = rules.sizes.includes(a.enterpriseSize as never);
    const allowed = rules.sizes.map((s) => SIZE_ZH[s] ?? s).join('、');
    out.push({ code: 'size', ok, severity: 'block', zh: ok ? `企业规模（${SIZE_ZH[a.enterpriseSize]}）符合要求` : `企业规模（${SIZE_ZH[a.enterpriseSize]}）不在${allowed}之列`, en: ok ? `Enterprise size (${a.enterpriseSize}) is eligible` : `Enterprise size (${a.enterpriseSize}) is not among ${rules.sizes.join(', ')}` });
  }
  if ((rules.regionPrefixes ?? []).length > 0) {
    const code = org?.regionCode ?? null;
    const ok = code !== null && rules.regionPrefixes.some((pre) => code.startsWith(pre));
    out.push({
      code: 'region',
      ok,
      severity: 'block',
      zh: code === null ? '企业未登记注册地区划代码' : ok ? `注册地（${code}）在专项范围内` : `注册地（${code}）不在专项范围内`,
      en: code === null ? 'The enterprise has no registered region code' : ok ? `Registered region (${code}) is eligible` : `Registered region (${code}) is outside the programme`,
    });
  }
  const catOk = p.serviceCategories.includes(a.serviceCategory);
  out.push({ code: 'category', ok: catOk, severity: 'block', zh: catOk ? '服务类别在专项支持范围内' : '服务类别不在专项支持范围内', en: catOk ? 'The service category is supported' : 'The service category is not supported by this programme' });
  if (a.providerOrgId) out.push(...(await providerChecks(db, p, a.providerOrgId, a.serviceCategory)));
  if ((await blacklisted(db, [a.organisationId])).has(a.organisationId)) {
    out.push({ code: 'blacklisted', ok: false, severity: 'block', zh: '企业已被列入创新券黑名单', en: 'The enterprise is blacklisted' });
  }
  const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(now));
  const used = await issuedInYear(db, p.id, a.organisationId, year);
  const left = Math.max(0, p.yearlyCapFen - used);
  const capOk = a.requestedFen <= left;
  out.push({ code: 'yearly_cap', ok: capOk, severity: 'warn', zh: `本年度已获 ${yuan(used)} 元，剩余额度 ${yuan(left)} 元`, en: `Issued this year: CNY ${yuan(used)}; cap left: CNY ${yuan(left)}` });
  const available = balanceOf(p).availableFen;
  out.push({ code: 'budget', ok: a.requestedFen <= available, severity: 'warn', zh: `专项可用预算 ${yuan(available)} 元`, en: `Available budget: CNY ${yuan(available)}` });
  return out;
}

export function localiseChecks(checks: RawCheck[], locale: Locale): Check[] {
  return checks.map((c) => ({ code: c.code, ok: c.ok, severity: c.severity, message: locale === 'en' ? c.en : c.zh }));
}

/** The blocking checks that failed. */
export function failedBlocking(checks: RawCheck[]): RawCheck[] {
  return checks.filter((c) => !c.ok && c.severity === 'block');
}
