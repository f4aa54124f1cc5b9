import { z } from 'zod';
import {
  AchievementAttribute,
  AchievementForm,
  AchievementLevel,
  AchievementStage,
  ApplicationStatus,
  Confidentiality,
  CooperationMode,
  EvaluationMethod,
  IpLegalStatus,
  IpType,
  LicenseKind,
  NonApplicationReason,
  TransferMode,
} from '../taxonomies/codes.js';
import { isValidDivision, divisionSection } from '../taxonomies/industries.js';
import { isValidPillarIndustry } from '../taxonomies/pillar-industries.js';
import { isValidRegion } from '../taxonomies/regions.js';
import { isValidTechField } from '../taxonomies/tech-fields.js';
import { Email, Phone } from './identity.js';

/**
 * What an achievement (科技成果) or a demand (技术需求) says. A record's
 * revisions store this as JSON; drafts may be partial (`…Draft`), a
 * submission must satisfy the full schema. Field names are the API's and the
 * import templates' (with Chinese headers mapped onto them).
 */

const text = (min: number, max: number) => z.string().trim().min(min).max(max);
const YearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'YYYY-MM' });
const IsoDate = z.iso.date();
/** Money in fen (分): integers only, never floats. */
export const Fen = z.number().int().min(0).max(10_000_000_000_00);

const IndustrySectionCode = z.string().regex(/^[A-T]$/);
const IndustryDivisionCode = z.string().refine(isValidDivision, { message: 'GB/T 4754-2017 division code' });
const RegionCode = z.string().refine(isValidRegion, { message: 'GB/T 2260 region code' });
const TechFieldCode = z.string().refine(isValidTechField, { message: 'technology field code' });
const PillarTag = z.string().refine(isValidPillarIndustry, { message: 'pillar industry tag' });
const Keywords = z.array(text(1, 20)).max(10);
const Share = z.number().min(0).max(100);

export const Contact = z.object({
  name: text(1, 40),
  phone: Phone.optional(),
  email: Email.optional(),
});

/** Uploaded files (see the files endpoints) referenced by id. */
export const AttachmentRef = z.object({ fileId: z.uuid(), caption: text(0, 100).optional() });

export const IpItem = z.object({
  type: IpType,
  /** Patent or registration number, e.g. ZL202010123456.7. */
  number: text(1, 40).optional(),
  title: text(1, 200).optional(),
  legalStatus: IpLegalStatus,
  expiryDate: IsoDate.optional(),
});

export const Price = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fixed'), amountFen: Fen }),
  z.object({ kind: z.literal('negotiable') }),
]);

const industryAgrees = (c: { industrySection?: string; industryDivision?: string }) =>
  !c.industrySection || !c.industryDivision || divisionSection(c.industryDivision) === c.industrySection;
const INDUSTRY_MISMATCH = { message: 'division is not in this section', path: ['industryDivision'] };

const achievementShape = {
  /** 成果名称 */
  title: text(2, 100),
  /** 成果登记号, where registered. */
  registrationNumber: text(1, 40).optional(),
  /** 推荐单位 */
  recommendingUnit: text(1, 100).optional(),
  registrationDate: IsoDate.optional(),
  researchStart: YearMonth,
  researchEnd: YearMonth,
  /** 密级: only `public` can be published. */
  confidentiality: Confidentiality,
  attribute: AchievementAttribute,
  keywords: Keywords.min(1),
  form: AchievementForm,
  level: AchievementLevel,
  stage: AchievementStage,
  evaluationMethod: EvaluationMethod,
  applicationStatus: ApplicationStatus,
  nonApplicationReason: NonApplicationReason.optional(),
  /** 完成单位 with shares in percent. */
  completingUnits: z.array(z.object({ name: text(2, 100), creditCode: text(18, 18).optional(), share: Share })).min(1).max(20),
  /** 完成人 with shares in percent (used later to allocate researchers' rewards). */
  completers: z.array(z.object({ name: text(1, 40), unit: text(1, 100).optional(), title: text(1, 40).optional(), share: Share })).min(1).max(50),
  /** 成果简介 */
  summary: text(20, 4000),
  /** Technology readiness level 1–9, GB/T 22900-2022. */
  trl: z.number().int().min(1).max(9),
  ipItems: z.array(IpItem).max(50).default([]),
  transferModes: z.array(TransferMode).min(1),
  licenseKinds: z.array(LicenseKind).default([]),
  price: Price,
  industrySection: IndustrySectionCode,
  industryDivision: IndustryDivisionCode.optional(),
  techField: TechFieldCode,
  pillarTags: z.array(PillarTag).max(5).default([]),
  regionCode: RegionCode,
  /** 应用场景 */
  applicationScenarios: text(0, 2000).optional(),
  /** A quantified advantage over existing solutions (e.g. "能耗降低 30%"). */
  advantage: text(0, 2000).optional(),
  /** How it reaches the market: who buys, what it costs to implement. */
  commercialRoute: text(0, 2000).optional(),
  attachments: z.array(AttachmentRef).max(20).default([]),
  /** Shown only to signed-in members of verified organisations. */
  contact: Contact,
};

