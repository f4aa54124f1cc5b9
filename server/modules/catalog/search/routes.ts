import * as c from '../../../../shared/contracts/catalog-public.js';
import { sendDownload } from '../../../http/download.js';
import { type Actor, can } from '../../../core/access.js';
import { AppError } from '../../../core/errors.js';
import { type App, route } from '../../../http/route.js';
import { addDictionaryTerm, dictionaryState, removeDictionaryTerm } from './dictionary.js';
import { exportListings } from './export-listings.js';
import { getPublicAchievement, getPublicDemand } from './get-listing.js';
import { latestRebuild, presentRebuild, startIndexRebuild } from './rebuild-index.js';
import { searchAchievements, searchDemands } from './search-listings.js';
import { SITE_NAME } from './seo.js';
import { atomFeed, syndicationPage } from './syndication.js';
import './policy.js';

/** Staff read everything; organisation members only once their organisation is verified. */
function requireSyndicationAccess(actor: Actor): void {
  if (can(actor, 'read', 'syndication', {})) return;
  if (!actor.orgVerified) throw new AppError('ORG_NOT_VERIFIED');
}

/** Public finding of listings, dictionary administration, exports and syndication. */
export function catalogSearchRoutes(app: App): void {
  route(app, c.listAchievements, { access: 'public' }, async ({ query, actor, deps }) => searchAchievements(deps.db, query, actor.locale));
  route(app, c.listDemands, { access: 'public' }, async ({ query, actor, deps }) => searchDemands(deps.db, query, actor.locale));

  for (const [ep, kind] of [
    [c.exportAchievements, 'achievement'],
    [c.exportDemands, 'demand'],
  ] as const) {
    route(app, ep, { access: 'public' }, async ({ query, deps, reply }) => {
      const out = await exportListings(deps.db, kind, query, { publicUrl: deps.config.publicUrl, now: deps.clock() });
      return sendDownload(reply, { contentType: out.contentType, contentDisposition: out.contentDisposition, body: out.stream, rows: out.rows, total: out.total });
    });
  }

  route(app, c.getAchievement, { access: 'public' }, async ({ params, actor, deps }) => getPublicAchievement(deps.db, actor, params.id));
  route(app, c.getDemand, { access: 'public' }, async ({ params, actor, deps }) => getPublicDemand(deps.db, actor, params.id));

  for (const [ep, kind] of [
    [c.achievementsFeed, 'achievement'],
    [c.demandsFeed, 'demand'],
  ] as const) {
    route(app, ep, { access: 'public' }, async ({ deps, reply }) => {
      const xml = await atomFeed(deps.db, kind, { publicUrl: deps.config.publicUrl, siteName: SITE_NAME, now: deps.clock() });
      return reply.header('content-type', 'application/atom+xml; charset=utf-8').header('cache-control', 'public, max-age=300').send(xml);
    });
  }

  for (const [ep, kind] of [
    [c.syndicateAchievements, 'achievement'],
    [c.syndicateDemands, 'demand'],
  ] as const) {
    route(app, ep, { access: 'read:syndication' }, async ({ query, actor, deps }) => {
      requireSyndicationAccess(actor);
      return syndicationPage(deps.db, kind, query, deps.config.publicUrl);
    });
  }

  route(app, c.listDictionary, { access: 'manage:dictionary' }, async ({ deps }) => dictionaryState(deps.db));
  route(app, c.addDictionaryTerm, { access: 'manage:dictionary' }, async ({ body, actor, deps }) => {
    await addDictionaryTerm(deps.db, actor, body);
    return dictionaryState(deps.db);
  });
  route(app, c.removeDictionaryTerm, { access: 'manage:dictionary' }, async ({ params, actor, deps }) => {
    await removeDictionaryTerm(deps.db, actor, params);
    return dictionaryState(deps.db);
  });
  route(app, c.startIndexRebuild, { access: 'manage:dictionary' }, async ({ actor, deps }) =>
    presentRebuild(await startIndexRebuild(deps.db, actor, deps.clock())),
  );
  route(app, c.latestIndexRebuild, { access: 'manage:dictionary' }, async ({ deps }) => {
    const r = await latestRebuild(deps.db);
    return { rebuild: r ? presentRebuild(r) : null };
  });
}
