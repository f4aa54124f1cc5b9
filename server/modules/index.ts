import type { AppDeps } from '../http/deps.js';
import type { App } from '../http/route.js';
import { renderListingShell } from './catalog/search/seo.js';
import { auditRoutes } from './audit/routes.js';
import { catalogRoutes } from './catalog/routes.js';
import { catalogSearchRoutes } from './catalog/search/routes.js';
import { contractRoutes } from './contracts/routes.js';
import { fileRoutes } from './files/routes.js';
import { importRoutes } from './imports/routes.js';
import { projectRoutes } from './projects/routes.js';
import { planRoutes } from './plans/routes.js';
import { identityRoutes } from './identity/routes.js';
import { mailRoutes } from './mail/routes.js';
import { matchmakingRoutes } from './matchmaking/routes.js';
import { registryRoutes } from './registries/routes.js';
import { tradingRoutes } from './trading/routes.js';
import { matchingRoutes } from './matching/routes.js';
import { notificationRoutes } from './notifications/routes.js';
import { organisationRoutes } from './organisations/routes.js';
import { systemRoutes } from './system/routes.js';
import { userRoutes } from './users/routes.js';
import { voucherRoutes } from './vouchers/routes.js';
import { fundingRoutes } from './funding/routes.js';
import { facilityRoutes } from './facilities/routes.js';
import { commissionerRoutes } from './commissioners/routes.js';
import { financeRoutes } from './finance/routes.js';

/**
 * Server-rendered head for pages search engines index (a listing's title,
 * description and JSON-LD in the app shell). Null when no domain claims the URL.
 */
export async function renderPageShell(deps: AppDeps, url: string, indexHtml: string): Promise<string | null> {
  return renderListingShell(deps.db, url, indexHtml, deps.config.publicUrl);
}

/** Every domain's routes. Adding a domain means adding one line here. */
export function registerModules(app: App): void {
  identityRoutes(app);
  organisationRoutes(app);
  userRoutes(app);
  auditRoutes(app);
  notificationRoutes(app);
  mailRoutes(app);
  systemRoutes(app);
  fileRoutes(app);
  catalogRoutes(app);
  catalogSearchRoutes(app);
  importRoutes(app);
  projectRoutes(app);
  planRoutes(app);
  matchmakingRoutes(app);
  registryRoutes(app);
  contractRoutes(app);
  tradingRoutes(app);
  matchingRoutes(app);
  voucherRoutes(app);
  fundingRoutes(app);
  facilityRoutes(app);
  commissionerRoutes(app);
  financeRoutes(app);
}
