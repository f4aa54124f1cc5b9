import { z } from 'zod';
import { AchievementStage, CooperationMode, IpType, TransferMode } from '../taxonomies/codes.js';
import { IndustryDivisionCode, PillarIndustryCode, RegionCode, TechFieldCode } from '../taxonomies/refs.js';
import { AttachmentRef, AchievementContent, Contact, DemandContent, Fen } from './catalog-content.js';
import { endpoint, Id, IdParams, IsoDateTime, PageQuery } from './endpoint.js';

/**
 * Finding published listings: the public list with facets and Chinese search,
 * detail pages, exports, syndication (Atom and a JSON API), and the search
 * dictionary's administration. Only published records are ever visible here.
 */

/** The longest query we look at; anything longer is refused with a field message. */
export const MAX_QUERY_LENGTH = 200;

/** Which query answered: every term (and), any term (or), the fuzzy title match, or no query at all. */
export const SearchMode = z.enum(['and', 'or', 'fuzzy', 'none']);
export type SearchMode = z.infer<typeof SearchMode>;

/** A short window of a text with matched ranges as [start, end) offsets: the UI escapes and marks them. */
export const SnippetView = z.object({
  text: z.string(),
  highlights: z.array(z.tuple([z.number().int(), z.number().int()])),
  truncatedStart: z.boolean(),
  truncatedEnd: z.boolean(),
});
export type SnippetView = z.infer<typeof SnippetView>;

export const FacetBucket = z.object({ value: z.string(), label: z.string(), count: z.number().int() });
export type FacetBucket = z.infer<typeof FacetBucket>;

const SectionCode = z.string().regex(/^[A-T]$/);
const optionalInt = (min: number, max: number) => z.coerce.number().int().min(min).max(max).optional();

const commonQuery = {
  /** Chinese or English words; segmented with the project dictionary. */
  q: z.string().max(MAX_QUERY_LENGTH).optional(),
  industrySection: SectionCode.optional(),
  pillarTag: PillarIndustryCode.optional(),
  /** A province or prefecture code includes its counties. */
  region: RegionCode.optional(),
  sort: z.enum(['relevance', 'newest', 'price_asc', 'price_desc']).optional(),
};

/** Filters of the achievement list (also used by its export). */
export const AchievementFilter = z.object({
  ...commonQuery,
  industryDivision: IndustryDivisionCode.optional(),
  /** A top-level field (F04) includes its subfields (F04.05). */
  techField: TechFieldCode.optional(),
  trlMin: optionalInt(1, 9),
  trlMax: optionalInt(1, 9),
  stage: AchievementStage.optional(),
  transferMode: TransferMode.optional(),
  ipType: IpType.optional(),
  /** Asking price range in fen (negotiable prices are outside any range). */
  priceMinFen: z.coerce.number().pipe(Fen).optional(),
  priceMaxFen: z.coerce.number().pipe(Fen).optional(),
  /** true: only 面议; false: only fixed prices. */
  negotiable: z.stringbool().optional(),
});
export type AchievementFilter = z.infer<typeof AchievementFilter>;

/** Filters of the demand list (also used by its export). */
export const DemandFilter = z.object({
  ...commonQuery,
  cooperationMode: CooperationMode.optional(),
  /** Demands whose budget range overlaps [budgetMinFen, budgetMaxFen]. */
  budgetMinFen: z.coerce.number().pipe(Fen).optional(),
  budgetMaxFen: z.coerce.number().pipe(Fen).optional(),
  /** Demands whose deadline is on or after this date. */
  deadlineAfter: z.iso.date().optional(),
});
export type DemandFilter = z.infer<typeof DemandFilter>;

const listCommon = {
  id: Id,
  title: z.string(),
  /** Matched ranges of the title. */
  titleHighlights: z.array(z.tuple([z.number().int(), z.number().int()])),
  /** The best window of the summary (achievements) or problem (demands). */
  snippet: SnippetView,
  organisationName: z.string(),
  keywords: z.array(z.string()),
  industrySection: z.string().nullable(),
  industryDivision: z.string().nullable(),
  techField: z.string().nullable(),
  pillarTags: z.array(z.string()),
  regionCode: z.string().nullable(),
  publishedAt: IsoDateTime,
};

export const AchievementListItem = z.object({
  ...listCommon,
  trl: z.number().int().nullable(),
  stage: z.string().nullable(),
  transferModes: z.array(z.string()),
  ipTypes: z.array(z.string()),
  priceFen: z.number().int().nullable(),
  priceNegotiable: z.boolean(),
});
export type AchievementListItem = z.infer<typeof AchievementListItem>;

