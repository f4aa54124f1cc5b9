import * as c from '../../../shared/contracts/matching.js';
import * as f from '../../../shared/contracts/match-feedback.js';
import { withTx } from '../../db/tx.js';
import { CONTENT_TYPES, contentDisposition, sendDownload } from '../../http/download.js';
import { type App, route } from '../../http/route.js';
import { districtToday } from '../projects/due-dates.js';
import { presentDirectoryMatches, runDirectoryMatch } from './directory-match.js';
import { feedbackCsv, feedbackForExport, feedbackJsonl, recordFeedback, recordImpressions } from './feedback.js';
import { evaluateFeedback } from './feedback-evaluation.js';
import { cancelFeedbackRun, createFeedbackRun, getFeedbackRun, listFeedbackRuns, presentRun, presentRuns } from './feedback-runs.js';
import { enterprisesOf, listingForQuery, nameMatches, runMatch } from './match-service.js';
import {
  createSubscription,
  deleteSubscription,
  findOwnSubscription,
  listHits,
  listOwnSubscriptions,
  presentSubscriptions,
  unsubscribeByToken,
  updateSubscription,
} from './subscriptions.js';
import './notification-texts.js';
import './policy.js';

/**
 * Public matching is rate-limited per address: each call is a PostgreSQL
 * retrieval plus re-ranking (tens to hundreds of milliseconds), and the
 * lists are open to anyone. Generous enough for outside evaluation scripts
 * that pace themselves.
 */
export const MATCH_LIMIT = { max: 60, timeWindow: '1 minute' };
const IMPRESSION_LIMIT = { max: 120, timeWindow: '1 minute' };
const UNSUBSCRIBE_LIMIT = { max: 20, timeWindow: '1 minute' };

