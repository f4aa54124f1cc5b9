import { z } from 'zod';
import { endpoint, IsoDateTime, PageQuery, pageOf } from './endpoint.js';

export const AuditEntryView = z.object({
  seq: z.number().int(),
  at: IsoDateTime,
  actorUserId: z.string().nullable(),
  actorUsername: z.string().nullable(),
  actorOrgId: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  changes: z.record(z.string(), z.unknown()),
  outcome: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  requestId: z.string().nullable(),
  hash: z.string(),
});

export const AuditFilter = z.object({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  actor: z.string().trim().max(100).optional(),
  action: z.string().trim().max(100).optional(),
  entityType: z.string().trim().max(60).optional(),
  entityId: z.string().trim().max(100).optional(),
  outcome: z.enum(['success', 'denied', 'failure']).optional(),
});

export const listAudit = endpoint({
  method: 'GET',
  path: '/api/v1/audit',
  summary: 'Search the audit log (auditor)',
  tags: ['audit'],
  query: PageQuery.extend(AuditFilter.shape),
  response: pageOf(AuditEntryView),
});

export const exportAudit = endpoint({
  method: 'GET',
  path: '/api/v1/audit/export',
  summary: 'Export the filtered audit log as XLSX or CSV',
  tags: ['audit'],
  query: AuditFilter.extend({ format: z.enum(['xlsx', 'csv']).default('xlsx') }),
  response: z.unknown(),
  download: true,
});

export const AuditVerification = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstSeq: z.number().int().nullable(),
  lastSeq: z.number().int().nullable(),
  problems: z.array(z.object({ seq: z.number().int(), problem: z.string() })),
});

export const verifyAudit = endpoint({
  method: 'GET',
  path: '/api/v1/audit/verification',
  summary: 'Check the hash chain of the audit log',
  tags: ['audit'],
  response: AuditVerification,
});
