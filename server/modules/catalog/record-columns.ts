import type { AchievementDraft, DemandDraft, ListingKind } from '../../../shared/contracts/catalog-content.js';
import { listingQuality } from '../../../shared/catalog/quality.js';
import type { ListingInsert } from './repository.js';

/**
 * The record columns a revision's content determines. Records mirror their
 * published revision once they have one (public queries never see unreviewed
 * edits) and their working draft before that (so the console lists it).
 * Drafts may lack anything but the title, hence the empty defaults.
 */
export function recordColumns(kind: ListingKind, content: unknown): ListingInsert {
  if (kind === 'achievement') {
    const c = content as AchievementDraft;
    return {
      ...commonColumns(kind, c),
      summary: c.summary ?? '',
      trl: c.trl ?? null,
      stage: c.stage ?? null,
      transferModes: c.transferModes ?? [],
      ipTypes: [...new Set((c.ipItems ?? []).map((i) => i.type))],
      priceFen: c.price?.kind === 'fixed' ? c.price.amountFen : null,
      priceNegotiable: c.price?.kind === 'negotiable',
    };
  }
  const c = content as DemandDraft;
  return {
    ...commonColumns(kind, c),
    problem: c.problem ?? '',
    cooperationModes: c.cooperationModes ?? [],
    budgetMinFen: c.budget?.minFen ?? null,
    budgetMaxFen: c.budget?.maxFen ?? null,
    budgetNegotiable: c.budget?.negotiable ?? false,
    deadline: c.deadline ?? null,
  };
}

function commonColumns(kind: ListingKind, c: AchievementDraft | DemandDraft) {
  return {
    title: c.title,
    keywords: c.keywords ?? [],
    industrySection: c.industrySection ?? null,
    industryDivision: c.industryDivision ?? null,
    techField: c.techField ?? null,
    pillarTags: c.pillarTags ?? [],
    regionCode: c.regionCode ?? null,
    qualityScore: listingQuality(kind, c).score,
  };
}
