import { z } from 'zod';
import { LISTING_KINDS } from './catalog-content.js';
import { endpoint, Id, IdParams, IsoDateTime } from './endpoint.js';

/**
 * Bulk import of achievements and demands from XLSX, CSV or JSONL: download a
 * template, upload the file (files endpoint, purpose `import`), create a batch
 * (validated in the background), read its progress and report, commit it.
 * The same operations serve the web, the API and `npm run cli -- import`.
 */

export const IMPORT_FORMATS = ['xlsx', 'csv', 'jsonl'] as const;
export const ImportFormat = z.enum(IMPORT_FORMATS);
export type ImportFormat = z.infer<typeof ImportFormat>;
export const ImportKind = z.enum(LISTING_KINDS);
/** all_or_nothing: nothing is imported if any row is invalid; valid_only: the valid rows are. */
export const IMPORT_MODES = ['all_or_nothing', 'valid_only'] as const;
export const ImportMode = z.enum(IMPORT_MODES);
export type ImportMode = z.infer<typeof ImportMode>;
/** What imported records become; `published` only for reviewers and the bureau. */
export const IMPORT_TARGETS = ['draft', 'submitted', 'published'] as const;
export const ImportTarget = z.enum(IMPORT_TARGETS);
export type ImportTarget = z.infer<typeof ImportTarget>;
/** validating → validated → importing → done; failed when the file cannot be read or a commit is refused. */
export const IMPORT_STATUSES = ['validating', 'validated', 'importing', 'done', 'failed'] as const;
export const ImportStatus = z.enum(IMPORT_STATUSES);
export type ImportStatus = z.infer<typeof ImportStatus>;

/** At most this many rejected rows are stored and shown; the counts are always exact. */
export const MAX_STORED_ERRORS = 1000;

/** One problem with one row. `row` is the spreadsheet row (header = 1) or the JSONL line number. */
export const ImportRowError = z.object({
  row: z.number().int(),
  /** Content field path (e.g. "price", "completers.0.share"), or "" for the whole row. */
  field: z.string(),
  /** The template column, when the field has one. */
  column: z.string().nullable(),
  message: z.string(),
  messageEn: z.string(),
});
export type ImportRowError = z.infer<typeof ImportRowError>;

export const ImportView = z.object({
  id: Id,
  kind: ImportKind,
  format: ImportFormat,
  mode: ImportMode,
  targetStatus: ImportTarget,
  status: ImportStatus,
  fileId: Id,
  organisationId: Id.nullable(),
  /** Rows found so far (exact once validated). */
  totalRows: z.number().int(),
  /** Rows processed by the running step (validation, then commit). */
  processedRows: z.number().int(),
  validRows: z.number().int(),
  invalidRows: z.number().int(),
  importedRows: z.number().int(),
  errors: z.array(ImportRowError),
  /** More rows were rejected than `errors` holds (see invalidRows; the CSV report has the same cap). */
  errorsTruncated: z.boolean(),
  /** Why the batch failed as a whole, in the caller's language. */
  failure: z.string().nullable(),
  createdAt: IsoDateTime,
  finishedAt: IsoDateTime.nullable(),
  /** commit, when the caller may commit it now. */
  actions: z.array(z.string()),
});
export type ImportView = z.infer<typeof ImportView>;

export const downloadImportTemplate = endpoint({
  method: 'GET',
  path: '/api/v1/import/templates/:kind',
  summary: 'Import template with Chinese headers (XLSX has an instructions sheet with the allowed codes)',
  tags: ['imports'],
  params: z.object({ kind: ImportKind }),
  query: z.object({ format: ImportFormat.default('xlsx') }),
  response: z.unknown(),
  download: true,
});

export const createImport = endpoint({
  method: 'POST',
  path: '/api/v1/imports',
  summary: 'Create an import batch from an uploaded file; every row is validated in the background',
  tags: ['imports'],
  body: z.object({
    fileId: Id,
    kind: ImportKind,
    mode: ImportMode.default('all_or_nothing'),
    targetStatus: ImportTarget.default('draft'),
    /** The organisation the records belong to; only reviewers and the bureau may name another than their own. */
    organisationId: Id.optional(),
  }),
  response: ImportView,
});

export const getImport = endpoint({
  method: 'GET',
  path: '/api/v1/imports/:id',
  summary: 'Progress and report of an import batch',
  tags: ['imports'],
  params: IdParams,
  response: ImportView,
});

export const commitImport = endpoint({
  method: 'POST',
  path: '/api/v1/imports/:id/commit',
  summary: 'Import the validated batch in one transaction (all rows, or the valid ones in valid_only mode)',
  tags: ['imports'],
  params: IdParams,
  response: ImportView,
});

export const downloadImportErrors = endpoint({
  method: 'GET',
  path: '/api/v1/imports/:id/errors.csv',
  summary: 'The rejected rows as CSV (UTF-8 with BOM, opens in Excel)',
  tags: ['imports'],
  params: IdParams,
  response: z.unknown(),
  download: true,
});
