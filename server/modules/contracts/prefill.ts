import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Party, Prefill, PrefillQuery } from '../../../shared/contracts/contracts.js';
import type { Actor } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { DbOrTx } from '../../db/client.js';
import { achievements, demands } from '../catalog/schema.js';
import { matchCases } from '../matchmaking/schema.js';
import { findOrganisation } from '../organisations/repository.js';

/** What a contract needs from a trading deal (server/modules/trading/lookups.ts). */
type DealForContract = {
  dealId: string;
  kind: 'auction' | 'listing';
  achievementId: string;
  sellerOrgId: string;
  buyerOrgId: string;
  amountFen: number;
  transferMode: string;
  closedAt: Date;
};

/**
 * The trading domain's lookup, loaded when that module is installed (it is
 * built alongside this one; without it a deal id gives a warning, not a
 * failure).
 */
async function dealLookup(): Promise<((db: DbOrTx, id: string) => Promise<DealForContract | null>) | null> {
  const path = '../trading/lookups.js';
  try {
    const mod = (await import(path)) as { dealForContract?: (db: DbOrTx, id: string) => Promise<DealForContract | null> };
    return mod.dealForContract ?? null;
  } catch {
    return null;
  }
}

export async function findDeal(db: DbOrTx, id: string): Promise<DealForContract | null> {
  const f = await dealLookup();
  return f ? f(db, id) : null;
}

/** When both parties confirmed the deal on the platform (trading's 成交确认书), if the trading module says. */
async function dealConfirmedAt(db: DbOrTx, id: string): Promise<Date | null> {
  const path = '../trading/lookups.js';
  try {
    const mod = (await import(path)) as { dealConfirmedAt?: (db: DbOrTx, id: string) => Promise<Date | null> };
    return mod.dealConfirmedAt ? await mod.dealConfirmedAt(db, id) : null;
  } catch {
    return null;
  }
}

const NATURE_OF_ORG: Record<string, Party['nature']> = {
  enterprise: 'enterprise_domestic',
  university: 'university',
  research_institute: 'research_institute',
  hospital: 'medical',
  service_institution: 'other',
  financial_institution: 'enterprise_domestic',
  maker_space: 'other',
  gov_department: 'government',
  district_government: 'government',
  township: 'government',
  subdistrict: 'government',
  park_committee: 'government',
};

export async function partyOfOrg(db: DbOrTx, orgId: string): Promise<Party | undefined> {
  const o = await findOrganisation(db, orgId);
  if (!o) return undefined;
  return { name: o.name, creditCode: o.creditCode ?? undefined, countryCode: 'CN', regionCode: o.regionCode ?? undefined, nature: NATURE_OF_ORG[o.type] ?? 'other', organisationId: o.id };
}

const TYPE_OF_MODE: Record<string, { type: 'transfer' | 'licence'; subType: string }> = {
  transfer: { type: 'transfer', subType: 'other' },
  license: { type: 'licence', subType: 'other' },
  licence: { type: 'licence', subType: 'other' },
};

/** Form values from where the contract came from; the caller's organisation is the seller. */
export async function prefillContract(db: DbOrTx, actor: Actor, q: z.output<typeof PrefillQuery>): Promise<z.output<typeof Prefill>> {
  if (!actor.organisationId) throw new AppError('FORBIDDEN');
  const out: z.output<typeof Prefill> = { warnings: [], deductions: [] };
  out.seller = await partyOfOrg(db, actor.organisationId);
  let achievementId = q.achievementId;
  let deal: Awaited<ReturnType<typeof findDeal>> = null;
  let demandId = q.demandId;
  if (q.dealId) {
    deal = await findDeal(db, q.dealId);
    if (!deal || deal.sellerOrgId !== actor.organisationId) throw AppError.field('dealId', '成交记录不存在、尚未生效或不属于本单位', 'The deal does not exist, is not final, or is not your organisation’s');
    out.dealId = deal.dealId;
    achievementId = deal.achievementId;
    out.buyer = await partyOfOrg(db, deal.buyerOrgId);
    out.contractAmountFen = deal.amountFen;
    Object.assign(out, TYPE_OF_MODE[deal.transferMode] ?? {});
    const confirmedAt = await dealConfirmedAt(db, deal.dealId);
    if (confirmedAt) out.dealConfirmedAt = confirmedAt.toISOString();
  }
  if (q.caseId) {
    const [c] = await db.select().from(matchCases).where(eq(matchCases.id, q.caseId));
    const org = actor.organisationId;
    if (!c || (c.initiatorOrgId !== org && c.counterpartOrgId !== org)) throw AppError.field('caseId', '对接不存在或与本单位无关', 'The case does not exist or is not your organisation’s');
    out.caseId = c.id;
    achievementId ??= c.achievementId ?? undefined;
    demandId ??= c.demandId ?? undefined;
    out.buyer ??= await partyOfOrg(db, c.initiatorOrgId === org ? c.counterpartOrgId : c.initiatorOrgId);
  }
  if (achievementId) {
    const [a] = await db.select().from(achievements).where(eq(achievements.id, achievementId));
    if (a) {
      out.achievementId = a.id;
      out.projectName = a.title;
      if (a.techField) out.techField = a.techField;
      if (a.industrySection) out.industrySection = a.industrySection;
      if (a.organisationId !== actor.organisationId) out.warnings.push('achievement_not_own');
    }
  }
  if (demandId) {
    const [d] = await db.select().from(demands).where(eq(demands.id, demandId));
    if (d) {
      out.demandId = d.id;
      out.projectName ??= d.title;
      out.buyer ??= await partyOfOrg(db, d.organisationId);
    }
  }
  if (out.contractAmountFen) out.paymentSchedule = [{ dueOn: (deal?.closedAt ?? new Date()).toISOString().slice(0, 10), amountFen: out.contractAmountFen }];
  return out;
}
