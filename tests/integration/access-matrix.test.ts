import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { notifications } from '../../server/modules/notifications/schema.js';
import { organisations } from '../../server/modules/organisations/schema.js';
import { ROLES, type Role } from '../../shared/roles.js';
import { registeredRoutes } from '../../server/http/route.js';
import { setupTestEnv } from '../support/harness.js';
import { createOrg, createUser, PASSWORD } from '../support/factories.js';
import { signIn, TestClient } from '../support/client.js';

/**
 * Deny by default, checked route by route and role by role. The table below is
 * the intended access of every API route; a route missing from it fails this
 * test, so a new route cannot ship without deciding who may call it.
 *
 * 'public' = anyone; 'signed-in' = every signed-in role; otherwise the roles
 * allowed past the route-level check. Object-level scopes (own / org / any)
 * are tested per domain, and in the object-scope section below.
 */
type Who = 'public' | 'signed-in' | Role[];

const STAFF: Role[] = ['reviewer', 'bureau_admin', 'sys_admin', 'auditor'];

const EXPECTED: Record<string, Who> = {
  'GET /api/v1/session': 'public',
  'POST /api/v1/auth/login': 'public',
  'POST /api/v1/auth/logout': 'signed-in',
  'POST /api/v1/auth/password': 'signed-in',
  'POST /api/v1/auth/password-reset/request': 'public',
  'POST /api/v1/auth/password-reset/confirm': 'public',
  'POST /api/v1/auth/totp/verify': 'signed-in',
  'POST /api/v1/auth/totp/enrol': STAFF,
  'POST /api/v1/auth/totp/confirm': STAFF,
  'POST /api/v1/auth/totp/disable': STAFF,
  'PATCH /api/v1/me': 'signed-in',
  'GET /api/v1/me/tokens': 'signed-in',
  'POST /api/v1/me/tokens': 'signed-in',
  'DELETE /api/v1/me/tokens/:id': 'signed-in',
  'POST /api/v1/register': 'public',
  'GET /api/v1/meta': 'public',
  'GET /api/v1/organisations': 'public',
  'GET /api/v1/organisations/tree': 'public',
  'GET /api/v1/organisations/:id': 'public',
  'POST /api/v1/organisations': ['bureau_admin'],
  'PATCH /api/v1/organisations/:id': ['org_admin', 'bureau_admin'],
  'POST /api/v1/organisations/:id/verification': ['reviewer', 'bureau_admin'],
  'GET /api/v1/organisations/:id/members': ['org_admin', 'reviewer', 'bureau_admin', 'sys_admin'],
  'DELETE /api/v1/organisations/:id/members/:userId': ['org_admin'],
  'GET /api/v1/organisations/:id/invitations': ['org_admin'],
  'POST /api/v1/organisations/:id/invitations': ['org_admin'],
  'DELETE /api/v1/organisations/:id/invitations/:invitationId': ['org_admin'],
  'GET /api/v1/invitations/:token': 'public',
  'POST /api/v1/invitations/:token/accept': 'public',
  'GET /api/v1/users': ['bureau_admin', 'sys_admin', 'auditor'],
  'POST /api/v1/users': ['sys_admin'],
  'PATCH /api/v1/users/:id': ['sys_admin'],
  'POST /api/v1/users/:id/password-reset': ['sys_admin'],
  'POST /api/v1/users/:id/unlock': ['sys_admin'],
  'GET /api/v1/audit': ['auditor'],
  'GET /api/v1/audit/export': ['auditor'],
  'GET /api/v1/audit/verification': ['auditor'],
  'GET /api/v1/notifications': 'signed-in',
  'GET /api/v1/notifications/unread-count': 'signed-in',
  'POST /api/v1/notifications/:id/read': 'signed-in',
  'POST /api/v1/notifications/read-all': 'signed-in',
  'GET /api/v1/admin/mail-outbox': ['sys_admin'],
  // Files: every signed-in account uploads (organisation members for their organisation, anyone else files of their own).
  'POST /api/v1/files': 'signed-in',
  'GET /api/v1/files/:id': 'public',
  'GET /api/v1/import/templates/:kind': 'public',
  'POST /api/v1/imports': ['enterprise_member', 'researcher', 'service_member', 'org_admin', 'reviewer', 'bureau_admin'],
  'GET /api/v1/imports/:id': ['enterprise_member', 'researcher', 'service_member', 'org_admin', 'reviewer', 'bureau_admin'],
  'POST /api/v1/imports/:id/commit': ['enterprise_member', 'researcher', 'service_member', 'org_admin', 'reviewer', 'bureau_admin'],
  'GET /api/v1/imports/:id/errors.csv': ['enterprise_member', 'researcher', 'service_member', 'org_admin', 'reviewer', 'bureau_admin'],
  // Finding listings (catalog search): public portal, exports and feeds; syndication for token holders; dictionary for the bureau.
  'GET /api/v1/achievements': 'public',
  'GET /api/v1/demands': 'public',
  'GET /api/v1/achievements/:id': 'public',
  'GET /api/v1/demands/:id': 'public',
  'GET /api/v1/achievements/export': 'public',
  'GET /api/v1/demands/export': 'public',
  'GET /api/v1/feeds/achievements.atom': 'public',
  'GET /api/v1/feeds/demands.atom': 'public',
  // Syndication is for organisation members and staff (tokens); review experts hold neither.
  'GET /api/v1/syndication/achievements': ['enterprise_member', 'researcher', 'service_member', 'broker', 'commissioner', 'dept_reporter', 'org_admin', 'reviewer', 'bureau_admin', 'sys_admin', 'auditor'],
  'GET /api/v1/syndication/demands': ['enterprise_member', 'researcher', 'service_member', 'broker', 'commissioner', 'dept_reporter', 'org_admin', 'reviewer', 'bureau_admin', 'sys_admin', 'auditor'],
  'GET /api/v1/admin/dictionary': ['bureau_admin'],
  'POST /api/v1/admin/dictionary': ['bureau_admin'],
  'DELETE /api/v1/admin/dictionary/:term': ['bureau_admin'],
  'POST /api/v1/admin/search-index/rebuilds': ['bureau_admin'],
  'GET /api/v1/admin/search-index/rebuilds/latest': ['bureau_admin'],
  // Listing workflow and review desk (server/modules/catalog).
  'POST /api/v1/achievements': ['enterprise_member', 'researcher', 'service_member', 'org_admin'],
  'GET /api/v1/console/achievements': ['enterprise_member', 'researcher', 'service_member', 'org_admin', 'reviewer', 'bureau_admin'],
  'GET /api/v1/achievements/:id/record': ['enterprise_member', 'researcher', 'service_member', 'org_admin', 'reviewer', 'bureau_admin'],
  'PUT /api/v1/achievements/:id/draft': ['enterprise_member', 'researcher', 'service_member', 'org_admin'],
  'POST /api/v1/achievements/:id/submit': ['enterprise_member', 'researcher', 'service_member', 'org_admin'],
  'POST /api/v1/achievements/:id/withdraw': ['enterprise_member', 'researcher', 'service_member', 'org_admin'],
  'DELETE /api/v1/achievements/:id/draft': ['enterprise_member', 'researcher', 'service_member', 'org_admin'],
  'GET /api/v1/achievements/:id/revisions/:revisionId': ['enterprise_member', 'researcher', 'service_member', 'org_admin', 'reviewer', 'bureau_admin'],
  'POST /api/v1/demands': ['enterprise_member', 'researcher', 'service_member', 'org_admin'],
  'GET /api/v1/console/demands': ['enterprise_member', 'researcher', 'service_member', 'org_admin', 'reviewer', 'bureau_admin'],
  'GET /api/v1/demands/:id/record': ['enterprise_member', 'researcher', 'service_member', 'org_admin', 'reviewer', 'bureau_admin'],
  'PUT /api/v1/demands/:id/draft': ['enterprise_member', 'researcher', 'service_member', 'org_admin'],
  'POST /api/v1/demands/:id/submit': ['enterprise_member', 'researcher', 'service_member', 'org_admin'],
  'POST /api/v1/demands/:id/withdraw': ['enterprise_member', 'researcher', 'service_member', 'org_admin'],
  'DELETE /api/v1/demands/:id/draft': ['enterprise_member', 'researcher', 'service_member', 'org_admin'],
  'GET /api/v1/demands/:id/revisions/:revisionId': ['enterprise_member', 'researcher', 'service_member', 'org_admin', 'reviewer', 'bureau_admin'],
  'POST /api/v1/demands/:id/close': ['enterprise_member', 'researcher', 'service_member', 'org_admin'],
  'GET /api/v1/review/queue': ['reviewer', 'bureau_admin'],
  'POST /api/v1/review/revisions/:id/approve': ['reviewer', 'bureau_admin'],
  'POST /api/v1/review/revisions/:id/return': ['reviewer', 'bureau_admin'],
  'POST /api/v1/review/bulk-approve': ['reviewer', 'bureau_admin'],
  // Funded projects (server/modules/projects/policy.ts): unit members read their own, the bureau manages and reviews.
  'GET /api/v1/projects': ['enterprise_member', 'researcher', 'service_member', 'org_admin', 'reviewer', 'bureau_admin'],
  'POST /api/v1/projects': ['reviewer', 'bureau_admin'],
  'GET /api/v1/projects/:id': ['enterprise_member', 'researcher', 'service_member', 'org_admin', 'reviewer', 'bureau_admin'],
  'PATCH /api/v1/projects/:id': ['reviewer', 'bureau_admin'],
  'POST /api/v1/projects/:id/obligations': ['reviewer', 'bureau_admin'],
  'PATCH /api/v1/obligations/:id': ['reviewer', 'bureau_admin'],
  'POST /api/v1/obligations/:id/submission': ['enterprise_member', 'researcher', 'service_member', 'org_admin'],
  'POST /api/v1/obligations/:id/acceptance': ['reviewer', 'bureau_admin'],
  'POST /api/v1/obligations/:id/return': ['reviewer', 'bureau_admin'],
  'GET /api/v1/obligations/overdue': ['reviewer', 'bureau_admin'],
  'GET /api/v1/obligations/overdue/export': ['reviewer', 'bureau_admin'],
  // Plan tracking (server/modules/plans/policy.ts): units read plans and report; the bureau monitors, reviews, supervises; its admin manages.
  'GET /api/v1/plans': ['dept_reporter', 'org_admin', 'reviewer', 'bureau_admin', 'auditor'],
  'POST /api/v1/plans/import': ['bureau_admin'],
  'GET /api/v1/plans/:id': ['dept_reporter', 'org_admin', 'reviewer', 'bureau_admin', 'auditor'],
  'PATCH /api/v1/plans/:id': ['bureau_admin'],
  'PATCH /api/v1/plans/:id/indicators/:indicatorId': ['bureau_admin'],
  'PATCH /api/v1/plans/:id/tasks/:taskId': ['bureau_admin'],
  'GET /api/v1/plans/:id/dashboard': ['dept_reporter', 'reviewer', 'bureau_admin', 'auditor'],
  'GET /api/v1/plans/:id/indicators/:indicatorId/records': ['dept_reporter', 'reviewer', 'bureau_admin', 'auditor'],
  'GET /api/v1/plans/:id/export.xlsx': ['dept_reporter', 'reviewer', 'bureau_admin', 'auditor'],
  'GET /api/v1/plans/:id/report.pdf': ['dept_reporter', 'reviewer', 'bureau_admin', 'auditor'],
  'GET /api/v1/public/plans/current/statistics': 'public',
  'POST /api/v1/plans/:id/tasks/:taskId/reports': ['dept_reporter', 'org_admin'],
  'GET /api/v1/plans/:id/reports': ['dept_reporter', 'org_admin', 'reviewer', 'bureau_admin', 'auditor'],
  'GET /api/v1/plan-reports/:id': ['dept_reporter', 'org_admin', 'reviewer', 'bureau_admin', 'auditor'],
  'POST /api/v1/plan-reports/:id/acceptance': ['reviewer', 'bureau_admin'],
  'POST /api/v1/plan-reports/:id/return': ['reviewer', 'bureau_admin'],
  'GET /api/v1/plans/:id/supervision': ['reviewer', 'bureau_admin'],
  'GET /api/v1/plans/:id/supervision/export.xlsx': ['reviewer', 'bureau_admin'],
  // Matchmaking cases (server/modules/matchmaking/policy.ts): members open and act for their organisation, brokers act on their cases, the bureau reads, assigns and sees the funnel.
  'POST /api/v1/matchmaking/cases': ['enterprise_member', 'researcher', 'service_member', 'org_admin'],
  'GET /api/v1/matchmaking/cases': ['enterprise_member', 'researcher', 'service_member', 'org_admin', 'broker', 'reviewer', 'bureau_admin'],
  'GET /api/v1/matchmaking/cases/:id': ['enterprise_member', 'researcher', 'service_member', 'org_admin', 'broker', 'reviewer', 'bureau_admin'],
  'GET /api/v1/matchmaking/cases/:id/files/:fileId': ['enterprise_member', 'researcher', 'service_member', 'org_admin', 'broker', 'reviewer', 'bureau_admin'],
  'POST /api/v1/matchmaking/cases/:id/accept': ['enterprise_member', 'researcher', 'service_member', 'org_admin', 'broker'],
  'POST /api/v1/matchmaking/cases/:id/decline': ['enterprise_member', 'researcher', 'service_member', 'org_admin', 'broker'],
  'POST /api/v1/matchmaking/cases/:id/negotiation': ['enterprise_member', 'researcher', 'service_member', 'org_admin', 'broker'],
  'POST /api/v1/matchmaking/cases/:id/agreement': ['enterprise_member', 'researcher', 'service_member', 'org_admin', 'broker'],
  'POST /api/v1/matchmaking/cases/:id/close': ['enterprise_member', 'researcher', 'service_member', 'org_admin', 'broker'],
  'POST /api/v1/matchmaking/cases/:id/messages': ['enterprise_member', 'researcher', 'service_member', 'org_admin', 'broker'],
  'POST /api/v1/matchmaking/cases/:id/broker': ['reviewer', 'bureau_admin'],
  'POST /api/v1/matchmaking/cases/:id/claim': ['broker'],
  'GET /api/v1/matchmaking/broker/cases': ['broker'],
  'GET /api/v1/matchmaking/funnel': ['reviewer', 'bureau_admin'],
  'GET /api/v1/matchmaking/funnel/export': ['reviewer', 'bureau_admin'],
  // Registries (server/modules/registries/policy.ts): owners register and edit, the bureau reviews, scores and recognises; directories are public.
  'GET /api/v1/institutions': 'public',
  'GET /api/v1/institutions/console': ['service_member', 'org_admin', 'reviewer', 'bureau_admin'],
  'GET /api/v1/institutions/export': ['reviewer', 'bureau_admin'],
  'POST /api/v1/institutions/import': ['bureau_admin'],
  'GET /api/v1/institutions/:id': 'public',
  'POST /api/v1/institutions': ['service_member', 'org_admin', 'bureau_admin'],
  'PUT /api/v1/institutions/:id': ['service_member', 'org_admin', 'bureau_admin'],
  'POST /api/v1/institutions/:id/submit': ['service_member', 'org_admin', 'bureau_admin'],
  'POST /api/v1/institutions/:id/approve': ['reviewer', 'bureau_admin'],
  'POST /api/v1/institutions/:id/return': ['reviewer', 'bureau_admin'],
  'POST /api/v1/institutions/:id/withdraw': 'signed-in',
  'GET /api/v1/brokers': 'public',
  'GET /api/v1/brokers/console': ['broker', 'reviewer', 'bureau_admin'],
  'GET /api/v1/brokers/export': ['reviewer', 'bureau_admin'],
  'POST /api/v1/brokers/import': ['bureau_admin'],
  'GET /api/v1/brokers/:id': 'public',
  'POST /api/v1/brokers': ['broker', 'bureau_admin'],
  'PUT /api/v1/brokers/:id': ['broker', 'bureau_admin'],
  'POST /api/v1/brokers/:id/submit': ['broker', 'bureau_admin'],
  'POST /api/v1/brokers/:id/approve': ['reviewer', 'bureau_admin'],
  'POST /api/v1/brokers/:id/return': ['reviewer', 'bureau_admin'],
  'POST /api/v1/brokers/:id/withdraw': 'signed-in',
  'GET /api/v1/spaces': 'public',
  'GET /api/v1/spaces/console': ['org_admin', 'service_member', 'enterprise_member', 'reviewer', 'bureau_admin'],
  'GET /api/v1/spaces/export': ['reviewer', 'bureau_admin'],
  'POST /api/v1/spaces/import': ['bureau_admin'],
  'GET /api/v1/spaces/:id': 'public',
  'POST /api/v1/spaces': ['org_admin', 'service_member', 'enterprise_member', 'bureau_admin'],
  'PUT /api/v1/spaces/:id': ['org_admin', 'service_member', 'enterprise_member', 'bureau_admin'],
  'POST /api/v1/spaces/:id/submit': ['org_admin', 'service_member', 'enterprise_member', 'bureau_admin'],
  'POST /api/v1/spaces/:id/approve': ['reviewer', 'bureau_admin'],
  'POST /api/v1/spaces/:id/return': ['reviewer', 'bureau_admin'],
  'POST /api/v1/spaces/:id/withdraw': 'signed-in',
  'GET /api/v1/alliances': 'public',
  'GET /api/v1/alliances/console': ['org_admin', 'enterprise_member', 'researcher', 'service_member', 'reviewer', 'bureau_admin'],
  'GET /api/v1/alliances/export': ['reviewer', 'bureau_admin'],
  'POST /api/v1/alliances/import': ['bureau_admin'],
  'GET /api/v1/alliances/:id': 'public',
  'POST /api/v1/alliances': ['org_admin', 'enterprise_member', 'researcher', 'service_member', 'bureau_admin'],
  'PUT /api/v1/alliances/:id': ['org_admin', 'enterprise_member', 'researcher', 'service_member', 'bureau_admin'],
  'POST /api/v1/alliances/:id/submit': ['org_admin', 'enterprise_member', 'researcher', 'service_member', 'bureau_admin'],
  'POST /api/v1/alliances/:id/approve': ['reviewer', 'bureau_admin'],
  'POST /api/v1/alliances/:id/return': ['reviewer', 'bureau_admin'],
  'POST /api/v1/alliances/:id/withdraw': 'signed-in',
  'GET /api/v1/demo-zones': 'public',
  'GET /api/v1/demo-zones/console': ['org_admin', 'dept_reporter', 'reviewer', 'bureau_admin'],
  'GET /api/v1/demo-zones/export': ['reviewer', 'bureau_admin'],
  'POST /api/v1/demo-zones/import': ['bureau_admin'],
  'GET /api/v1/demo-zones/:id': 'public',
  'POST /api/v1/demo-zones': ['org_admin', 'dept_reporter', 'bureau_admin'],
  'PUT /api/v1/demo-zones/:id': ['org_admin', 'dept_reporter', 'bureau_admin'],
  'POST /api/v1/demo-zones/:id/submit': ['org_admin', 'dept_reporter', 'bureau_admin'],
  'POST /api/v1/demo-zones/:id/approve': ['reviewer', 'bureau_admin'],
  'POST /api/v1/demo-zones/:id/return': ['reviewer', 'bureau_admin'],
  'POST /api/v1/demo-zones/:id/withdraw': 'signed-in',
  // Innovation platforms (registries, kind platform): host organisations register like maker spaces; the bureau reviews.
  'GET /api/v1/platforms': 'public',
  'GET /api/v1/platforms/console': ['org_admin', 'service_member', 'enterprise_member', 'reviewer', 'bureau_admin'],
  'GET /api/v1/platforms/export': ['reviewer', 'bureau_admin'],
  'POST /api/v1/platforms/import': ['bureau_admin'],
  'GET /api/v1/platforms/:id': 'public',
  'POST /api/v1/platforms': ['org_admin', 'service_member', 'enterprise_member', 'bureau_admin'],
  'PUT /api/v1/platforms/:id': ['org_admin', 'service_member', 'enterprise_member', 'bureau_admin'],
  'POST /api/v1/platforms/:id/submit': ['org_admin', 'service_member', 'enterprise_member', 'bureau_admin'],
  'POST /api/v1/platforms/:id/approve': ['reviewer', 'bureau_admin'],
  'POST /api/v1/platforms/:id/return': ['reviewer', 'bureau_admin'],
  'POST /api/v1/platforms/:id/withdraw': 'signed-in',
  'POST /api/v1/institutions/:id/services': ['service_member', 'org_admin', 'bureau_admin'],
  'PUT /api/v1/institutions/:id/services/:subId': ['service_member', 'org_admin', 'bureau_admin'],
  'POST /api/v1/institutions/:id/staff': ['service_member', 'org_admin', 'bureau_admin'],
  'DELETE /api/v1/institutions/:id/staff/:subId': ['service_member', 'org_admin', 'bureau_admin'],
  'PUT /api/v1/institutions/:id/performance/:year': ['service_member', 'org_admin', 'bureau_admin'],
  'PUT /api/v1/institutions/:id/assessments/:year': ['reviewer', 'bureau_admin'],
  'GET /api/v1/institution-scoring/:year': ['reviewer', 'bureau_admin'],
  // Registries web (issue 7): the scoring screen's XLSX export.
  'GET /api/v1/institution-scoring/:year/export.xlsx': ['reviewer', 'bureau_admin'],
  'DELETE /api/v1/spaces/:id/tenants/:subId': ['org_admin', 'service_member', 'enterprise_member', 'bureau_admin'],
  'DELETE /api/v1/alliances/:id/projects/:subId': ['org_admin', 'enterprise_member', 'researcher', 'service_member', 'bureau_admin'],
  'PUT /api/v1/institution-scoring/:year': ['reviewer', 'bureau_admin'],
  'POST /api/v1/brokers/:id/certificates': ['broker', 'bureau_admin'],
  'DELETE /api/v1/brokers/:id/certificates/:subId': ['broker', 'bureau_admin'],
  'POST /api/v1/brokers/:id/trainings': ['broker', 'bureau_admin'],
  'DELETE /api/v1/brokers/:id/trainings/:subId': ['broker', 'bureau_admin'],
  'POST /api/v1/brokers/:id/recognitions': ['reviewer', 'bureau_admin'],
  'DELETE /api/v1/brokers/:id/recognitions/:subId': ['reviewer', 'bureau_admin'],
  'GET /api/v1/broker-accounts': ['reviewer', 'bureau_admin'],
  'POST /api/v1/spaces/:id/tenants': ['org_admin', 'service_member', 'enterprise_member', 'bureau_admin'],
  'PUT /api/v1/spaces/:id/tenants/:subId': ['org_admin', 'service_member', 'enterprise_member', 'bureau_admin'],
  'POST /api/v1/alliances/:id/members': ['org_admin', 'enterprise_member', 'researcher', 'service_member', 'bureau_admin'],
  'DELETE /api/v1/alliances/:id/members/:subId': ['org_admin', 'enterprise_member', 'researcher', 'service_member', 'bureau_admin'],
  'POST /api/v1/alliances/:id/projects': ['org_admin', 'enterprise_member', 'researcher', 'service_member', 'bureau_admin'],
  'PUT /api/v1/alliances/:id/projects/:subId': ['org_admin', 'enterprise_member', 'researcher', 'service_member', 'bureau_admin'],
  // Technology contracts (server/modules/contracts/policy.ts): the seller side's members draft, submit, amend and terminate; reviewers register (register:contract); the bureau reads; statistics for the bureau and departments, a public summary. Income and rewards for the holder's researchers and administrators; major achievements decided by reviewers.
  'POST /api/v1/contracts': ['enterprise_member', 'researcher', 'service_member', 'org_admin'],
  'GET /api/v1/contracts/prefill': ['enterprise_member', 'researcher', 'service_member', 'org_admin'],
  'GET /api/v1/contracts': ['enterprise_member', 'researcher', 'service_member', 'org_admin', 'reviewer', 'bureau_admin'],
  'GET /api/v1/contracts/statistics': ['reviewer', 'bureau_admin', 'dept_reporter'],
  'GET /api/v1/contracts/statistics/export': ['reviewer', 'bureau_admin', 'dept_reporter'],
  'GET /api/v1/public/contract-statistics': 'public',
  'GET /api/v1/contracts/:id': ['enterprise_member', 'researcher', 'service_member', 'org_admin', 'reviewer', 'bureau_admin'],
  'PUT /api/v1/contracts/:id': ['enterprise_member', 'researcher', 'service_member', 'org_admin'],
  'POST /api/v1/contracts/:id/submit': ['enterprise_member', 'researcher', 'service_member', 'org_admin'],
  'POST /api/v1/contracts/:id/withdraw': ['enterprise_member', 'researcher', 'service_member', 'org_admin'],
  'POST /api/v1/contracts/:id/return': ['reviewer'],
  'POST /api/v1/contracts/:id/reclassify': ['reviewer'],
  'POST /api/v1/contracts/:id/refuse': ['reviewer'],
  'POST /api/v1/contracts/:id/approve': ['reviewer'],
  'POST /api/v1/contracts/:id/amendments': ['enterprise_member', 'researcher', 'service_member', 'org_admin'],
  'POST /api/v1/contracts/:id/termination': ['enterprise_member', 'researcher', 'service_member', 'org_admin'],
  'GET /api/v1/contracts/:id/certificate': ['enterprise_member', 'researcher', 'service_member', 'org_admin', 'reviewer', 'bureau_admin'],
  'GET /api/v1/contracts/:id/file': ['enterprise_member', 'researcher', 'service_member', 'org_admin', 'reviewer', 'bureau_admin'],
  'GET /api/v1/rewards/minimums': ['researcher', 'org_admin', 'reviewer', 'bureau_admin'],
  'POST /api/v1/rewards/incomes': ['researcher', 'org_admin'],
  'GET /api/v1/rewards/incomes': ['researcher', 'org_admin', 'reviewer', 'bureau_admin'],
  'GET /api/v1/rewards/incomes/:id': ['researcher', 'org_admin', 'reviewer', 'bureau_admin'],
  'POST /api/v1/rewards/incomes/:id/calculation': ['researcher', 'org_admin', 'reviewer', 'bureau_admin'],
  'POST /api/v1/rewards/incomes/:id/reward': ['researcher', 'org_admin'],
  'GET /api/v1/major-achievements': ['reviewer', 'bureau_admin'],
  'POST /api/v1/major-achievements': ['reviewer'],
  'POST /api/v1/major-achievements/:id/decision': ['reviewer'],
  // Trading (server/modules/trading/policy.ts): listings, auctions and deals in notice are public; members list, buy, offer and bid for their organisation; anyone signed in objects; the bureau records deposits and refunds and resolves objections.
  'GET /api/v1/trading/listings': 'public',
  'GET /api/v1/trading/listings/:id': 'public',
  'POST /api/v1/trading/listings': ['enterprise_member', 'researcher', 'service_member', 'org_admin'],
  'POST /api/v1/trading/listings/:id/withdraw': ['enterprise_member', 'researcher', 'service_member', 'org_admin'],
  'POST /api/v1/trading/listings/:id/auction': ['enterprise_member', 'researcher', 'service_member', 'org_admin'],
  'POST /api/v1/trading/listings/:id/buy': ['enterprise_member', 'researcher', 'service_member', 'org_admin'],
  'POST /api/v1/trading/listings/:id/offers': ['enterprise_member', 'researcher', 'service_member', 'org_admin'],
  'POST /api/v1/trading/offers/:id/accept': ['enterprise_member', 'researcher', 'service_member', 'org_admin'],
  'POST /api/v1/trading/offers/:id/decline': ['enterprise_member', 'researcher', 'service_member', 'org_admin'],
  'POST /api/v1/trading/offers/:id/withdraw': ['enterprise_member', 'researcher', 'service_member', 'org_admin'],
  'GET /api/v1/trading/mine': 'signed-in',
  'GET /api/v1/trading/auctions/:id': 'public',
  'GET /api/v1/trading/auctions/:id/events': 'public',
  'POST /api/v1/trading/auctions/:id/register': ['enterprise_member', 'researcher', 'service_member', 'org_admin'],
  'POST /api/v1/trading/auctions/:id/bids': ['enterprise_member', 'researcher', 'service_member', 'org_admin'],
  'GET /api/v1/trading/bidders': ['reviewer', 'bureau_admin'],
  'POST /api/v1/trading/bidders/:id/deposit': ['reviewer', 'bureau_admin'],
  'POST /api/v1/trading/bidders/:id/refund': ['reviewer', 'bureau_admin'],
  'GET /api/v1/trading/deals': 'public',
  'GET /api/v1/trading/deals/:id': 'public',
  'GET /api/v1/trading/deals/export.xlsx': ['reviewer', 'bureau_admin'],
  'POST /api/v1/trading/deals/:id/objections': 'signed-in',
  'GET /api/v1/trading/objections': ['reviewer', 'bureau_admin'],
  'POST /api/v1/trading/objections/:id/resolve': ['reviewer', 'bureau_admin'],
  'GET /api/v1/trading/objections/:id/evidence/:fileId': 'signed-in',
  // Trading, deal confirmation (成交确认书): route-level signed-in; the operation admits the parties (confirming needs manage:trade_listing for the seller, buy:trade_listing for the buyer) and the bureau (reading only).
  'GET /api/v1/trading/deals/:id/confirmation': 'signed-in',
  'POST /api/v1/trading/deals/:id/confirm': 'signed-in',
  'GET /api/v1/trading/deals/:id/confirmation.pdf': 'signed-in',
  // Matching (server/modules/matching/policy.ts): suggestions are public (published records only, rate-limited); feedback and subscriptions need a user (own subscriptions only); the bureau exports feedback and measures the engine against it.
  'POST /api/v1/match/achievements': 'public',
  'POST /api/v1/match/demands': 'public',
  // Matching, free text → directories (0022): public; review experts only appear for the bureau, filtered inside the route.
  'POST /api/v1/match/institutions': 'public',
  'POST /api/v1/match/experts': 'public',
  'GET /api/v1/demands/:id/matches': 'public',
  'GET /api/v1/achievements/:id/matches': 'public',
  'GET /api/v1/achievements/:id/similar': 'public',
  'POST /api/v1/match/feedback': 'signed-in',
  'GET /api/v1/match/feedback/export': ['reviewer', 'bureau_admin', 'sys_admin'],
  'GET /api/v1/match/feedback/evaluation': ['reviewer', 'bureau_admin', 'sys_admin'],
  // matching: the feedback evaluation in the background (h6-feedback-job)
  'POST /api/v1/match/feedback/evaluations': ['reviewer', 'bureau_admin', 'sys_admin'],
  'GET /api/v1/match/feedback/evaluations': ['reviewer', 'bureau_admin', 'sys_admin'],
  'GET /api/v1/match/feedback/evaluations/:id': ['reviewer', 'bureau_admin', 'sys_admin'],
  'POST /api/v1/match/feedback/evaluations/:id/cancel': ['reviewer', 'bureau_admin', 'sys_admin'],
  'POST /api/v1/match/impressions': 'public',
  'GET /api/v1/match/subscriptions': 'signed-in',
  'POST /api/v1/match/subscriptions': 'signed-in',
  'PATCH /api/v1/match/subscriptions/:id': 'signed-in',
  'DELETE /api/v1/match/subscriptions/:id': 'signed-in',
  'GET /api/v1/match/subscriptions/:id/hits': 'signed-in',
  'POST /api/v1/match/unsubscribe': 'public',
  // Innovation vouchers (server/modules/vouchers/policy.ts): members of enterprises and providers see open programmes; enterprises apply and hold vouchers; providers (or enterprises, for reimbursement) redeem; reviewers decide; the bureau administrator runs programmes, voids, blacklists and pays; auditors read.
  'GET /api/v1/vouchers/programmes': ['enterprise_member', 'service_member', 'org_admin', 'reviewer', 'bureau_admin', 'auditor'],
  'GET /api/v1/vouchers/programmes/:id': ['enterprise_member', 'service_member', 'org_admin', 'reviewer', 'bureau_admin', 'auditor'],
  'POST /api/v1/vouchers/programmes': ['bureau_admin'],
  'POST /api/v1/vouchers/programmes/:id/allocations': ['bureau_admin'],
  'POST /api/v1/vouchers/programmes/:id/status': ['bureau_admin'],
  'POST /api/v1/vouchers/applications': ['enterprise_member', 'org_admin'],
  'GET /api/v1/vouchers/applications': ['enterprise_member', 'org_admin', 'reviewer', 'bureau_admin', 'auditor'],
  'GET /api/v1/vouchers/applications/:id': ['enterprise_member', 'org_admin', 'reviewer', 'bureau_admin', 'auditor'],
  'POST /api/v1/vouchers/applications/:id/decision': ['reviewer', 'bureau_admin'],
  'GET /api/v1/vouchers': ['enterprise_member', 'org_admin', 'reviewer', 'bureau_admin', 'auditor'],
  'GET /api/v1/vouchers/:id': ['enterprise_member', 'org_admin', 'reviewer', 'bureau_admin', 'auditor'],
  'POST /api/v1/vouchers/:id/void': ['bureau_admin'],
  'POST /api/v1/vouchers/redemptions': ['enterprise_member', 'service_member', 'org_admin'],
  'GET /api/v1/vouchers/redemptions': ['enterprise_member', 'service_member', 'org_admin', 'reviewer', 'bureau_admin', 'auditor'],
  'GET /api/v1/vouchers/redemptions/:id': ['enterprise_member', 'service_member', 'org_admin', 'reviewer', 'bureau_admin', 'auditor'],
  'POST /api/v1/vouchers/redemptions/:id/decision': ['reviewer', 'bureau_admin'],
  'POST /api/v1/vouchers/redemptions/:id/payment': ['bureau_admin'],
  'GET /api/v1/vouchers/redemptions/:id/files/:fileId': ['enterprise_member', 'service_member', 'org_admin', 'reviewer', 'bureau_admin', 'auditor'],
  'GET /api/v1/vouchers/blacklist': ['reviewer', 'bureau_admin', 'auditor'],
  'POST /api/v1/vouchers/blacklist': ['bureau_admin'],
  'POST /api/v1/vouchers/blacklist/:id/lift': ['bureau_admin'],
  'GET /api/v1/vouchers/report': ['reviewer', 'bureau_admin', 'auditor'],
  'GET /api/v1/vouchers/report.xlsx': ['reviewer', 'bureau_admin', 'auditor'],
  // Funding programmes (server/modules/funding/policy.ts): organisation members apply for their organisation and see its applications; experts see and score what is assigned to them; anyone signed in may object during a notice; the bureau runs calls, reviews, experts, awards and disbursements.
  'POST /api/v1/funding/calls': ['bureau_admin'],
  'GET /api/v1/funding/calls': ['enterprise_member', 'researcher', 'service_member', 'org_admin', 'expert', 'reviewer', 'bureau_admin', 'auditor'],
  'GET /api/v1/funding/calls/:id': ['enterprise_member', 'researcher', 'service_member', 'org_admin', 'expert', 'reviewer', 'bureau_admin', 'auditor'],
  'POST /api/v1/funding/calls/:id/status': ['bureau_admin'],
  'GET /api/v1/funding/calls/:id/ranking': ['reviewer', 'bureau_admin', 'auditor'],
  'POST /api/v1/funding/calls/:id/awards': ['bureau_admin'],
  'POST /api/v1/funding/calls/:id/objections': 'signed-in',
  'POST /api/v1/funding/applications': ['enterprise_member', 'researcher', 'service_member', 'org_admin'],
  'GET /api/v1/funding/applications': ['enterprise_member', 'researcher', 'service_member', 'org_admin', 'expert', 'reviewer', 'bureau_admin', 'auditor'],
  'GET /api/v1/funding/applications/:id': ['enterprise_member', 'researcher', 'service_member', 'org_admin', 'expert', 'reviewer', 'bureau_admin', 'auditor'],
  'POST /api/v1/funding/applications/:id/formal': ['reviewer', 'bureau_admin'],
  'POST /api/v1/funding/applications/:id/assignments': ['reviewer', 'bureau_admin'],
  'PUT /api/v1/funding/applications/:id/score': ['expert'],
  'POST /api/v1/funding/applications/:id/disbursements': ['bureau_admin'],
  'POST /api/v1/funding/applications/:id/acceptance': ['bureau_admin'],
  // Funding acceptance: the awardee's organisation applies; the bureau passes or returns.
  'POST /api/v1/funding/applications/:id/acceptance-application': ['enterprise_member', 'researcher', 'service_member', 'org_admin'],
  'POST /api/v1/funding/applications/:id/acceptance-application/return': ['bureau_admin'],
  'GET /api/v1/funding/experts': ['reviewer', 'bureau_admin'],
  'POST /api/v1/funding/experts': ['bureau_admin'],
  'PATCH /api/v1/funding/experts/:id': ['bureau_admin'],
  'GET /api/v1/funding/applications/:id/conflicts': ['reviewer', 'bureau_admin'],
  'POST /api/v1/funding/assignments/:id/deadline': ['reviewer', 'bureau_admin'],
  'GET /api/v1/funding/calls/:id/objections': ['reviewer', 'bureau_admin'],
  'POST /api/v1/funding/objections/:id/resolve': ['reviewer', 'bureau_admin'],
  'GET /api/v1/funding/objections/:id/files/:fileId': 'signed-in',
  'POST /api/v1/funding/calls/:id/awards/add': ['bureau_admin'],
  'GET /api/v1/funding/calls/:id/ranking.xlsx': ['reviewer', 'bureau_admin', 'auditor'],
  'GET /api/v1/funding/applications/:id/files/:fileId': ['enterprise_member', 'researcher', 'service_member', 'org_admin', 'expert', 'reviewer', 'bureau_admin', 'auditor'],
  'GET /api/v1/funding/public/awards': 'public',
  // Shared facilities (server/modules/facilities/policy.ts): owners' members register, manage calendars, decide bookings and record usage; anyone with an organisation books; the bureau reviews; the directory and calendars are public.
  'POST /api/v1/facilities': ['enterprise_member', 'researcher', 'service_member', 'org_admin'],
  'GET /api/v1/facilities/mine': ['enterprise_member', 'researcher', 'service_member', 'org_admin', 'reviewer', 'bureau_admin', 'auditor'],
  'GET /api/v1/facilities/:id': 'public',
  'PATCH /api/v1/facilities/:id': ['enterprise_member', 'researcher', 'service_member', 'org_admin'],
  'POST /api/v1/facilities/:id/withdraw': ['enterprise_member', 'researcher', 'service_member', 'org_admin'],
  'POST /api/v1/facilities/:id/review': ['reviewer', 'bureau_admin'],
  'GET /api/v1/public/facilities': 'public',
  'GET /api/v1/public/facilities/:id/calendar': 'public',
  'POST /api/v1/facilities/:id/blocks': ['enterprise_member', 'researcher', 'service_member', 'org_admin'],
  'DELETE /api/v1/facilities/:id/blocks/:blockId': ['enterprise_member', 'researcher', 'service_member', 'org_admin'],
  'POST /api/v1/facilities/:id/bookings': ['enterprise_member', 'researcher', 'service_member', 'broker', 'commissioner', 'org_admin'],
  'GET /api/v1/facility-bookings': ['enterprise_member', 'researcher', 'service_member', 'broker', 'commissioner', 'org_admin'],
  'POST /api/v1/facility-bookings/:id/confirm': ['enterprise_member', 'researcher', 'service_member', 'org_admin'],
  'POST /api/v1/facility-bookings/:id/decline': ['enterprise_member', 'researcher', 'service_member', 'org_admin'],
  'POST /api/v1/facility-bookings/:id/cancel': ['enterprise_member', 'researcher', 'service_member', 'broker', 'commissioner', 'org_admin'],
  'POST /api/v1/facilities/:id/usage': ['enterprise_member', 'researcher', 'service_member', 'org_admin'],
  'GET /api/v1/facilities/:id/usage': ['enterprise_member', 'researcher', 'service_member', 'org_admin', 'reviewer', 'bureau_admin', 'auditor'],
  'GET /api/v1/facilities/:id/utilisation': ['enterprise_member', 'researcher', 'service_member', 'org_admin', 'reviewer', 'bureau_admin', 'auditor'],
  'GET /api/v1/facilities/:id/usage/export.xlsx': ['enterprise_member', 'researcher', 'service_member', 'org_admin', 'reviewer', 'bureau_admin', 'auditor'],
  // Villages and tech commissioners (server/modules/commissioners/policy.ts): the bureau administrator keeps villages, commissioners and assignments; readers are the bureau, departments and the auditor; a commissioner logs their own services, records their own fees and sees the coverage.
  'GET /api/v1/villages/townships': ['commissioner', 'dept_reporter', 'reviewer', 'bureau_admin', 'auditor'],
  'GET /api/v1/villages': ['commissioner', 'dept_reporter', 'reviewer', 'bureau_admin', 'auditor'],
  'POST /api/v1/villages': ['bureau_admin'],
  'PATCH /api/v1/villages/:id': ['bureau_admin'],
  'POST /api/v1/villages/import': ['bureau_admin'],
  'GET /api/v1/villages/import-template.csv': ['bureau_admin'],
  'GET /api/v1/commissioners/me': ['commissioner', 'dept_reporter', 'reviewer', 'bureau_admin', 'auditor'],
  'GET /api/v1/commissioners': ['commissioner', 'dept_reporter', 'reviewer', 'bureau_admin', 'auditor'],
  'POST /api/v1/commissioners': ['bureau_admin'],
  'GET /api/v1/commissioners/:id': ['commissioner', 'dept_reporter', 'reviewer', 'bureau_admin', 'auditor'],
  'PATCH /api/v1/commissioners/:id': ['bureau_admin'],
  'POST /api/v1/commissioners/:id/assignments': ['bureau_admin'],
  'POST /api/v1/commissioner-assignments/:id/end': ['bureau_admin'],
  'POST /api/v1/commissioner-assignments/:id/cancel': ['bureau_admin'],
  'POST /api/v1/commissioner-service-logs': ['commissioner'],
  'GET /api/v1/commissioner-service-logs': ['commissioner', 'dept_reporter', 'reviewer', 'bureau_admin', 'auditor'],
  'GET /api/v1/commissioner-service-logs/:id/photos/:fileId': ['commissioner', 'dept_reporter', 'reviewer', 'bureau_admin', 'auditor'],
  'GET /api/v1/commissioners/coverage': ['commissioner', 'dept_reporter', 'reviewer', 'bureau_admin', 'auditor'],
  'GET /api/v1/commissioners/coverage/export.xlsx': ['commissioner', 'dept_reporter', 'reviewer', 'bureau_admin', 'auditor'],
  'GET /api/v1/commissioners/statistics': ['dept_reporter', 'reviewer', 'bureau_admin', 'auditor'],
  'POST /api/v1/commissioners/:id/benefits': ['commissioner', 'bureau_admin'],
  'GET /api/v1/commissioners/:id/benefits': ['commissioner', 'reviewer', 'bureau_admin', 'auditor'],
  // S&T finance register (server/modules/finance/policy.ts): enterprise members and administrators register their organisation's financing; reviewers verify or return; the bureau and the auditor read; statistics and export for the bureau, departments and the auditor.
  'POST /api/v1/finance/records': ['enterprise_member', 'org_admin'],
  'GET /api/v1/finance/records': ['enterprise_member', 'org_admin', 'reviewer', 'bureau_admin', 'auditor'],
  'GET /api/v1/finance/records/:id': ['enterprise_member', 'org_admin', 'reviewer', 'bureau_admin', 'auditor'],
  'PUT /api/v1/finance/records/:id': ['enterprise_member', 'org_admin'],
  'POST /api/v1/finance/records/:id/submit': ['enterprise_member', 'org_admin'],
  'POST /api/v1/finance/records/:id/withdraw': ['enterprise_member', 'org_admin'],
  'POST /api/v1/finance/records/:id/return': ['reviewer'],
  'POST /api/v1/finance/records/:id/verify': ['reviewer'],
  'GET /api/v1/finance/records/:id/evidence': ['enterprise_member', 'org_admin', 'reviewer', 'bureau_admin', 'auditor'],
  'GET /api/v1/finance/institutions': ['enterprise_member', 'org_admin'],
  'GET /api/v1/finance/statistics': ['reviewer', 'bureau_admin', 'dept_reporter', 'auditor'],
  'GET /api/v1/finance/export': ['reviewer', 'bureau_admin', 'dept_reporter', 'auditor'],
};

