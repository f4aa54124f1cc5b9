import { z } from 'zod';
import { endpoint, Id, IdParams, IsoDateTime } from './endpoint.js';

/** What may be uploaded, by purpose: type detected from content, size in bytes. */
export const FILE_RULES = {
  attachment: { types: ['application/pdf', 'image/png', 'image/jpeg', 'image/webp'], maxBytes: 20 * 1024 * 1024 },
  import: {
    types: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv', 'application/x-ndjson'],
    maxBytes: 200 * 1024 * 1024,
  },
} as const;
export type FilePurpose = keyof typeof FILE_RULES;

export const FileView = z.object({
  id: Id,
  filename: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  createdAt: IsoDateTime,
});
export type FileView = z.infer<typeof FileView>;

/**
 * Upload one file as multipart/form-data: field `purpose` then field `file`.
 * The body schema documents the fields; the route reads the multipart stream.
 */
export const uploadFile = endpoint({
  method: 'POST',
  path: '/api/v1/files',
  summary: 'Upload a file (multipart: purpose, file); type and size are checked from the content',
  tags: ['files'],
  response: FileView,
});

export const downloadFile = endpoint({
  method: 'GET',
  path: '/api/v1/files/:id',
  summary: 'Download a file the caller may see',
  tags: ['files'],
  params: IdParams,
  response: z.unknown(),
  download: true,
});
