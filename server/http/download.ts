import type { FastifyReply } from 'fastify';
import type { Readable } from 'node:stream';

/**
 * File responses (exports, reports, attachments): one place for the headers
 * every download needs.
 */
export const CONTENT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  pdf: 'application/pdf',
} as const;

/**
 * Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 6266 /
 * RFC 5987), so Chinese file names survive every browser.
 */
export function contentDisposition(filename: string, disposition: 'inline' | 'attachment' = 'attachment'): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export type Download = {
  contentType: string;
  contentDisposition: string;
  body: Buffer | Readable | string;
  /** Rows written, and rows that matched (exports), sent as x-export-* headers. */
  rows?: number;
  total?: number;
};

/** Send an export or report: never cached, with its row counts when it has them. */
export function sendDownload(reply: FastifyReply, d: Download): FastifyReply {
  void reply.header('content-type', d.contentType).header('content-disposition', d.contentDisposition).header('cache-control', 'no-store');
  if (d.rows !== undefined) void reply.header('x-export-rows', String(d.rows));
  if (d.total !== undefined) {
    void reply.header('x-export-total', String(d.total)).header('x-export-truncated', String((d.rows ?? 0) < d.total));
  }
  return reply.send(d.body);
}
