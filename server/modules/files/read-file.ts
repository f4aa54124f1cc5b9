import { type Actor, can } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { DbOrTx } from '../../db/client.js';
import { type FileMeta, type FileRow, findFile, findFilesMeta, isPublishedAttachment } from './repository.js';
import './policy.js';

/**
 * A file the caller may download: their organisation's (or their own, for
 * staff uploads without one), any file for reviewers and the bureau, and any
 * attachment of a published listing for everyone. Anything else is NOT_FOUND,
 * so ids of other organisations' files reveal nothing.
 */
export async function readFile(db: DbOrTx, actor: Actor, id: string): Promise<FileRow> {
  const file = await findFile(db, id);
  if (!file) throw new AppError('NOT_FOUND');
  const ownUpload = actor.userId !== null && file.uploadedBy === actor.userId;
  if (ownUpload || can(actor, 'read', 'file', { organisationId: file.organisationId })) return file;
  if (file.purpose === 'attachment' && (await isPublishedAttachment(db, file.id))) return file;
  throw new AppError('NOT_FOUND');
}

/**
 * For the catalog workflow: every referenced file exists, is an attachment
 * (not an import source) and belongs to the caller's organisation (or was
 * uploaded by the caller). Field errors name `attachments.<i>.fileId`.
 */
export async function assertFilesUsable(tx: DbOrTx, actor: Actor, fileIds: readonly string[]): Promise<void> {
  const found = new Map((await findFilesMeta(tx, [...new Set(fileIds)])).map((f) => [f.id, f]));
  const problems: { path: string; zh: string; en: string }[] = [];
  fileIds.forEach((id, i) => {
    const f = found.get(id);
    const path = `attachments.${i}.fileId`;
    const mine = f && ((actor.organisationId !== null && f.organisationId === actor.organisationId) || (actor.userId !== null && f.uploadedBy === actor.userId));
    if (!f || !mine) problems.push({ path, zh: '附件不存在或不属于本单位', en: 'The attachment does not exist or belongs to another organisation' });
    else if (f.purpose !== 'attachment') problems.push({ path, zh: '该文件不是附件（请以“附件”用途上传）', en: 'This file was not uploaded as an attachment' });
  });
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', { fields: problems });
}


/**
 * The import source a caller names: a file uploaded with purpose `import` by
 * the caller or their organisation. Anything else is a `fileId` field error.
 */
export async function importSource(db: DbOrTx, actor: Actor, fileId: string): Promise<FileMeta> {
  const [f] = await findFilesMeta(db, [fileId]);
  const mine = f && ((actor.userId !== null && f.uploadedBy === actor.userId) || can(actor, 'read', 'file', { organisationId: f.organisationId }));
  if (!f || !mine) throw AppError.field('fileId', '文件不存在或不属于本单位', 'The file does not exist or belongs to another organisation');
  if (f.purpose !== 'import') throw AppError.field('fileId', '该文件不是以“导入”用途上传的', 'This file was not uploaded for import');
  return f;
}
