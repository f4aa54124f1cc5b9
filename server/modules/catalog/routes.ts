import './notification-texts.js';
import type { ListingKind } from '../../../shared/contracts/catalog-content.js';
import { achievementWorkflow, approveRevision as approveEp, bulkApprove, demandWorkflow, returnRevision as returnEp, reviewQueue as queueEp } from '../../../shared/contracts/catalog.js';
import { AppError } from '../../core/errors.js';
import { withTx } from '../../db/tx.js';
import { type App, route } from '../../http/route.js';
import { approveRevision } from './approve-revision.js';
import { bulkApproveRevisions } from './bulk-approve.js';
import { closeDemand } from './close-demand.js';
import { createListing } from './create-listing.js';
import { discardListingDraft } from './discard-listing-draft.js';
import { loadListingFor } from './load-listing.js';
import { presentRecord, presentRevision } from './present.js';
import { listListings, reviewQueue } from './queries.js';
import { findRecordRevision } from './repository.js';
import { returnRevision } from './return-revision.js';
import { saveListingDraft } from './save-listing-draft.js';
import { submitListing } from './submit-listing.js';
import { withdrawListing } from './withdraw-listing.js';
import './policy.js';

type Workflow = typeof achievementWorkflow | typeof demandWorkflow;

/**
 * The listing workflow (owners) and the review desk (reviewers). Each route
 * runs one operation in one transaction and presents the record as the
 * caller sees it, with the actions open to them.
 */
export function catalogRoutes(app: App): void {
  workflowRoutes(app, 'achievement', achievementWorkflow);
  workflowRoutes(app, 'demand', demandWorkflow);

  route(app, demandWorkflow.close, { access: 'close:demand' }, async ({ actor, params, body, deps }) => {
    return withTx(deps.db, async (tx) => presentRecord(tx, actor, 'demand', await closeDemand(tx, actor, params.id, body, deps.clock()))) as never;
  });

  route(app, queueEp, { access: 'review:listing' }, async ({ query, deps }) => {
    const { page, pageSize, kind } = query;
    return { ...(await reviewQueue(deps.db, { kind, page, pageSize })), page, pageSize };
  });

  route(app, approveEp, { access: 'review:listing' }, async ({ actor, params, body, deps }) => {
    const r = await withTx(deps.db, (tx) => approveRevision(tx, actor, params.id, body, deps.clock()));
    return { ok: true as const, ...r };
  });

  route(app, returnEp, { access: 'review:listing' }, async ({ actor, params, body, deps }) => {
    const r = await withTx(deps.db, (tx) => returnRevision(tx, actor, params.id, body, deps.clock()));
    return { ok: true as const, ...r };
  });

  route(app, bulkApprove, { access: 'review:listing' }, async ({ actor, body, deps }) => {
    return bulkApproveRevisions(deps.db, actor, body, deps.clock);
  });
}

function workflowRoutes(app: App, kind: ListingKind, ep: Workflow): void {
  const w = ep as typeof achievementWorkflow;

  route(app, w.create, { access: `create:${kind}` }, async ({ actor, body, deps }) => {
    return withTx(deps.db, async (tx) => presentRecord(tx, actor, kind, await createListing(tx, actor, kind, body, deps.clock()))) as never;
  });

  route(app, w.listMine, { access: `read:${kind}` }, async ({ actor, query, deps }) => {
    const { page, pageSize, status, q } = query;
    return { ...(await listListings(deps.db, actor, kind, { status, q, page, pageSize })), page, pageSize };
  });

  route(app, w.get, { access: `read:${kind}` }, async ({ actor, params, deps }) => {
    const { row } = await loadListingFor(deps.db, actor, kind, params.id, 'read', { forUpdate: false });
    return presentRecord(deps.db, actor, kind, row) as never;
  });

  route(app, w.saveDraft, { access: `update:${kind}` }, async ({ actor, params, body, deps }) => {
    return withTx(deps.db, async (tx) => presentRecord(tx, actor, kind, await saveListingDraft(tx, actor, kind, params.id, body, deps.clock()))) as never;
  });

  route(app, w.submit, { access: `submit:${kind}` }, async ({ actor, params, deps }) => {
    return withTx(deps.db, async (tx) => presentRecord(tx, actor, kind, await submitListing(tx, actor, kind, params.id, deps.clock()))) as never;
  });

  route(app, w.withdraw, { access: `withdraw:${kind}` }, async ({ actor, params, body, deps }) => {
    return withTx(deps.db, async (tx) => presentRecord(tx, actor, kind, await withdrawListing(tx, actor, kind, params.id, body, deps.clock()))) as never;
  });

  route(app, w.discardDraft, { access: `update:${kind}` }, async ({ actor, params, deps }) => {
    const r = await withTx(deps.db, (tx) => discardListingDraft(tx, actor, kind, params.id, deps.clock()));
    return { ok: true as const, deleted: r.deleted };
  });

  route(app, w.revision, { access: `read:${kind}` }, async ({ actor, params, deps }) => {
    await loadListingFor(deps.db, actor, kind, params.id, 'read', { forUpdate: false });
    const rev = await findRecordRevision(deps.db, kind, params.id, params.revisionId);
    if (!rev) throw new AppError('NOT_FOUND');
    return { revision: presentRevision(rev), content: rev.content as never };
  });
}
