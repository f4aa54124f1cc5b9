import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { files } from './schema.js';

/** SQL of the files domain. */

export type FileRow = typeof files.$inferSelect;
export type FileMeta = Omit<FileRow, 'data'>;

const META = {
  id: files.id,
  organisationId: files.organisationId,
  uploadedBy: files.uploadedBy,
  purpose: files.purpose,
  filename: files.filename,
  contentType: files.contentType,
  sizeBytes: files.sizeBytes,
  sha256: files.sha256,
  createdAt: files.createdAt,
};

export async function insertFile(tx: DbOrTx, values: typeof files.$inferInsert): Promise<FileMeta> {
  const [row] = await tx.insert(files).values(values).returning(META);
  return row!;
}

/** A file's metadata without its bytes. */
export async function findFileMeta(db: DbOrTx, id: string): Promise<FileMeta | null> {
  const [row] = await db.select(META).from(files).where(eq(files.id, id)).limit(1);
  return row ?? null;
}

export async function findFilesMeta(db: DbOrTx, ids: readonly string[]): Promise<FileMeta[]> {
  if (ids.length === 0) return [];
  return db.select(META).from(files).where(inArray(files.id, [...ids]));
}

/** A file with its bytes. */
export async function findFile(db: DbOrTx, id: string): Promise<FileRow | null> {
  const [row] = await db.select().from(files).where(eq(files.id, id)).limit(1);
  return row ?? null;
}

/** The bytes of a file of a given purpose (imports read their source this way). */
export async function fileBytes(db: DbOrTx, id: string, purpose?: string): Promise<Buffer | null> {
  const where = purpose ? and(eq(files.id, id), eq(files.purpose, purpose)) : eq(files.id, id);
  const [row] = await db.select({ data: files.data }).from(files).where(where).limit(1);
  return row?.data ?? null;
}

/**
 * Whether the file is an attachment of the PUBLISHED revision of a published
 * achievement or demand, i.e. whether anyone may download it. The catalog may
 * reuse this (e.g. to show attachment links on public pages).
 */
export async function isPublishedAttachment(db: DbOrTx, fileId: string): Promise<boolean> {
  const ref = JSON.stringify([{ fileId }]);
  const r = await db.execute<{ found: number }>(sql`
    SELECT 1 AS found FROM listing_revisions lr
    WHERE lr.content -> 'attachments' @> ${ref}::jsonb
      AND (
        EXISTS (SELECT 1 FROM achievements a WHERE a.published_revision_id = lr.id AND a.status = 'published')
        OR EXISTS (SELECT 1 FROM demands d WHERE d.published_revision_id = lr.id AND d.status = 'published')
      )
    LIMIT 1`);
  return r.rows.length > 0;
}