const env = await setupTestEnv();

const routes = registeredRoutes
  .filter((r) => r.path.startsWith('/api/'))
  .map((r) => ({ ...r, key: `${r.method} ${r.path}` }))
  // Sign-out last, so each role's session lives through the walk.
  .sort((a, b) => Number(a.path.endsWith('/logout')) - Number(b.path.endsWith('/logout')));

function fill(path: string): string {
  return path.replace(/:token/g, 'x'.repeat(40)).replace(/:(\w+)/g, '00000000-0000-4000-8000-000000000000');
}

function allowed(who: Who, role: Role): boolean {
  if (who === 'public') return true;
  if (who === 'signed-in') return role !== 'visitor';
  return who.includes(role);
}

describe('access matrix (deny by default)', () => {
  it('every API route has an entry in the matrix, and every entry a route', () => {
    const keys = routes.map((r) => r.key).sort();
    expect(keys).toEqual(Object.keys(EXPECTED).sort());
  });

  it('lets each role past exactly the routes the matrix allows', async () => {
    const org = await createOrg(env.db);
    const clients = new Map<Role, TestClient>();
    for (const role of ROLES) {
      if (role === 'visitor') {
        clients.set(role, new TestClient(env.app));
        continue;
      }
      const u = await createUser(env.db, { roles: [role], organisationId: STAFF.includes(role) ? null : org.id });
      clients.set(role, await signIn(env.app, u.username, PASSWORD));
    }
    const mismatches: string[] = [];
    // Every role asks at once, a batch of routes at a time (each role from its own client); sign-out goes alone, last.
    const ask = (r: (typeof routes)[number]) => Promise.all(ROLES.map((role) => clients.get(role)!.request(r.method, fill(r.path), r.method === 'GET' ? undefined : {})));
    const signOut = routes.filter((r) => r.path.endsWith('/logout'));
    const others = routes.filter((r) => !r.path.endsWith('/logout'));
    const walked: { r: (typeof routes)[number]; answers: Awaited<ReturnType<typeof ask>> }[] = [];
    for (let i = 0; i < others.length; i += 8) {
      const batch = others.slice(i, i + 8);
      const answers = await Promise.all(batch.map(ask));
      batch.forEach((r, j) => walked.push({ r, answers: answers[j]! }));
    }
    for (const r of signOut) walked.push({ r, answers: await ask(r) });
    for (const { r, answers } of walked) {
      for (const [i, role] of ROLES.entries()) {
        const res = answers[i]!;
        const denied = res.status === 401 || res.status === 403;
        const expectAllowed = allowed(EXPECTED[r.key] ?? [], role);
        if (expectAllowed === denied) {
          mismatches.push(`${r.key} as ${role}: ${res.status} ${res.body?.error?.code ?? ''}`);
        } else if (denied) {
          const code = role === 'visitor' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
          if (res.body?.error?.code !== code) mismatches.push(`${r.key} as ${role}: expected ${code}, got ${res.body?.error?.code}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  }, 180_000);
});

describe('object scopes: own, other organisation, other department', () => {
  it('confines organisation-scoped rights to the caller’s own organisation', async () => {
    const [kejiju] = await env.db.select().from(organisations).where(eq(organisations.code, 'kejiju'));
    const [nongmuju] = await env.db.select().from(organisations).where(eq(organisations.code, 'nongmuju'));
    const ownOrg = await createOrg(env.db);
    const otherOrg = await createOrg(env.db);
    const pendingOrg = await createOrg(env.db, { status: 'pending' });
    const admin = await createUser(env.db, { roles: ['org_admin', 'enterprise_member'], organisationId: ownOrg.id });
    const otherMember = await createUser(env.db, { roles: ['enterprise_member'], organisationId: otherOrg.id });
    const deptAdmin = await createUser(env.db, { roles: ['org_admin', 'dept_reporter'], organisationId: kejiju!.id });
    const pendingMember = await createUser(env.db, { roles: ['enterprise_member'], organisationId: pendingOrg.id });
    const a = await signIn(env.app, admin.username, PASSWORD);
    const d = await signIn(env.app, deptAdmin.username, PASSWORD);
    const p = await signIn(env.app, pendingMember.username, PASSWORD);
    const outsider = await signIn(env.app, otherMember.username, PASSWORD);

    const cases: [string, TestClient, string, string, unknown, number][] = [
      ['own organisation: edit', a, 'PATCH', `/api/v1/organisations/${ownOrg.id}`, { address: '凉州区某路 1 号' }, 200],
      ['other organisation: edit', a, 'PATCH', `/api/v1/organisations/${otherOrg.id}`, { address: 'x' }, 403],
      ['own organisation: members', a, 'GET', `/api/v1/organisations/${ownOrg.id}/members`, undefined, 200],
      ['other organisation: members', a, 'GET', `/api/v1/organisations/${otherOrg.id}/members`, undefined, 403],
      ['other organisation: remove member', a, 'DELETE', `/api/v1/organisations/${otherOrg.id}/members/${otherMember.id}`, undefined, 403],
      ['other organisation: invite', a, 'POST', `/api/v1/organisations/${otherOrg.id}/invitations`, { email: 'x@example.test', roles: ['enterprise_member'] }, 403],
      ['own department: edit', d, 'PATCH', `/api/v1/organisations/${kejiju!.id}`, { contactName: '张科长' }, 200],
      ['other department: edit', d, 'PATCH', `/api/v1/organisations/${nongmuju!.id}`, { contactName: 'x' }, 403],
      ['other department: members', d, 'GET', `/api/v1/organisations/${nongmuju!.id}/members`, undefined, 403],
      ['own pending organisation: read', p, 'GET', `/api/v1/organisations/${pendingOrg.id}`, undefined, 200],
      ['someone else’s pending organisation: read', outsider, 'GET', `/api/v1/organisations/${pendingOrg.id}`, undefined, 404],
    ];
    const got = [];
    for (const [name, client, method, url, body] of cases) {
      const res = await client.request(method, url, body);
      got.push([name, res.status]);
    }
    expect(got).toEqual(cases.map(([name, , , , , status]) => [name, status]));
    // Refusals changed nothing.
    const [after] = await env.db.select().from(organisations).where(eq(organisations.id, otherOrg.id));
    expect(after!.address).toBeNull();
    const [dept] = await env.db.select().from(organisations).where(eq(organisations.id, nongmuju!.id));
    expect(dept!.contactName).toBeNull();
  });

  it('keeps notifications and API tokens to their owner', async () => {
    const u1 = await createUser(env.db, { roles: ['researcher'] });
    const u2 = await createUser(env.db, { roles: ['researcher'] });
    const c1 = await signIn(env.app, u1.username, PASSWORD);
    const c2 = await signIn(env.app, u2.username, PASSWORD);
    await env.db.insert(notifications).values({ userId: u1.id, kind: 'account.locked', params: {} });
    const [n] = await env.db.select().from(notifications).where(eq(notifications.userId, u1.id));
    expect((await c2.post(`/api/v1/notifications/${n!.id}/read`)).status).toBe(404);
    expect((await c1.post(`/api/v1/notifications/${n!.id}/read`)).status).toBe(200);
    const token = (await c1.post('/api/v1/me/tokens', { password: PASSWORD, name: 'script' })).body.token;
    expect((await c2.delete(`/api/v1/me/tokens/${token.id}`)).status).toBe(404);
    expect((await c1.get('/api/v1/me/tokens')).body.items).toHaveLength(1);
  });
});