/** Matching (docs/decisions/0015-matching-engine.md): suggestions, feedback, impressions, subscriptions. */
export function matchingRoutes(app: App): void {
  route(app, c.matchAchievements, { access: 'public', rateLimit: MATCH_LIMIT }, async ({ body, deps }) => {
    const matches = await runMatch(deps.db, { target: 'achievement', direction: 'text-achievements', source: { text: body.text }, filters: body.filters, limit: body.limit, now: deps.clock() });
    return { direction: 'text-achievements' as const, items: await nameMatches(deps.db, 'achievement', 'text-achievements', matches) };
  });

  route(app, c.matchDemands, { access: 'public', rateLimit: MATCH_LIMIT }, async ({ body, deps }) => {
    const matches = await runMatch(deps.db, { target: 'demand', direction: 'text-demands', source: { text: body.text }, filters: body.filters, limit: body.limit, now: deps.clock() });
    return { direction: 'text-demands' as const, items: await nameMatches(deps.db, 'demand', 'text-demands', matches) };
  });

  // Free text → the directories (0022): what the caller may see only (review experts: the bureau).
  route(app, c.matchInstitutions, { access: 'public', rateLimit: MATCH_LIMIT }, async ({ actor, body, deps }) => {
    const matches = await runDirectoryMatch(deps.db, actor, { corpus: 'institutions', text: body.text, filters: body.filters, limit: body.limit, now: deps.clock() });
    return { direction: 'text-institutions' as const, items: await presentDirectoryMatches(deps.db, actor, 'institutions', matches) };
  });

  route(app, c.matchExperts, { access: 'public', rateLimit: MATCH_LIMIT }, async ({ actor, body, deps }) => {
    const matches = await runDirectoryMatch(deps.db, actor, { corpus: 'people', text: body.text, filters: body.filters, limit: body.limit, now: deps.clock() });
    return { direction: 'text-experts' as const, items: await presentDirectoryMatches(deps.db, actor, 'people', matches) };
  });

  route(app, c.demandMatches, { access: 'public', rateLimit: MATCH_LIMIT }, async ({ actor, params, query, deps }) => {
    const q = await listingForQuery(deps.db, actor, 'demand', params.id);
    const matches = await runMatch(deps.db, { target: 'achievement', direction: 'demand-achievements', source: { doc: q.doc }, limit: query.limit, now: deps.clock() });
    return { direction: 'demand-achievements' as const, items: await nameMatches(deps.db, 'achievement', 'demand-achievements', matches) };
  });

  route(app, c.achievementMatches, { access: 'public', rateLimit: MATCH_LIMIT }, async ({ actor, params, query, deps }) => {
    const q = await listingForQuery(deps.db, actor, 'achievement', params.id);
    const enterprises = query.target === 'enterprises';
    // Enterprises are the organisations behind the best demands: look deeper so a few prolific ones do not fill the list.
    const limit = enterprises ? Math.min(100, query.limit * 5) : query.limit;
    const matches = await runMatch(deps.db, { target: 'demand', direction: 'achievement-demands', source: { doc: q.doc }, limit, now: deps.clock() });
    const items = await nameMatches(deps.db, 'demand', 'achievement-demands', matches);
    if (!enterprises) return { direction: 'achievement-demands' as const, items };
    return { direction: 'achievement-enterprises' as const, items: enterprisesOf(items, query.limit) };
  });

  route(app, c.similarAchievements, { access: 'public', rateLimit: MATCH_LIMIT }, async ({ actor, params, query, deps }) => {
    const q = await listingForQuery(deps.db, actor, 'achievement', params.id);
    const matches = await runMatch(deps.db, { target: 'achievement', direction: 'achievement-similar', source: { doc: q.doc }, limit: query.limit, now: deps.clock() });
    return { direction: 'achievement-similar' as const, items: await nameMatches(deps.db, 'achievement', 'achievement-similar', matches) };
  });

  route(app, f.postFeedback, { access: 'authenticated' }, async ({ actor, body, deps }) => withTx(deps.db, (tx) => recordFeedback(tx, actor, body, deps.clock())));

  route(app, f.exportFeedback, { access: 'export:match_feedback' }, async ({ query, deps, reply }) => {
    const rows = await feedbackForExport(deps.db, query);
    const name = `match-feedback-${districtToday(deps.clock())}.${query.format}`;
    return sendDownload(reply, {
      // JSON lines are not one JSON document: served as text so no client tries to parse the whole.
      contentType: query.format === 'csv' ? CONTENT_TYPES.csv : 'text/plain; charset=utf-8',
      contentDisposition: contentDisposition(name),
      body: query.format === 'csv' ? feedbackCsv(rows) : feedbackJsonl(rows),
      rows: rows.length,
    });
  });

  route(app, f.feedbackEvaluation, { access: 'export:match_feedback' }, async ({ query, deps }) => evaluateFeedback(deps.db, { ...query, now: deps.clock() }));

  // The same evaluation in the background, with progress (feedback-runs.ts; 0020 "In the background").
  route(app, f.createFeedbackRun, { access: 'export:match_feedback' }, async ({ actor, body, deps }) => {
    const { run, created } = await withTx(deps.db, (tx) => createFeedbackRun(tx, actor, body, deps.clock()));
    return { ...(await presentRun(deps.db, run)), created };
  });

  route(app, f.listFeedbackRuns, { access: 'export:match_feedback' }, async ({ actor, query, deps }) => {
    const { rows, total } = await listFeedbackRuns(deps.db, actor, query);
    return { items: await presentRuns(deps.db, rows), total, page: query.page, pageSize: query.pageSize };
  });

  route(app, f.getFeedbackRun, { access: 'export:match_feedback' }, async ({ actor, params, deps }) => presentRun(deps.db, await getFeedbackRun(deps.db, actor, params.id)));

  route(app, f.cancelFeedbackRun, { access: 'export:match_feedback' }, async ({ actor, params, deps }) => {
    const row = await withTx(deps.db, (tx) => cancelFeedbackRun(tx, actor, params.id, deps.clock()));
    return presentRun(deps.db, row);
  });

  route(app, f.postImpressions, { access: 'public', rateLimit: IMPRESSION_LIMIT }, async ({ actor, body, deps }) => ({
    recorded: await recordImpressions(deps.db, actor, body, deps.clock()),
  }));

  route(app, c.listSubscriptions, { access: 'authenticated' }, async ({ actor, deps }) => ({
    items: await presentSubscriptions(deps.db, await listOwnSubscriptions(deps.db, actor)),
  }));

  route(app, c.createSubscription, { access: 'authenticated' }, async ({ actor, body, deps }) => {
    const row = await withTx(deps.db, (tx) => createSubscription(tx, actor, body, deps.clock()));
    return (await presentSubscriptions(deps.db, [row]))[0]!;
  });

  route(app, c.updateSubscription, { access: 'authenticated' }, async ({ actor, params, body, deps }) => {
    const row = await withTx(deps.db, (tx) => updateSubscription(tx, actor, params.id, body));
    return (await presentSubscriptions(deps.db, [row]))[0]!;
  });

  route(app, c.deleteSubscription, { access: 'authenticated' }, async ({ actor, params, deps }) => {
    await withTx(deps.db, (tx) => deleteSubscription(tx, actor, params.id));
    return { ok: true as const };
  });

  route(app, c.subscriptionHits, { access: 'authenticated' }, async ({ actor, params, deps }) => {
    await findOwnSubscription(deps.db, actor, params.id);
    return { items: await listHits(deps.db, actor, params.id) };
  });

  route(app, c.unsubscribe, { access: 'public', rateLimit: UNSUBSCRIBE_LIMIT }, async ({ actor, body, deps }) => {
    const out = await withTx(deps.db, (tx) => unsubscribeByToken(tx, actor, body.token));
    return { ok: true as const, ...out };
  });
}
