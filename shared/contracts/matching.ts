import { z } from 'zod';
import { CooperationMode, TransferMode } from '../taxonomies/codes.js';
import { isValidPillarIndustry } from '../taxonomies/pillar-industries.js';
import { isValidRegion } from '../taxonomies/regions.js';
import { isValidTechField } from '../taxonomies/tech-fields.js';
import { Fen } from './catalog-content.js';
import { BrokerGrade, InstitutionType, RecognitionLevel } from './registries.js';
import { endpoint, Id, IdParams, IsoDateTime, Ok } from './endpoint.js';

/**
 * Precise matching (精准对接): demands ↔ achievements, similar achievements,
 * free text → achievements or demands, every match explained; feedback,
 * impressions, subscriptions. The engine is server/modules/matching/engine
 * (docs/decisions/0015-matching-engine.md); the routes are
 * server/modules/matching/routes.ts.
 */

export const MATCH_KINDS = ['achievement', 'demand'] as const;
export const MatchKind = z.enum(MATCH_KINDS);
export type MatchKind = z.infer<typeof MatchKind>;

/** Which way a list of suggestions goes (feedback and impressions record it). */
export const MATCH_DIRECTIONS = [
  'demand-achievements',
  'achievement-demands',
  'achievement-enterprises',
  'achievement-similar',
  'text-achievements',
  'text-demands',
] as const;
export const MatchDirection = z.enum(MATCH_DIRECTIONS);
export type MatchDirection = z.infer<typeof MatchDirection>;

const Codes = <T extends z.ZodType>(item: T) => z.array(item).min(1).max(20).optional();

/**
 * Hard filters: a record failing any is never returned. Unknown keys are
 * refused (a misspelt filter must not silently widen the results).
 */
export const MatchFilters = z.strictObject({
  industrySections: Codes(z.string().regex(/^[A-T]$/)),
  techFields: Codes(z.string().refine(isValidTechField, { message: 'technology field code' })),
  regionCodes: Codes(z.string().refine(isValidRegion, { message: 'GB/T 2260 region code' })),
  pillarTags: Codes(z.string().refine(isValidPillarIndustry, { message: 'pillar industry tag' })),
  /** Achievements offering one of these (achievement results only). */
  transferModes: Codes(TransferMode),
  /** Demands accepting one of these (demand results only). */
  cooperationModes: Codes(CooperationMode),
  /** Achievements at this TRL or above. */
  minTrl: z.number().int().min(1).max(9).optional(),
  /** Achievements priced at most this (fen); negotiable prices pass. */
  maxPriceFen: Fen.optional(),
});
export type MatchFilters = z.infer<typeof MatchFilters>;

export const MatchTextBody = z.strictObject({
  /** "Describe your problem in a few sentences" (or an achievement's description). */
  text: z.string().trim().min(2).max(4000),
  filters: MatchFilters.optional(),
  limit: z.number().int().min(1).max(100).default(20),
});

export const MatchListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const AchievementMatchesQuery = MatchListQuery.extend({
  /** demands (default) or the enterprises behind the best-matching demands. */
  target: z.enum(['demands', 'enterprises']).default('demands'),
});

const Bilingual = { zh: z.string(), en: z.string() };
export const FACTOR_KEYS = ['text', 'industry', 'techField', 'cooperation', 'readiness', 'budget', 'region', 'freshness'] as const;
export const FactorKey = z.enum(FACTOR_KEYS);
export type FactorKey = z.infer<typeof FactorKey>;

export const Explanation = z.object({
  /** Each factor's share of the score (shares add up to 1), largest first. */
  factors: z.array(z.object({ key: FactorKey, share: z.number(), value: z.number(), ...Bilingual })),
  /** Query words found in the record, strongest first; a synonym shows as 废水（污水）. */
  matchedTerms: z.array(z.string()),
  matchedFacets: z.array(z.object({ key: FactorKey, fit: z.enum(['full', 'partial']), ...Bilingual })),
  summary: z.object(Bilingual),
});
export type Explanation = z.infer<typeof Explanation>;

/**
 * One suggestion. `id`, `externalId`, `score`, `explanation` are the API the
 * issue fixes (outside evaluation reads only those); the rest is for people.
 * `externalId` is the source's identifier of records imported in bulk.
 */
export const MatchItem = z.object({
  id: Id,
  externalId: z.string().nullable(),
  score: z.number(),
  explanation: Explanation,
  /** achievement | demand | organisation */
  kind: z.enum(['achievement', 'demand', 'organisation']),
  title: z.string(),
  organisation: z.object({ id: Id, name: z.string() }).nullable(),
  /** score over the most a record can score in this direction (0–1), what subscription thresholds compare with. */
  relevance: z.number(),
  /** For organisations: how many of their demands matched. */
  matchedRecords: z.number().int().optional(),
});
export type MatchItem = z.infer<typeof MatchItem>;

