import { sql } from 'drizzle-orm';
import type { SyndicationRecord } from '../../../../shared/contracts/catalog-public.js';
import type { ListingKind } from '../../../../shared/contracts/catalog-content.js';
import { AppError } from '../../../core/errors.js';
import type { DbOrTx } from '../../../db/client.js';
import { tableOf } from './published.js';

/**
 * Syndication to partner platforms (the municipal S&T achievement network,
 * the provincial technology market): an Atom 1.0 feed of the latest published
 * listings and a JSON API to page through changes. Field mapping:
 * docs/syndication.md.
 */

export const FEED_SIZE = 100;

type Row = {
  id: string;
  title: string;
  body: string;
  organisation_name: string;
  keywords: string[];
  industry_section: string | null;
  industry_division: string | null;
  tech_field: string | null;
  pillar_tags: string[];
  region_code: string | null;
  published_at: Date;
  updated_at: Date;
  /** updated_at at full (microsecond) precision, for the cursor. */
  cursor_at: string;
  trl: number | null;
  stage: string | null;
  transfer_modes: string[] | null;
  ip_types: string[] | null;
  price_fen: string | null;
  price_negotiable: boolean | null;
  cooperation_modes: string[] | null;
  budget_min_fen: string | null;
  budget_max_fen: string | null;
  budget_negotiable: boolean | null;
  deadline: string | null;
};

function columns(kind: ListingKind) {
  const shared = sql`l.id, l.title, o.name AS organisation_name, l.keywords, l.industry_section, l.industry_division, l.tech_field,
    l.pillar_tags, l.region_code, coalesce(l.published_at, l.updated_at) AS published_at, l.updated_at,
    to_char(l.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at`;
  return kind === 'achievement'
    ? sql`${shared}, l.summary AS body, l.trl, l.stage, l.transfer_modes, l.ip_types, l.price_fen::text, l.price_negotiable,
        NULL::text[] AS cooperation_modes, NULL::text AS budget_min_fen, NULL::text AS budget_max_fen, NULL::boolean AS budget_negotiable, NULL::text AS deadline`
    : sql`${shared}, l.problem AS body, NULL::smallint AS trl, NULL::text AS stage, NULL::text[] AS transfer_modes, NULL::text[] AS ip_types,
        NULL::text AS price_fen, NULL::boolean AS price_negotiable, l.cooperation_modes, l.budget_min_fen::text, l.budget_max_fen::text,
        l.budget_negotiable, l.deadline::text AS deadline`;
}

const plural = (kind: ListingKind) => (kind === 'achievement' ? 'achievements' : 'demands');
const num = (v: string | null) => (v === null ? null : Number(v));

/** The portal's page of a listing: the link partners show. */
export function listingUrl(publicUrl: string, kind: ListingKind, id: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/${plural(kind)}/${id}`;
}

function toRecord(kind: ListingKind, r: Row, publicUrl: string): SyndicationRecord {
  return {
    id: r.id,
    kind,
    url: listingUrl(publicUrl, kind, r.id),
    title: r.title,
    summary: r.body,
    keywords: r.keywords ?? [],
    organisation: r.organisation_name,
    industrySection: r.industry_section,
    industryDivision: r.industry_division,
    techField: r.tech_field,
    pillarTags: r.pillar_tags ?? [],
    regionCode: r.region_code,
    publishedAt: new Date(r.published_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
    trl: r.trl,
    stage: r.stage,
    transferModes: r.transfer_modes ?? [],
    ipTypes: r.ip_types ?? [],
    priceFen: num(r.price_fen),
    priceNegotiable: r.price_negotiable,
    cooperationModes: r.cooperation_modes ?? [],
    budgetMinFen: num(r.budget_min_fen),
    budgetMaxFen: num(r.budget_max_fen),
    budgetNegotiable: r.budget_negotiable,
    deadline: r.deadline,
  };
}

// The cursor is the last row's (updated_at, id): opaque to partners, stable under inserts.
function encodeCursor(at: string, id: string): string {
  return Buffer.from(`${at}|${id}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): { at: string; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!at || !id || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/.test(at) || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw AppError.field('cursor', '翻页标记无效，请从第一页重新开始。', 'The cursor is not valid; start again from the first page.');
  }
  return { at, id };
}

