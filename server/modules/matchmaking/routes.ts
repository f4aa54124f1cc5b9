import './notification-texts.js';
import * as c from '../../../shared/contracts/matchmaking.js';
import { permissionsOf } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import { withTx } from '../../db/tx.js';
import { type App, route } from '../../http/route.js';
import { findFile } from '../files/repository.js';
import { contentDisposition, sendDownload } from '../../http/download.js';
import { assignBroker, claimCase } from './assign-broker.js';
import { brokerWorkload } from './broker-workload.js';
import { exportFunnel } from './export-funnel.js';
import { computeFunnel } from './funnel.js';
import { loadCaseFor } from './load-case.js';
import { acceptCase, agreeCase, closeCase, declineCase, negotiateCase } from './move-case.js';
import { openCase } from './open-case.js';
import { postMessage } from './post-message.js';
import { presentCase, presentSummary } from './present.js';
import { caseHasFile, listCases } from './repository.js';
import './policy.js';

/** Matchmaking cases, brokers and the funnel (docs/workflows/matchmaking.md). */
export function matchmakingRoutes(app: App): void {
  route(app, c.createCase, { access: 'create:case' }, async ({ actor, body, deps }) => {
    const row = await withTx(deps.db, (tx) => openCase(tx, actor, body, deps.clock()));
    return presentCase(deps.db, actor, row.id);
  });

  route(app, c.listCases, { access: 'read:case' }, async ({ actor, query, deps }) => {
    const { page, pageSize, status, scope } = query;
    const held = permissionsOf(actor);
    if (scope === 'unclaimed' && !held.includes('claim:case:any') && !held.includes('read:case:any')) throw new AppError('FORBIDDEN');
    const filter =
      scope === 'unclaimed'
        ? { status, unclaimed: true }
        : { status, all: held.includes('read:case:any'), organisationId: held.includes('read:case:org') ? actor.organisationId : null, brokerUserId: actor.userId };
    const { items, total } = await listCases(deps.db, filter, { limit: pageSize, offset: (page - 1) * pageSize });
    return { items: items.map((i) => presentSummary(actor, i)), total, page, pageSize };
  });

  route(app, c.getCase, { access: 'read:case' }, async ({ actor, params, deps }) => presentCase(deps.db, actor, params.id));

  const moves = [
    [c.acceptCase, acceptCase],
    [c.declineCase, declineCase],
    [c.negotiateCase, negotiateCase],
    [c.agreeCase, agreeCase],
    [c.closeCase, closeCase],
    [c.postMessage, postMessage],
  ] as const;
  for (const [ep, op] of moves) {
    route(app, ep, { access: 'act:case' }, async ({ actor, params, body, deps }) => {
      await withTx(deps.db, (tx) => (op as (...a: unknown[]) => Promise<unknown>)(tx, actor, params.id, body, deps.clock()));
      return presentCase(deps.db, actor, params.id);
    });
  }

  route(app, c.assignBroker, { access: 'assign:case' }, async ({ actor, params, body, deps }) => {
    await withTx(deps.db, (tx) => assignBroker(tx, actor, params.id, body, deps.clock()));
    return presentCase(deps.db, actor, params.id);
  });

  route(app, c.claimCase, { access: 'claim:case' }, async ({ actor, params, deps }) => {
    await withTx(deps.db, (tx) => claimCase(tx, actor, params.id, deps.clock()));
    return presentCase(deps.db, actor, params.id);
  });

  route(app, c.downloadCaseFile, { access: 'read:case' }, async ({ actor, params, deps, reply }) => {
    await loadCaseFor(deps.db, actor, params.id, { forUpdate: false });
    const file = (await caseHasFile(deps.db, params.id, params.fileId)) ? await findFile(deps.db, params.fileId) : null;
    if (!file) throw new AppError('NOT_FOUND');
    return reply
      .header('content-type', file.contentType)
      .header('content-length', String(file.sizeBytes))
      .header('content-disposition', contentDisposition(file.filename, 'attachment'))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(file.data);
  });

  route(app, c.brokerWorkload, { access: 'read:workload' }, async ({ actor, query, deps }) => ({
    items: await brokerWorkload(deps.db, actor, query.status, deps.clock()),
  }));

  route(app, c.funnel, { access: 'read:funnel' }, async ({ actor, query, deps }) => computeFunnel(deps.db, query, deps.clock(), actor.locale));

  route(app, c.funnelExport, { access: 'read:funnel' }, async ({ query, deps, reply }) => {
    const out = await exportFunnel(deps.db, query, deps.clock());
    return sendDownload(reply, { contentType: out.contentType, contentDisposition: out.contentDisposition, body: out.buffer });
  });
}