export const MatchList = z.object({
  items: z.array(MatchItem),
  direction: MatchDirection,
});
export type MatchList = z.infer<typeof MatchList>;

export const matchAchievements = endpoint({
  method: 'POST',
  path: '/api/v1/match/achievements',
  summary: 'Achievements matching a free-text problem description',
  tags: ['matching'],
  body: MatchTextBody,
  response: MatchList,
});

export const matchDemands = endpoint({
  method: 'POST',
  path: '/api/v1/match/demands',
  summary: 'Demands matching a free-text description of what one offers',
  tags: ['matching'],
  body: MatchTextBody,
  response: MatchList,
});

export const demandMatches = endpoint({
  method: 'GET',
  path: '/api/v1/demands/:id/matches',
  summary: 'Achievements matching a demand, explained',
  tags: ['matching'],
  params: IdParams,
  query: MatchListQuery,
  response: MatchList,
});

export const achievementMatches = endpoint({
  method: 'GET',
  path: '/api/v1/achievements/:id/matches',
  summary: 'Demands (or the enterprises behind them) matching an achievement, explained',
  tags: ['matching'],
  params: IdParams,
  query: AchievementMatchesQuery,
  response: MatchList,
});

export const similarAchievements = endpoint({
  method: 'GET',
  path: '/api/v1/achievements/:id/similar',
  summary: 'Achievements similar to an achievement, explained',
  tags: ['matching'],
  params: IdParams,
  query: MatchListQuery,
  response: MatchList,
});

// ---- free text → directories --------------------------------------------

  /**
 * Free text → the directories (docs/decisions/0022): approved service
 * institutions (name, types, the services they offer, summary) and people
 * (approved broker profiles with their expertise; review experts by field,
 * title and unit for those who may read the expert pool, the bureau).
 */
export const DIRECTORY_MATCH_KINDS = ['institution', 'broker', 'expert'] as const;
export const DirectoryMatchKind = z.enum(DIRECTORY_MATCH_KINDS);
export type DirectoryMatchKind = z.infer<typeof DirectoryMatchKind>;

/** Institutions: in these regions, of these types, at these recognition levels. Unknown keys refused. */
export const InstitutionFilters = z.strictObject({
  regionCodes: Codes(z.string().refine(isValidRegion, { message: 'GB/T 2260 region code' })),
  institutionTypes: Codes(InstitutionType),
  recognitionLevels: Codes(RecognitionLevel),
});
export type InstitutionFilters = z.infer<typeof InstitutionFilters>;

/** People: only these kinds, brokers only of these grades. Unknown keys refused. */
export const ExpertFilters = z.strictObject({
  kinds: Codes(z.enum(['broker', 'expert'])),
  brokerGrades: Codes(BrokerGrade),
});
export type ExpertFilters = z.infer<typeof ExpertFilters>;

const DirectoryText = {
  /** "Describe your problem in a few sentences." */
  text: z.string().trim().min(2).max(4000),
  limit: z.number().int().min(1).max(100).default(20),
};
export const MatchInstitutionsBody = z.strictObject({ ...DirectoryText, filters: InstitutionFilters.optional() });
export const MatchExpertsBody = z.strictObject({ ...DirectoryText, filters: ExpertFilters.optional() });

/** One directory suggestion: the issue's `id, externalId, score, explanation`, and what people need to judge it. */
export const DirectoryMatchItem = z.object({
  id: Id,
  externalId: z.string().nullable(),
  score: z.number(),
  explanation: Explanation,
  kind: DirectoryMatchKind,
  /** The entry's name. */
  title: z.string(),
  /** The institution's organisation, the broker's home unit, the expert's registered unit. */
  organisation: z.object({ id: Id, name: z.string() }).nullable(),
  /** score over the text weight (0–1). */
  relevance: z.number(),
  /** The directory page (review experts have none). */
  link: z.string().nullable(),
  details: z.object({
    types: z.array(z.string()).optional(),
    recognitionLevel: z.string().optional(),
    regionCode: z.string().nullable().optional(),
    /** The institution's services in which a matched word occurs. */
    services: z.array(z.object({ name: z.string(), category: z.string() })).optional(),
    grade: z.string().optional(),
    expertise: z.array(z.string()).optional(),
    field: z.string().optional(),
    /** An expert's professional title (职称). */
    professionalTitle: z.string().optional(),
    unit: z.string().optional(),
  }),
});
export type DirectoryMatchItem = z.infer<typeof DirectoryMatchItem>;

