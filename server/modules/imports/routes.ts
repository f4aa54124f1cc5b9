import * as c from '../../../shared/contracts/imports.js';
import { requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import { withTx } from '../../db/tx.js';
import { type App, route } from '../../http/route.js';
import { contentDisposition } from '../../http/download.js';
import { commitImport } from './commit-import.js';
import { createImport } from './create-import.js';
import { presentBatch } from './present.js';
import { errorsCsv } from './report-csv.js';
import { type BatchRow, findBatch } from './repository.js';
import { buildTemplate } from './templates.js';
import './policy.js';

export function importRoutes(app: App): void {
  // Templates say nothing about anyone: public, so the portal can link them.
  route(app, c.downloadImportTemplate, { access: 'public' }, async ({ params, query, reply }) => {
    const t = await buildTemplate(params.kind, query.format);
    return reply
      .header('content-type', t.contentType)
      .header('content-disposition', contentDisposition(t.filename, 'attachment'))
      .header('x-content-type-options', 'nosniff')
      .send(t.body);
  });

  route(app, c.createImport, { access: 'create:import' }, async ({ actor, body, deps }) => {
    const batch = await withTx(deps.db, (tx) => createImport(tx, actor, body, deps.clock()));
    return presentBatch(actor, batch);
  });

  route(app, c.getImport, { access: 'read:import' }, async ({ actor, params, deps }) => {
    return presentBatch(actor, await readableBatch(deps.db, actor, params.id));
  });

  route(app, c.commitImport, { access: 'commit:import' }, async ({ actor, params, deps }) => {
    const batch = await withTx(deps.db, (tx) => commitImport(tx, actor, params.id, deps.clock()));
    return presentBatch(actor, batch);
  });

  route(app, c.downloadImportErrors, { access: 'read:import' }, async ({ actor, params, deps, reply }) => {
    const batch = await readableBatch(deps.db, actor, params.id);
    const body = await errorsCsv((batch.errors as c.ImportRowError[]) ?? []);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', contentDisposition(`导入错误报告-${batch.id.slice(0, 8)}.csv`, 'attachment'))
      .header('x-content-type-options', 'nosniff')
      .send(body);
  });
}

/** A batch of the caller's organisation (or any, for staff); others' are NOT_FOUND. */
async function readableBatch(db: Parameters<typeof findBatch>[0], actor: Parameters<typeof requireCan>[0], id: string): Promise<BatchRow> {
  const batch = await findBatch(db, id);
  if (!batch) throw new AppError('NOT_FOUND');
  const own = actor.userId !== null && batch.createdBy === actor.userId;
  if (!own) {
    try {
      requireCan(actor, 'read', 'import', { organisationId: batch.organisationId });
    } catch {
      throw new AppError('NOT_FOUND');
    }
  }
  return batch;
}
