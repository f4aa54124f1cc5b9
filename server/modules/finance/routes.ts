import './notification-texts.js';
import * as f from '../../../shared/contracts/finance.js';
import { permissionsOf } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import { withTx } from '../../db/tx.js';
import { contentDisposition, sendDownload } from '../../http/download.js';
import { type App, route } from '../../http/route.js';
import { findFile } from '../files/repository.js';
import { financingInstitutions } from '../registries/lookups.js';
import { createRecord } from './create-record.js';
import { editRecord } from './edit-record.js';
import { exportRecords } from './export-records.js';
import { loadRecordFor, partOf } from './load-record.js';
import { presentRecord, presentSummary } from './present.js';
import { listRecords } from './repository.js';
import { returnRecord } from './return-record.js';
import { computeStatistics } from './statistics.js';
import { submitRecord } from './submit-record.js';
import { verifyRecord } from './verify-record.js';
import { withdrawRecord } from './withdraw-record.js';
import './policy.js';

/** S&T finance register: records, review, statistics and export (docs/workflows/finance.md). */
export function financeRoutes(app: App): void {
  route(app, f.createFinanceRecord, { access: 'create:financing' }, async ({ actor, body, deps }) => {
    const row = await withTx(deps.db, (tx) => createRecord(tx, actor, body, deps.clock()));
    return presentRecord(deps.db, actor, row.id);
  });

  route(app, f.listFinanceRecords, { access: 'read:financing' }, async ({ actor, query, deps }) => {
    const held = permissionsOf(actor);
    const { page, pageSize, scope, ...filter } = query;
    if ((scope === 'desk' && !held.includes('review:financing:any')) || (scope === 'all' && !held.includes('read:financing:any'))) throw new AppError('FORBIDDEN');
    const { items, total } = await listRecords(deps.db, { ...filter, desk: scope === 'desk', all: scope === 'all', organisationId: actor.organisationId }, { limit: pageSize, offset: (page - 1) * pageSize });
    return { items: items.map((i) => presentSummary(i.r, i.orgName, partOf(actor, i.r))), total, page, pageSize };
  });

  route(app, f.financeInstitutions, { access: 'create:financing' }, async ({ deps }) => financingInstitutions(deps.db));

  route(app, f.financeStatistics, { access: 'read:financestats' }, async ({ query, deps }) => computeStatistics(deps.db, query, deps.clock()));

  route(app, f.financeExport, { access: 'read:financestats' }, async ({ query, deps, reply }) => {
    const out = await exportRecords(deps.db, query, deps.clock());
    return sendDownload(reply, { contentType: out.contentType, contentDisposition: out.contentDisposition, body: out.buffer, rows: out.rows });
  });

  route(app, f.getFinanceRecord, { access: 'read:financing' }, async ({ actor, params, deps }) => presentRecord(deps.db, actor, params.id));

  route(app, f.updateFinanceRecord, { access: 'act:financing' }, async ({ actor, params, body, deps }) => {
    await withTx(deps.db, (tx) => editRecord(tx, actor, params.id, body, deps.clock()));
    return presentRecord(deps.db, actor, params.id);
  });

  const filerMoves = [
    [f.submitFinanceRecord, submitRecord],
    [f.withdrawFinanceRecord, withdrawRecord],
  ] as const;
  for (const [ep, op] of filerMoves) {
    route(app, ep, { access: 'act:financing' }, async ({ actor, params, body, deps }) => {
      await withTx(deps.db, (tx) => op(tx, actor, params.id, body, deps.clock()));
      return presentRecord(deps.db, actor, params.id);
    });
  }

  route(app, f.returnFinanceRecord, { access: 'review:financing' }, async ({ actor, params, body, deps }) => {
    await withTx(deps.db, (tx) => returnRecord(tx, actor, params.id, body, deps.clock()));
    return presentRecord(deps.db, actor, params.id);
  });

  route(app, f.verifyFinanceRecord, { access: 'review:financing' }, async ({ actor, params, body, deps }) => {
    await withTx(deps.db, (tx) => verifyRecord(tx, actor, params.id, body, deps.clock()));
    return presentRecord(deps.db, actor, params.id);
  });

  route(app, f.financeEvidence, { access: 'read:financing' }, async ({ actor, params, deps, reply }) => {
    const { row } = await loadRecordFor(deps.db, actor, params.id, { forUpdate: false });
    const file = row.evidenceFileId ? await findFile(deps.db, row.evidenceFileId) : null;
    if (!file) throw new AppError('NOT_FOUND');
    return sendDownload(reply, { contentType: file.contentType, contentDisposition: contentDisposition(file.filename, 'attachment'), body: file.data });
  });
}
