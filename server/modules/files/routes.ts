import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { downloadFile, FILE_RULES, type FilePurpose, type FileView, uploadFile as uploadFileEndpoint } from '../../../shared/contracts/files.js';
import { AppError } from '../../core/errors.js';
import { withTx } from '../../db/tx.js';
import { type App, route } from '../../http/route.js';
import { readFile } from './read-file.js';
import { contentDisposition } from '../../http/download.js';
import type { FileMeta } from './repository.js';
import { tooLarge, uploadFile } from './upload-file.js';
import './policy.js';

const LARGEST = Math.max(...Object.values(FILE_RULES).map((r) => r.maxBytes));
const PURPOSES = Object.keys(FILE_RULES) as FilePurpose[];

export function presentFile(f: FileMeta): FileView {
  return { id: f.id, filename: f.filename, contentType: f.contentType, sizeBytes: f.sizeBytes, sha256: f.sha256, createdAt: f.createdAt.toISOString() };
}

/** Multipart is registered here only, so no other route accepts multipart bodies. */
export function fileRoutes(app: App): void {
  void app.register(async (scope) => {
    await scope.register(multipart, { throwFileSizeLimit: false, limits: { fileSize: LARGEST + 1, files: 1, fields: 4, parts: 6 } });
    const s = scope as unknown as App;

    route(s, uploadFileEndpoint, { access: 'upload:file' }, async ({ actor, deps, req }) => {
      const upload = await readUpload(req);
      const row = await withTx(deps.db, (tx) => uploadFile(tx, actor, upload, deps.clock()));
      return presentFile(row);
    });

    route(s, downloadFile, { access: 'public' }, async ({ actor, params, deps, reply }) => {
      const file = await readFile(deps.db, actor, params.id);
      const inline = file.contentType.startsWith('image/');
      return reply
        .header('content-type', file.contentType)
        .header('content-length', String(file.sizeBytes))
        .header('content-disposition', contentDisposition(file.filename, inline ? 'inline' : 'attachment'))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, max-age=0, must-revalidate')
        .header('etag', `"${file.sha256}"`)
        .send(file.data);
    });
  });
}

/**
 * Read `purpose` then `file` from the multipart stream, stopping as soon as
 * the file passes its purpose's limit (413 with a `file` field error).
 */
async function readUpload(req: FastifyRequest): Promise<{ purpose: FilePurpose; filename: string; data: Buffer }> {
  if (!req.isMultipart()) {
    throw AppError.field('file', '请以 multipart/form-data 上传：先 purpose 字段，再 file 文件', 'Upload as multipart/form-data: the purpose field, then the file');
  }
  let purpose: FilePurpose | null = null;
  for await (const part of req.parts()) {
    if (part.type === 'field') {
      if (part.fieldname === 'purpose') {
        const v = String(part.value);
        if (!PURPOSES.includes(v as FilePurpose)) {
          throw AppError.field('purpose', `用途须为 ${PURPOSES.join(' / ')}`, `purpose must be one of ${PURPOSES.join(', ')}`);
        }
        purpose = v as FilePurpose;
      }
      continue;
    }
    if (part.fieldname !== 'file') {
      part.file.resume();
      continue;
    }
    if (!purpose) {
      part.file.resume();
      throw AppError.field('purpose', '请先填写 purpose 字段（在文件之前）', 'Send the purpose field before the file');
    }
    const max = FILE_RULES[purpose].maxBytes;
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of part.file as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > max) {
        part.file.destroy();
        throw new AppError('PAYLOAD_TOO_LARGE', { fields: [tooLarge(max)] });
      }
      chunks.push(chunk);
    }
    if (part.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE', { fields: [tooLarge(max)] });
    return { purpose, filename: part.filename ?? 'file', data: Buffer.concat(chunks, size) };
  }
  if (!purpose) throw AppError.field('purpose', '缺少 purpose 字段', 'The purpose field is missing');
  throw AppError.field('file', '缺少文件', 'The file is missing');
}
