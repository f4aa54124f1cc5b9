import type { ListingKind } from '../../../../shared/contracts/catalog-content.js';
import { enumLabel, region } from '../../../../shared/taxonomies/index.js';
import type { DbOrTx } from '../../../db/client.js';
import { loadOnePublished, type PublishedListing } from './published.js';
import { listingUrl } from './syndication.js';

/** The portal's name, as in web/index.html. */
export const SITE_NAME = '成果 · 科技成果转移转化服务平台';
const DESCRIPTION_LENGTH = 150;
const LISTING_PATH = /^\/(achievements|demands)\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i;

/** Text for HTML character data and double-quoted attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * JSON for a <script type="application/ld+json"> block: `<`, `>` and `&` are
 * written as \u escapes (still the same JSON), so no text in a listing can
 * close the element (`</script`) or open a comment (`<!--`).
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function oneLine(s: string, max: number): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : flat;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);
const yuan = (fen: number) => (fen / 100).toFixed(2);

/** schema.org description of a listing: an achievement is a CreativeWork offered; a demand is a Demand. */
export function jsonLd(listing: PublishedListing, url: string): Record<string, unknown> {
  const c = listing.content;
  const regionName = str(c.regionCode) ? region(c.regionCode as string)?.name : undefined;
  const base = {
    '@context': 'https://schema.org',
    name: listing.title,
    url,
    datePublished: listing.publishedAt.toISOString(),
    dateModified: listing.updatedAt.toISOString(),
    keywords: Array.isArray(c.keywords) ? (c.keywords as string[]).join(',') : undefined,
    ...(regionName ? { areaServed: regionName } : {}),
  };
  if (listing.kind === 'achievement') {
    const price = c.price as { kind: string; amountFen?: number } | undefined;
    return {
      ...base,
      '@type': 'CreativeWork',
      description: str(c.summary),
      creator: { '@type': 'Organization', name: listing.organisationName },
      ...(str(c.stage) ? { creativeWorkStatus: enumLabel('achievementStage', c.stage as string, 'zh-CN') } : {}),
      ...(price?.kind === 'fixed' && typeof price.amountFen === 'number'
        ? { offers: { '@type': 'Offer', price: yuan(price.amountFen), priceCurrency: 'CNY', url } }
        : {}),
    };
  }
  const budget = c.budget as { minFen?: number; maxFen?: number } | undefined;
  return {
    ...base,
    '@type': 'Demand',
    description: str(c.problem),
    ...(str(c.deadline) ? { availabilityEnds: c.deadline } : {}),
    ...(budget?.minFen !== undefined || budget?.maxFen !== undefined
      ? {
          priceSpecification: {
            '@type': 'PriceSpecification',
            priceCurrency: 'CNY',
            ...(budget.minFen !== undefined ? { minPrice: yuan(budget.minFen) } : {}),
            ...(budget.maxFen !== undefined ? { maxPrice: yuan(budget.maxFen) } : {}),
          },
        }
      : {}),
  };
}

/** Which listing a portal path names, or null. */
export function listingOfPath(url: string): { kind: ListingKind; id: string } | null {
  let path: string;
  try {
    path = new URL(url, 'http://x').pathname;
  } catch {
    return null;
  }
  const m = LISTING_PATH.exec(path);
  if (!m) return null;
  return { kind: m[1] === 'achievements' ? 'achievement' : 'demand', id: m[2]!.toLowerCase() };
}

/**
 * The SPA shell for a published listing's page, with its own <title>, meta
 * description, canonical link and schema.org JSON-LD, so that search engines
 * (which may not run the app) index the listing. JSON-LD is data, not script:
 * browsers do not execute it, so the CSP (script-src 'self') does not apply.
 * Returns null when `url` is not the page of a published listing (the caller
 * then sends the plain shell, and the app shows its own "not found").
 *
 * @param url the request URL (path and query, or absolute)
 * @param indexHtml dist/web/index.html
 * @param publicUrl the portal's public origin, for canonical links (config.publicUrl)
 */
export async function renderListingShell(db: DbOrTx, url: string, indexHtml: string, publicUrl = ''): Promise<string | null> {
  const target = listingOfPath(url);
  if (!target) return null;
  const listing = await loadOnePublished(db, target.kind, target.id);
  if (!listing) return null;
  const canonical = listingUrl(publicUrl, target.kind, listing.id);
  const body = str(listing.kind === 'achievement' ? listing.content.summary : listing.content.problem) ?? listing.title;
  const description = oneLine(`${listing.organisationName}：${body}`, DESCRIPTION_LENGTH);
  const head = [
    `<title>${escapeHtml(`${listing.title} · ${SITE_NAME}`)}</title>`,
    `<meta name="description" content="${escapeHtml(description)}" />`,
    `<link rel="canonical" href="${escapeHtml(canonical)}" />`,
    `<meta property="og:title" content="${escapeHtml(listing.title)}" />`,
    `<meta property="og:description" content="${escapeHtml(description)}" />`,
    `<meta property="og:url" content="${escapeHtml(canonical)}" />`,
    `<script type="application/ld+json">${jsonForScript(jsonLd(listing, canonical))}</script>`,
  ].join('\n    ');
  // The shell's own title and description are replaced, not duplicated. Replacement functions, not
  // strings: a `$&` in a title must stay literal.
  const stripped = indexHtml.replace(/<title>[\s\S]*?<\/title>\s*/i, () => '').replace(/<meta\s+name=["']description["'][^>]*>\s*/i, () => '');
  if (!/<\/head>/i.test(stripped)) return null;
  return stripped.replace(/<\/head>/i, () => `  ${head}\n  </head>`);
}
