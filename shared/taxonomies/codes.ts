import { z } from 'zod';

/**
 * Stable codes of the catalog enumerations. They are stored in the database,
 * so they live here as literal tuples (for precise types and `z.enum`);
 * config/taxonomies/catalog-enums.json carries their labels and is checked
 * against these tuples at import, so the two cannot drift apart silently.
 */
export const ENUM_CODES = {
  achievementAttribute: ['original-innovation', 'import-assimilation', 'domestic-secondary-development'],
  achievementForm: [
    'new-technology',
    'new-process',
    'new-product',
    'new-material',
    'new-equipment',
    'new-variety',
    'new-mineral',
    'software',
    'other',
  ],
  achievementLevel: ['international-leading', 'international-advanced', 'domestic-leading', 'domestic-advanced', 'not-evaluated'],
  achievementStage: ['early', 'middle', 'mature'],
  evaluationMethod: [
    'appraisal',
    'acceptance',
    'review',
    'industry-admission',
    'assessment',
    'institutional-evaluation',
    'other',
    'not-evaluated',
  ],
  applicationStatus: ['industrialized', 'small-scale', 'trial', 'discontinued', 'not-applied'],
  nonApplicationReason: ['funding', 'technology', 'market', 'policy', 'management', 'other'],
  confidentiality: ['public', 'secret', 'confidential', 'top-secret'],
  technologyReadinessLevel: ['1', '2', '3', '4', '5', '6', '7', '8', '9'],
  ipType: [
    'invention-patent',
    'utility-model',
    'design-patent',
    'software-copyright',
    'plant-variety',
    'trade-secret',
    'ic-layout-design',
  ],
  ipLegalStatus: ['pending', 'granted', 'lapsed', 'assigned'],
  transferMode: ['transfer', 'license', 'equity-investment', 'joint-development', 'technical-service'],
  licenseKind: ['exclusive', 'sole', 'non-exclusive'],
  cooperationMode: [
    'commissioned-development',
    'technology-transfer',
    'technology-license',
    'joint-development',
    'technical-consulting',
    'technical-service',
    'talent-introduction',
  ],
} as const;

export type EnumKind = keyof typeof ENUM_CODES;
export type EnumCode<K extends EnumKind> = (typeof ENUM_CODES)[K][number];
export const ENUM_KINDS = Object.keys(ENUM_CODES) as EnumKind[];

/** 成果属性 (登记表 wording). */
export const AchievementAttribute = z.enum(ENUM_CODES.achievementAttribute);
export type AchievementAttribute = z.infer<typeof AchievementAttribute>;
/** 成果体现形式. */
export const AchievementForm = z.enum(ENUM_CODES.achievementForm);
export type AchievementForm = z.infer<typeof AchievementForm>;
/** 成果水平; `not-evaluated` when no evaluation concluded a level. */
export const AchievementLevel = z.enum(ENUM_CODES.achievementLevel);
export type AchievementLevel = z.infer<typeof AchievementLevel>;
/** 成果所处阶段. */
export const AchievementStage = z.enum(ENUM_CODES.achievementStage);
export type AchievementStage = z.infer<typeof AchievementStage>;
/** 评价方式. */
export const EvaluationMethod = z.enum(ENUM_CODES.evaluationMethod);
export type EvaluationMethod = z.infer<typeof EvaluationMethod>;
/** 应用状态. */
export const ApplicationStatus = z.enum(ENUM_CODES.applicationStatus);
export type ApplicationStatus = z.infer<typeof ApplicationStatus>;
/** 未应用或停用原因; only meaningful with `not-applied` or `discontinued`. */
export const NonApplicationReason = z.enum(ENUM_CODES.nonApplicationReason);
export type NonApplicationReason = z.infer<typeof NonApplicationReason>;
/** 成果密级; only `public` may be published (see `isPublishable`). */
export const Confidentiality = z.enum(ENUM_CODES.confidentiality);
export type Confidentiality = z.infer<typeof Confidentiality>;
/** Technology readiness level as stored in the catalog: an integer 1–9 (GB/T 22900-2022). */
export const TechnologyReadinessLevel = z.number().int().min(1).max(9);
export type TechnologyReadinessLevel = z.infer<typeof TechnologyReadinessLevel>;
/** Kind of intellectual property attached to an achievement. */
export const IpType = z.enum(ENUM_CODES.ipType);
export type IpType = z.infer<typeof IpType>;
/** Legal status of an intellectual property right. */
export const IpLegalStatus = z.enum(ENUM_CODES.ipLegalStatus);
export type IpLegalStatus = z.infer<typeof IpLegalStatus>;
/** How an achievement owner is willing to transfer it (促进科技成果转化法 art. 16). */
export const TransferMode = z.enum(ENUM_CODES.transferMode);
export type TransferMode = z.infer<typeof TransferMode>;
/** Sub-kind of a `license` transfer mode. */
export const LicenseKind = z.enum(ENUM_CODES.licenseKind);
export type LicenseKind = z.infer<typeof LicenseKind>;
/** How an enterprise wants to cooperate on a technology demand. */
export const CooperationMode = z.enum(ENUM_CODES.cooperationMode);
export type CooperationMode = z.infer<typeof CooperationMode>;

/** How well a transfer mode satisfies a cooperation mode (see catalog-enums.json). */
export const COMPATIBILITY_FITS = ['direct', 'partial'] as const;
export const CompatibilityFit = z.enum(COMPATIBILITY_FITS);
export type CompatibilityFit = z.infer<typeof CompatibilityFit>;