export const DemandListItem = z.object({
  ...listCommon,
  cooperationModes: z.array(z.string()),
  budgetMinFen: z.number().int().nullable(),
  budgetMaxFen: z.number().int().nullable(),
  budgetNegotiable: z.boolean(),
  deadline: z.string().nullable(),
});
export type DemandListItem = z.infer<typeof DemandListItem>;

function listResponse<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    mode: SearchMode,
    /** For each facet, the counts under every other filter (and the query). */
    facets: z.record(z.string(), z.array(FacetBucket)),
  });
}

export const AchievementList = listResponse(AchievementListItem);
export type AchievementList = z.infer<typeof AchievementList>;
export const DemandList = listResponse(DemandListItem);
export type DemandList = z.infer<typeof DemandList>;

export const AttachmentView = AttachmentRef.extend({
  filename: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
});

const detailCommon = {
  id: Id,
  organisation: z.object({ id: Id, name: z.string() }),
  publishedAt: IsoDateTime,
  updatedAt: IsoDateTime,
  attachments: z.array(AttachmentView),
  /** Only for signed-in members of verified organisations (and staff); else null with contactHidden. */
  contact: Contact.nullable(),
  contactHidden: z.boolean(),
};

/** The published content without its contact (which is in `contact`, when visible). */
export const PublicAchievement = z.object({
  ...detailCommon,
  kind: z.literal('achievement'),
  // The shapes without their cross-field refinements (zod cannot omit from a refined object).
  content: z.object(AchievementContent.shape).omit({ contact: true }),
});
export type PublicAchievement = z.infer<typeof PublicAchievement>;

export const PublicDemand = z.object({
  ...detailCommon,
  kind: z.literal('demand'),
  content: z.object(DemandContent.shape).omit({ contact: true }),
});
export type PublicDemand = z.infer<typeof PublicDemand>;

export const listAchievements = endpoint({
  method: 'GET',
  path: '/api/v1/achievements',
  summary: 'Published achievements: Chinese search, facets with counts, sort, pages',
  tags: ['portal'],
  query: PageQuery.extend(AchievementFilter.shape),
  response: AchievementList,
});

export const listDemands = endpoint({
  method: 'GET',
  path: '/api/v1/demands',
  summary: 'Published demands: Chinese search, facets with counts, sort, pages',
  tags: ['portal'],
  query: PageQuery.extend(DemandFilter.shape),
  response: DemandList,
});

export const getAchievement = endpoint({
  method: 'GET',
  path: '/api/v1/achievements/:id',
  summary: 'One published achievement (contact for verified organisations only)',
  tags: ['portal'],
  params: IdParams,
  response: PublicAchievement,
});

export const getDemand = endpoint({
  method: 'GET',
  path: '/api/v1/demands/:id',
  summary: 'One published demand (contact for verified organisations only)',
  tags: ['portal'],
  params: IdParams,
  response: PublicDemand,
});

export const EXPORT_FORMATS = ['xlsx', 'csv', 'json'] as const;
const exportFormat = { format: z.enum(EXPORT_FORMATS).default('xlsx') };

export const exportAchievements = endpoint({
  method: 'GET',
  path: '/api/v1/achievements/export',
  summary: 'Export the filtered published achievements (XLSX, CSV or JSON; never contacts)',
  tags: ['portal'],
  query: AchievementFilter.extend(exportFormat),
  response: z.unknown(),
  download: true,
});

export const exportDemands = endpoint({
  method: 'GET',
  path: '/api/v1/demands/export',
  summary: 'Export the filtered published demands (XLSX, CSV or JSON; never contacts)',
  tags: ['portal'],
  query: DemandFilter.extend(exportFormat),
  response: z.unknown(),
  download: true,
});

export const achievementsFeed = endpoint({
  method: 'GET',
  path: '/api/v1/feeds/achievements.atom',
  summary: 'Atom 1.0 feed of the latest 100 published achievements',
  tags: ['syndication'],
  response: z.unknown(),
  download: true,
});

export const demandsFeed = endpoint({
  method: 'GET',
  path: '/api/v1/feeds/demands.atom',
  summary: 'Atom 1.0 feed of the latest 100 published demands',
  tags: ['syndication'],
  response: z.unknown(),
  download: true,
});

