import { inArray } from 'drizzle-orm';
import { AchievementContent, DemandContent, type ListingKind } from '../../../../shared/contracts/catalog-content.js';
import type { PublicAchievement, PublicDemand } from '../../../../shared/contracts/catalog-public.js';
import type { Actor } from '../../../core/access.js';
import { AppError } from '../../../core/errors.js';
import type { DbOrTx } from '../../../db/client.js';
import { files } from '../../files/schema.js';
import { loadOnePublished, type PublishedListing } from './published.js';

/**
 * Contacts are the reason to sign up: only signed-in members of verified
 * organisations see them (issue 3). Everyone else learns that one exists.
 */
export function maySeeContact(actor: Actor): boolean {
  return actor.userId !== null && actor.orgVerified;
}

// Metadata only; the bytes are served by the files module's download route.
// TODO(files): read through an exported function of the files module once it has one.
async function attachmentsOf(db: DbOrTx, refs: readonly { fileId: string; caption?: string }[]) {
  if (refs.length === 0) return [];
  const rows = await db
    .select({ id: files.id, filename: files.filename, contentType: files.contentType, sizeBytes: files.sizeBytes })
    .from(files)
    .where(inArray(files.id, refs.map((r) => r.fileId)));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return refs.flatMap((ref) => {
    const f = byId.get(ref.fileId);
    return f ? [{ fileId: ref.fileId, ...(ref.caption ? { caption: ref.caption } : {}), filename: f.filename, contentType: f.contentType, sizeBytes: f.sizeBytes }] : [];
  });
}

async function present(db: DbOrTx, actor: Actor, listing: PublishedListing, parsed: { contact: unknown; attachments: { fileId: string; caption?: string }[] }) {
  const visible = maySeeContact(actor);
  return {
    id: listing.id,
    organisation: { id: listing.organisationId, name: listing.organisationName },
    publishedAt: listing.publishedAt.toISOString(),
    updatedAt: listing.updatedAt.toISOString(),
    attachments: await attachmentsOf(db, parsed.attachments),
    contact: visible ? (parsed.contact as PublicAchievement['contact']) : null,
    contactHidden: !visible,
  };
}

async function load(db: DbOrTx, kind: ListingKind, id: string): Promise<PublishedListing> {
  const listing = await loadOnePublished(db, kind, id);
  if (!listing) throw new AppError('NOT_FOUND');
  return listing;
}

/** A published achievement as the portal shows it; NOT_FOUND for anything else. */
export async function getPublicAchievement(db: DbOrTx, actor: Actor, id: string): Promise<PublicAchievement> {
  const listing = await load(db, 'achievement', id);
  const { contact, ...content } = AchievementContent.parse(listing.content);
  return { ...(await present(db, actor, listing, { contact, attachments: content.attachments })), kind: 'achievement', content };
}

/** A published demand as the portal shows it; NOT_FOUND for anything else. */
export async function getPublicDemand(db: DbOrTx, actor: Actor, id: string): Promise<PublicDemand> {
  const listing = await load(db, 'demand', id);
  const { contact, ...content } = DemandContent.parse(listing.content);
  return { ...(await present(db, actor, listing, { contact, attachments: content.attachments })), kind: 'demand', content };
}
