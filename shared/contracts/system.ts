import { z } from 'zod';
import { endpoint, IsoDateTime, PageQuery, pageOf } from './endpoint.js';

export const MailView = z.object({
  id: z.string(),
  toAddress: z.string(),
  subject: z.string(),
  bodyText: z.string(),
  status: z.string(),
  attempts: z.number().int(),
  /** Why sending failed, with credentials removed. */
  lastError: z.string().nullable(),
  createdAt: IsoDateTime,
  sentAt: IsoDateTime.nullable(),
});

export const listMailOutbox = endpoint({
  method: 'GET',
  path: '/api/v1/admin/mail-outbox',
  summary: 'Mail written by the platform (read here when no SMTP server is set)',
  tags: ['system'],
  query: PageQuery,
  response: pageOf(MailView),
});

export const getMeta = endpoint({
  method: 'GET',
  path: '/api/v1/meta',
  summary: 'Version and the platform’s configured district',
  tags: ['system'],
  response: z.object({ version: z.string(), districtName: z.string(), districtNameEn: z.string(), smtpConfigured: z.boolean() }),
});