export const DirectoryMatchList = z.object({
  direction: z.enum(['text-institutions', 'text-experts']),
  items: z.array(DirectoryMatchItem),
});
export type DirectoryMatchList = z.infer<typeof DirectoryMatchList>;

export const matchInstitutions = endpoint({
  method: 'POST',
  path: '/api/v1/match/institutions',
  summary: 'Service institutions matching a free-text problem description',
  tags: ['matching'],
  body: MatchInstitutionsBody,
  response: DirectoryMatchList,
});

export const matchExperts = endpoint({
  method: 'POST',
  path: '/api/v1/match/experts',
  summary: 'Brokers (and, for the bureau, review experts) matching a free-text problem description',
  tags: ['matching'],
  body: MatchExpertsBody,
  response: DirectoryMatchList,
});

// ---- subscriptions -------------------------------------------------------

export const DIGESTS = ['none', 'daily', 'weekly'] as const;
export const Digest = z.enum(DIGESTS);
export const SUBSCRIPTION_SOURCES = ['demand', 'achievement', 'profile'] as const;
export const SubscriptionSource = z.enum(SUBSCRIPTION_SOURCES);

export const CreateSubscriptionBody = z
  .strictObject({
    /** What to be told about: achievements or demands being published. */
    target: MatchKind,
    /** The interest: one of the caller's organisation's listings, or a free-text profile. */
    sourceKind: SubscriptionSource,
    sourceId: Id.optional(),
    profileText: z.string().trim().min(2).max(2000).optional(),
    filters: MatchFilters.default({}),
    /** Minimum relevance (0–1) to be told. */
    threshold: z.number().min(0).max(1).default(0.5),
    emailDigest: Digest.default('none'),
  })
  .refine((b) => b.sourceKind === 'profile' || b.sourceId, { message: 'sourceId is required for a listing', path: ['sourceId'] })
  .refine((b) => b.sourceKind !== 'profile' || b.profileText, { message: 'profileText is required for a profile', path: ['profileText'] });

export const UpdateSubscriptionBody = z
  .strictObject({
    filters: MatchFilters.optional(),
    threshold: z.number().min(0).max(1).optional(),
    emailDigest: Digest.optional(),
    active: z.boolean().optional(),
    profileText: z.string().trim().min(2).max(2000).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'nothing to change', path: ['threshold'] });

export const SubscriptionView = z.object({
  id: Id,
  target: MatchKind,
  sourceKind: SubscriptionSource,
  source: z.object({ id: Id, title: z.string() }).nullable(),
  profileText: z.string().nullable(),
  filters: MatchFilters,
  threshold: z.number(),
  emailDigest: Digest,
  active: z.boolean(),
  hits: z.number().int(),
  lastDigestAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
});
export type SubscriptionView = z.infer<typeof SubscriptionView>;

export const SubscriptionHitView = z.object({
  id: Id,
  kind: MatchKind,
  recordId: Id,
  title: z.string(),
  relevance: z.number(),
  explanation: Explanation,
  createdAt: IsoDateTime,
});

export const listSubscriptions = endpoint({
  method: 'GET',
  path: '/api/v1/match/subscriptions',
  summary: 'My subscriptions',
  tags: ['matching'],
  response: z.object({ items: z.array(SubscriptionView) }),
});

export const createSubscription = endpoint({
  method: 'POST',
  path: '/api/v1/match/subscriptions',
  summary: 'Subscribe to new matching records',
  tags: ['matching'],
  body: CreateSubscriptionBody,
  response: SubscriptionView,
});

export const updateSubscription = endpoint({
  method: 'PATCH',
  path: '/api/v1/match/subscriptions/:id',
  summary: 'Change a subscription',
  tags: ['matching'],
  params: IdParams,
  body: UpdateSubscriptionBody,
  response: SubscriptionView,
});

export const deleteSubscription = endpoint({
  method: 'DELETE',
  path: '/api/v1/match/subscriptions/:id',
  summary: 'Delete a subscription',
  tags: ['matching'],
  params: IdParams,
  response: Ok,
});

export const subscriptionHits = endpoint({
  method: 'GET',
  path: '/api/v1/match/subscriptions/:id/hits',
  summary: 'Records that matched a subscription, newest first',
  tags: ['matching'],
  params: IdParams,
  response: z.object({ items: z.array(SubscriptionHitView) }),
});

/** The e-mailed link's token: works without signing in. */
export const UnsubscribeBody = z.strictObject({ token: z.string().min(20).max(200) });

export const unsubscribe = endpoint({
  method: 'POST',
  path: '/api/v1/match/unsubscribe',
  summary: 'Stop a subscription from the link in its e-mail (no sign-in)',
  tags: ['matching'],
  body: UnsubscribeBody,
  response: z.object({ ok: z.literal(true), target: MatchKind, description: z.string() }),
});
