import { register } from '../../../shared/contracts/identity.js';
import * as c from '../../../shared/contracts/organisations.js';
import { type Actor, can } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import { withTx } from '../../db/tx.js';
import { actorFor } from '../../http/authenticate.js';
import { type App, route } from '../../http/route.js';
import { setSessionCookie } from '../../http/session-cookie.js';
import { presentSession } from '../identity/present.js';
import { createOrganisation } from './create-organisation.js';
import { memberRoutes } from './member-routes.js';
import { presentOrganisation } from './present.js';
import { registerOrganisation } from './register-organisation.js';
import { findOrganisationWithCount, governmentUnits, listOrganisations, type OrganisationRow } from './repository.js';
import { updateOrganisation } from './update-organisation.js';
import { verifyOrganisation } from './verify-organisation.js';
import './policy.js';

/** Registration creates accounts and organisations: slow down scripted sign-ups. */
const REGISTER_LIMIT = { max: 10, timeWindow: '1 minute' };

/** Verified organisations are public; others only to staff and to their own members. */
export function canSee(actor: Actor, org: { id: string; verificationStatus: string }): boolean {
  return org.verificationStatus === 'verified' || can(actor, 'read_unverified', 'organisation', { organisationId: org.id });
}

export function organisationRoutes(app: App): void {
  route(app, register, { access: 'public', rateLimit: REGISTER_LIMIT }, async ({ actor, body, deps, req, reply }) => {
    const result = await withTx(deps.db, (tx) => registerOrganisation(tx, actor, body, deps.clock()));
    setSessionCookie(req, reply, deps.config, result.token);
    return presentSession(actorFor(result.user, actor, 'session', result.session.id), result.user, result.session);
  });

  // Public: anonymous callers read too; what they see is limited in the query (canSee, Visibility).
  route(app, c.listOrganisations, { access: 'public' }, async ({ actor, query, deps }) => {
    const { page, pageSize, ...filter } = query;
    const visibility = can(actor, 'read_unverified', 'organisation', {})
      ? ({ all: true } as const)
      : ({ all: false, ownOrganisationId: actor.organisationId } as const);
    const { items, total } = await listOrganisations(deps.db, filter, visibility, { page, pageSize });
    return { items: items.map((o) => presentOrganisation(actor, o)), total, page, pageSize };
  });

  // Static path: Fastify's router prefers it over /organisations/:id (tested).
  route(app, c.organisationTree, { access: 'public' }, async ({ deps }) => {
    return { roots: buildTree(await governmentUnits(deps.db)) };
  });

  route(app, c.getOrganisation, { access: 'public' }, async ({ actor, params, deps }) => {
    const org = await findOrganisationWithCount(deps.db, params.id);
    if (!org || !canSee(actor, org)) throw new AppError('NOT_FOUND');
    return presentOrganisation(actor, org);
  });

  route(app, c.updateOrganisation, { access: 'update:organisation' }, async ({ actor, params, body, deps }) => {
    const org = await withTx(deps.db, (tx) => updateOrganisation(tx, actor, params.id, body, deps.clock()));
    return presentOrganisation(actor, org);
  });

  route(app, c.createOrganisation, { access: 'create:organisation' }, async ({ actor, body, deps }) => {
    const org = await withTx(deps.db, (tx) => createOrganisation(tx, actor, body, deps.clock()));
    return presentOrganisation(actor, org);
  });

  route(app, c.verifyOrganisation, { access: 'verify:organisation' }, async ({ actor, params, body, deps }) => {
    const org = await withTx(deps.db, (tx) => verifyOrganisation(tx, actor, params.id, body, deps.clock()));
    return presentOrganisation(actor, org);
  });

  memberRoutes(app);
}

type TreeNode = { id: string; name: string; nameEn: string | null; type: string; code: string | null; children: TreeNode[] };

/** Nest units under their parents, keeping the given order; a unit whose parent is not a government unit is a root. */
export function buildTree(units: OrganisationRow[]): TreeNode[] {
  const nodes = new Map<string, TreeNode>(
    units.map((u) => [u.id, { id: u.id, name: u.name, nameEn: u.nameEn, type: u.type, code: u.code, children: [] }]),
  );
  const roots: TreeNode[] = [];
  for (const u of units) {
    const parent = u.parentId ? nodes.get(u.parentId) : undefined;
    (parent ? parent.children : roots).push(nodes.get(u.id)!);
  }
  return roots;
}
