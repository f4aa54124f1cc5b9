import { type Actor, can } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { DbOrTx } from '../../db/client.js';
import { type FileMeta, type FileRow, findFile, findFilesMeta, isPublishedAttachment } from './repository.js';
import './policy.js';

/**
 * A file the caller may download: their organisation's, their own upload
 * (files of people without an organisation belong to no organisation, so only
 * the uploader holds them), any file for reviewers and the bureau, and any
 * attachment of a published listing for everyone. Anything else is NOT_FOUND,
 * so ids of other people's files reveal nothing.
 */
export async function readFile(db: DbOrTx, actor: Actor, id: string): Promise<FileRow> {
  const file = await findFile(db, id);
  if (!file) throw new AppError('NOT_FOUND');
  if (can(actor, 'read', 'file', { organisationId: file.organisationId, ownerId: file.uploadedBy })) return file;
  if (file.purpose === 'attachment' && (await isPublishedAttachment(db, file.id))) return file;
  throw new AppError('NOT_FOUND');
}

/**
 * Before an operation attaches files (listings, evidence, documents): every
 * referenced file exists, is an attachment (not an import source) and is the
 * caller's to use: their organisation's, or uploaded by the caller (the only
 * way for people without an organisation). Reading a file is not enough: the
 * bureau reads every file but attaches only its own. Field errors name
 * `attachments.<i>.fileId` unless `path` names the caller's field
 * (`(i) => \`evidenceFileIds.${i}\``).
 */
export async function assertFilesUsable(tx: DbOrTx, actor: Actor, fileIds: readonly string[], path: (i: number) => string = (i) => `attachments.${i}.fileId`): Promise<void> {
  const found = new Map((await findFilesMeta(tx, [...new Set(fileIds)])).map((f) => [f.id, f]));
  const problems: { path: string; zh: string; en: string }[] = [];
  fileIds.forEach((id, i) => {
    const f = found.get(id);
    const mine = f && ((actor.organisationId !== null && f.organisationId === actor.organisationId) || (actor.userId !== null && f.uploadedBy === actor.userId));
    if (!f || !mine) problems.push({ path: path(i), zh: '附件不存在，或不是您或本单位上传的', en: 'The attachment does not exist, or was not uploaded by you or your organisation' });
    else if (f.purpose !== 'attachment') problems.push({ path: path(i), zh: '该文件不是附件（请以“附件”用途上传）', en: 'This file was not uploaded as an attachment' });
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