function sharesSumTo100(items: readonly { share: number }[] | undefined): boolean {
  if (!items || items.length === 0) return true;
  return Math.abs(items.reduce((s, i) => s + i.share, 0) - 100) < 0.001;
}

export const AchievementContent = z
  .object(achievementShape)
  .refine(industryAgrees, INDUSTRY_MISMATCH)
  .refine((c) => c.researchStart <= c.researchEnd, { message: 'start after end', path: ['researchEnd'] })
  .refine((c) => sharesSumTo100(c.completingUnits), { message: 'shares must add up to 100', path: ['completingUnits'] })
  .refine((c) => sharesSumTo100(c.completers), { message: 'shares must add up to 100', path: ['completers'] })
  .refine((c) => !c.transferModes.includes('license') || c.licenseKinds.length > 0, {
    message: 'choose the licence kinds offered',
    path: ['licenseKinds'],
  });
export type AchievementContent = z.infer<typeof AchievementContent>;

/** A draft: anything may be missing but the title; what is present must be well-formed. */
export const AchievementDraft = z
  .object(achievementShape)
  .partial()
  .extend({ title: text(2, 100) })
  .refine(industryAgrees, INDUSTRY_MISMATCH);
export type AchievementDraft = z.infer<typeof AchievementDraft>;

const demandShape = {
  title: text(4, 100),
  /** 需解决的技术问题 */
  problem: text(20, 4000),
  /** 需达到的技术指标 */
  indicators: text(0, 2000).optional(),
  /** 现有基础 / 现状 */
  currentState: text(0, 2000).optional(),
  budget: z
    .object({ minFen: Fen.optional(), maxFen: Fen.optional(), negotiable: z.boolean().default(false) })
    .refine((b) => b.minFen === undefined || b.maxFen === undefined || b.minFen <= b.maxFen, { message: 'min above max', path: ['maxFen'] }),
  cooperationModes: z.array(CooperationMode).min(1),
  /** Demands past their deadline expire. */
  deadline: IsoDate,
  industrySection: IndustrySectionCode,
  industryDivision: IndustryDivisionCode.optional(),
  techField: TechFieldCode.optional(),
  pillarTags: z.array(PillarTag).max(5).default([]),
  regionCode: RegionCode,
  keywords: Keywords.default([]),
  attachments: z.array(AttachmentRef).max(20).default([]),
  contact: Contact,
};

export const DemandContent = z.object(demandShape).refine(industryAgrees, INDUSTRY_MISMATCH);
export type DemandContent = z.infer<typeof DemandContent>;

export const DemandDraft = z
  .object(demandShape)
  .partial()
  .extend({ title: text(4, 100) })
  .refine(industryAgrees, INDUSTRY_MISMATCH);
export type DemandDraft = z.infer<typeof DemandDraft>;

export const LISTING_KINDS = ['achievement', 'demand'] as const;
export type ListingKind = (typeof LISTING_KINDS)[number];
