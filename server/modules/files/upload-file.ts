import { createHash } from 'node:crypto';
import { FILE_RULES, type FilePurpose } from '../../../shared/contracts/files.js';
import { type Actor, can } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { detectContentType, extensionMismatch } from './detect-type.js';
import { type FileMeta, insertFile } from './repository.js';
import './policy.js';

export type UploadInput = { purpose: FilePurpose; filename: string; data: Buffer };

/**
 * Files of one's own (accounts without an organisation, 0027): at most this
 * many, and this many bytes, in any 24 hours. Anyone signed in may upload
 * them, so the cap bounds what one account can store; organisation members
 * and staff are not capped.
 */
export const OWN_FILES_PER_DAY = 50;
export const OWN_BYTES_PER_DAY = 100 * 1024 * 1024;

/** Refuses an own-file upload past the day's cap; one upload per account at a time decides. */
async function assertOwnQuota(tx: Tx, actor: Actor, bytes: number, now: Date): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`files:own:${actor.userId}`}))`);
  const since = new Date(now.getTime() - 24 * 3600 * 1000);
  const r = await tx.execute<{ n: number; bytes: string }>(sql`
    SELECT count(*)::int AS n, coalesce(sum(size_bytes), 0)::bigint AS bytes FROM files
    WHERE uploaded_by = ${actor.userId} AND organisation_id IS NULL AND created_at > ${since.toISOString()}::timestamptz`);
  const used = r.rows[0]!;
  if (used.n + 1 > OWN_FILES_PER_DAY || Number(used.bytes) + bytes > OWN_BYTES_PER_DAY) {
    throw new AppError('RATE_LIMITED', {
      fields: [{
        path: 'file',
        zh: `个人上传已达每日上限（24 小时内最多 ${OWN_FILES_PER_DAY} 个文件、共 ${OWN_BYTES_PER_DAY / 1024 / 1024} MB），请稍后再试`,
        en: `Your uploads have reached the daily limit (${OWN_FILES_PER_DAY} files or ${OWN_BYTES_PER_DAY / 1024 / 1024} MB in 24 hours); try again later`,
      }],
    });
  }
}

const TYPE_NAMES: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'image/webp': 'WEBP',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'XLSX',
  'text/csv': 'CSV',
  'application/x-ndjson': 'JSONL',
};

/** The allowed types of a purpose, for messages ("PDF、PNG、JPEG、WEBP"). */
export function allowedTypeNames(purpose: FilePurpose): string[] {
  return FILE_RULES[purpose].types.map((t) => TYPE_NAMES[t] ?? t);
}

/** Keep the client's name for display, without path parts or control characters. */
export function cleanFilename(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200);
  return clean || 'file';
}

/**
 * Store an uploaded file for the caller's organisation after checking its
 * type from the content and its size against FILE_RULES. Without an
 * organisation (staff, experts, anyone else signed in) the file is the
 * caller's own: no organisation, read only by them (and the bureau).
 */
export async function uploadFile(tx: Tx, actor: Actor, input: UploadInput, now: Date): Promise<FileMeta> {
  if (!can(actor, 'upload', 'file', { organisationId: actor.organisationId, ownerId: actor.userId })) {
    throw new AppError(actor.userId ? 'FORBIDDEN' : 'UNAUTHENTICATED');
  }
  const rules = FILE_RULES[input.purpose];
  const allowed = allowedTypeNames(input.purpose).join('、');
  if (input.data.length === 0) throw AppError.field('file', '文件为空', 'The file is empty');
  if (input.data.length > rules.maxBytes) {
    throw new AppError('PAYLOAD_TOO_LARGE', { fields: [tooLarge(rules.maxBytes)] });
  }
  const contentType = detectContentType(input.data);
  if (!contentType || !(rules.types as readonly string[]).includes(contentType)) {
    throw AppError.field('file', `文件类型不允许，只接受 ${allowed}（按文件内容判断）`, `This type of file is not accepted; allowed: ${allowed} (judged from the content)`);
  }
  const filename = cleanFilename(input.filename);
  if (extensionMismatch(filename, contentType)) {
    throw AppError.field(
      'file',
      `文件扩展名与内容不符：内容是 ${TYPE_NAMES[contentType]}`,
      `The file name's extension does not match its content (${TYPE_NAMES[contentType]})`,
    );
  }
  // A file of one's own (no organisation) from anyone but staff (scope any: a file owned by nobody passes only that) counts against the day's cap.
  const staff = can(actor, 'upload', 'file', { organisationId: null, ownerId: null });
  if (!actor.organisationId && !staff) await assertOwnQuota(tx, actor, input.data.length, now);
  const sha256 = createHash('sha256').update(input.data).digest('hex');
  const row = await insertFile(tx, {
    organisationId: actor.organisationId,
    uploadedBy: actor.userId,
    purpose: input.purpose,
    filename,
    contentType,
    sizeBytes: input.data.length,
    sha256,
    data: input.data,
    createdAt: now,
  });
  await recordAudit(tx, actor, {
    action: 'file.upload',
    entityType: 'file',
    entityId: row.id,
    changes: { purpose: input.purpose, filename, contentType, sizeBytes: row.sizeBytes, sha256 },
  });
  return row;
}

/** The field error for a file over the purpose's limit. */
export function tooLarge(maxBytes: number): { path: string; zh: string; en: string } {
  const mb = Math.round((maxBytes / 1024 / 1024) * 10) / 10;
  return { path: 'file', zh: `文件超过 ${mb} MB 的上限`, en: `The file exceeds the ${mb} MB limit` };
}
