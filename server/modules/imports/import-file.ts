import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ListingKind } from '../../../shared/contracts/catalog-content.js';
import type { ImportMode, ImportTarget } from '../../../shared/contracts/imports.js';
import type { Actor } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Db } from '../../db/client.js';
import { withTx } from '../../db/tx.js';
import { uploadFile } from '../files/upload-file.js';
import { findByCreditCode, findOrganisation } from '../organisations/repository.js';
import { commitImport } from './commit-import.js';
import { createImport } from './create-import.js';
import { type BatchRow, findBatch } from './repository.js';
import { runCommit } from './run-commit.js';
import { runValidation } from './run-validation.js';

export type ImportFileInput = {
  kind: ListingKind;
  file: string;
  mode: ImportMode;
  target: ImportTarget;
  /** Credit code or id of the organisation the records belong to. */
  org?: string;
};

/**
 * A whole import from a local file, in-process (the CLI and the benchmark):
 * the same operations as the web and the API (upload, create, validate,
 * commit), with the two jobs run inline instead of queued. Stops after
 * validation when the batch cannot be committed, returning its report.
 */
export async function importFile(db: Db, actor: Actor, input: ImportFileInput, now: () => Date): Promise<{ validated: BatchRow; final: BatchRow }> {
  const data = await readFile(input.file);
  let organisationId: string | undefined;
  if (input.org) {
    const org = /^[0-9a-f-]{36}$/i.test(input.org) ? await findOrganisation(db, input.org) : await findByCreditCode(db, input.org.toUpperCase());
    if (!org) throw AppError.field('organisationId', `找不到单位：${input.org}`, `No organisation ${input.org}`);
    organisationId = org.id;
  }
  const file = await withTx(db, (tx) => uploadFile(tx, actor, { purpose: 'import', filename: path.basename(input.file), data }, now()));
  const created = await withTx(db, (tx) =>
    createImport(tx, actor, { fileId: file.id, kind: input.kind, mode: input.mode, targetStatus: input.target, organisationId }, now(), { inline: true }),
  );
  await runValidation(db, created.id, now());
  const validated = (await findBatch(db, created.id))!;
  if (validated.status !== 'validated' || validated.validRows === 0 || (validated.mode === 'all_or_nothing' && validated.invalidRows > 0)) {
    return { validated, final: validated };
  }
  await withTx(db, (tx) => commitImport(tx, actor, created.id, now(), { inline: true }));
  await runCommit(db, created.id, now());
  return { validated, final: (await findBatch(db, created.id))! };
}