/** Page through changes: records published or updated after `since`, oldest first. */
export const SyndicationQuery = z.object({
  since: z.iso.datetime({ offset: true }).optional(),
  /** Opaque; from the previous page's `nextCursor`. */
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** The documented field mapping (docs/syndication.md); stable across versions of the platform. */
export const SyndicationRecord = z.object({
  id: Id,
  kind: z.enum(['achievement', 'demand']),
  url: z.string(),
  title: z.string(),
  summary: z.string(),
  keywords: z.array(z.string()),
  organisation: z.string(),
  industrySection: z.string().nullable(),
  industryDivision: z.string().nullable(),
  techField: z.string().nullable(),
  pillarTags: z.array(z.string()),
  regionCode: z.string().nullable(),
  publishedAt: IsoDateTime,
  updatedAt: IsoDateTime,
  /** Achievements only (null for demands). */
  trl: z.number().int().nullable(),
  stage: z.string().nullable(),
  transferModes: z.array(z.string()),
  ipTypes: z.array(z.string()),
  priceFen: z.number().int().nullable(),
  priceNegotiable: z.boolean().nullable(),
  /** Demands only (null/empty for achievements). */
  cooperationModes: z.array(z.string()),
  budgetMinFen: z.number().int().nullable(),
  budgetMaxFen: z.number().int().nullable(),
  budgetNegotiable: z.boolean().nullable(),
  deadline: z.string().nullable(),
});
export type SyndicationRecord = z.infer<typeof SyndicationRecord>;

export const SyndicationPage = z.object({ items: z.array(SyndicationRecord), nextCursor: z.string().nullable() });

export const syndicateAchievements = endpoint({
  method: 'GET',
  path: '/api/v1/syndication/achievements',
  summary: 'Published achievements changed since a time, for partner platforms (API token)',
  tags: ['syndication'],
  query: SyndicationQuery,
  response: SyndicationPage,
});

export const syndicateDemands = endpoint({
  method: 'GET',
  path: '/api/v1/syndication/demands',
  summary: 'Published demands changed since a time, for partner platforms (API token)',
  tags: ['syndication'],
  query: SyndicationQuery,
  response: SyndicationPage,
});

// NUL and other control characters cannot be stored in PostgreSQL text.
const NO_CONTROL_CHARS = /^[^\p{Cc}]*$/u;

export const DictionaryTermView = z.object({ term: z.string(), addedBy: z.string().nullable(), createdAt: IsoDateTime });

export const DictionaryState = z.object({
  terms: z.array(DictionaryTermView),
  /** The running segmenter's version. */
  dictionaryVersion: z.string(),
  /** Published listings indexed with another version (a rebuild brings them up to date). */
  staleListings: z.number().int(),
});

export const listDictionary = endpoint({
  method: 'GET',
  path: '/api/v1/admin/dictionary',
  summary: 'The administrators’ search terms and how much of the index is stale',
  tags: ['search'],
  response: DictionaryState,
});

export const addDictionaryTerm = endpoint({
  method: 'POST',
  path: '/api/v1/admin/dictionary',
  summary: 'Add a term to the search dictionary (takes effect for new indexing; rebuild for old records)',
  tags: ['search'],
  body: z.object({ term: z.string().trim().min(2).max(24).regex(NO_CONTROL_CHARS) }),
  response: DictionaryState,
});

export const removeDictionaryTerm = endpoint({
  method: 'DELETE',
  path: '/api/v1/admin/dictionary/:term',
  summary: 'Remove a term from the search dictionary',
  tags: ['search'],
  params: z.object({ term: z.string().min(1).max(100).regex(NO_CONTROL_CHARS) }),
  response: DictionaryState,
});

export const RebuildView = z.object({
  id: Id,
  status: z.enum(['queued', 'running', 'done', 'failed']),
  dictionaryVersion: z.string(),
  total: z.number().int(),
  done: z.number().int(),
  error: z.string().nullable(),
  createdAt: IsoDateTime,
  startedAt: IsoDateTime.nullable(),
  finishedAt: IsoDateTime.nullable(),
});
export type RebuildView = z.infer<typeof RebuildView>;

export const startIndexRebuild = endpoint({
  method: 'POST',
  path: '/api/v1/admin/search-index/rebuilds',
  summary: 'Rebuild the search index of every published listing (one at a time)',
  tags: ['search'],
  response: RebuildView,
});

export const latestIndexRebuild = endpoint({
  method: 'GET',
  path: '/api/v1/admin/search-index/rebuilds/latest',
  summary: 'Progress of the latest index rebuild (null when none ran)',
  tags: ['search'],
  response: z.object({ rebuild: RebuildView.nullable() }),
});