/**
 * Published listings changed after `since` (or after the cursor), oldest
 * change first, so a partner that stores `nextCursor` sees every change once.
 */
export async function syndicationPage(
  db: DbOrTx,
  kind: ListingKind,
  input: { since?: string; cursor?: string; limit: number },
  publicUrl: string,
): Promise<{ items: SyndicationRecord[]; nextCursor: string | null }> {
  const conditions = [sql`l.status = 'published'`];
  if (input.cursor) {
    const c = decodeCursor(input.cursor);
    conditions.push(sql`(l.updated_at, l.id) > (${c.at}::timestamptz, ${c.id}::uuid)`);
  } else if (input.since) {
    conditions.push(sql`l.updated_at > ${input.since}::timestamptz`);
  }
  const r = await db.execute<Row>(sql`
    SELECT ${columns(kind)} FROM ${tableOf(kind)} l JOIN organisations o ON o.id = l.organisation_id
    WHERE ${sql.join(conditions, sql` AND `)} ORDER BY l.updated_at, l.id LIMIT ${input.limit + 1}`);
  const rows = r.rows.slice(0, input.limit);
  const last = rows[rows.length - 1];
  return {
    items: rows.map((row) => toRecord(kind, row, publicUrl)),
    nextCursor: r.rows.length > input.limit && last ? encodeCursor(last.cursor_at, last.id) : null,
  };
}

// XML 1.0 forbids most control characters (even escaped) and unpaired surrogates.
const XML_INVALID = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text for XML character data or attribute values. */
export function xmlText(s: string): string {
  return s
    .replace(XML_INVALID, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const FEED_TITLE: Record<ListingKind, string> = { achievement: '科技成果', demand: '技术需求' };

/** Atom 1.0 feed of the latest FEED_SIZE published listings, newest first. */
export async function atomFeed(db: DbOrTx, kind: ListingKind, opts: { publicUrl: string; siteName: string; now: Date }): Promise<string> {
  const r = await db.execute<Row>(sql`
    SELECT ${columns(kind)} FROM ${tableOf(kind)} l JOIN organisations o ON o.id = l.organisation_id
    WHERE l.status = 'published' ORDER BY l.published_at DESC NULLS LAST, l.id DESC LIMIT ${FEED_SIZE}`);
  const base = opts.publicUrl.replace(/\/+$/, '');
  const self = `${base}/api/v1/feeds/${plural(kind)}.atom`;
  const updated = r.rows.reduce((max, row) => Math.max(max, new Date(row.updated_at).getTime()), 0);
  const entries = r.rows.map((row) => {
    const url = listingUrl(base, kind, row.id);
    const summary = row.body.length > 500 ? `${row.body.slice(0, 500)}…` : row.body;
    const categories = (row.pillar_tags ?? []).map((t) => `    <category term="${xmlText(t)}"/>`).join('\n');
    return [
      '  <entry>',
      `    <id>urn:uuid:${row.id}</id>`,
      `    <title>${xmlText(row.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${xmlText(url)}"/>`,
      `    <published>${new Date(row.published_at).toISOString()}</published>`,
      `    <updated>${new Date(row.updated_at).toISOString()}</updated>`,
      `    <author><name>${xmlText(row.organisation_name)}</name></author>`,
      `    <summary type="text">${xmlText(summary)}</summary>`,
      ...(categories ? [categories] : []),
      '  </entry>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
    `  <id>${xmlText(self)}</id>`,
    `  <title>${xmlText(`${opts.siteName} · ${FEED_TITLE[kind]}`)}</title>`,
    `  <updated>${new Date(updated || opts.now.getTime()).toISOString()}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlText(self)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlText(`${base}/${plural(kind)}`)}"/>`,
    `  <generator>Chengguo</generator>`,
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}
