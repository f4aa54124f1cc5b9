import * as c from '../../../shared/contracts/users.js';
import { withTx } from '../../db/tx.js';
import { requireCan } from '../../core/access.js';
import { type App, route } from '../../http/route.js';
import { createUser } from './create-user.js';
import { presentUser } from './present.js';
import { listUsers } from './repository.js';
import { resetUserPassword } from './reset-user-password.js';
import { unlockUser } from './unlock-user.js';
import { updateUser } from './update-user.js';

/**
 * Account administration. Reading needs `read:user` at "any" scope (system
 * administrator, bureau administrator, auditor); every write needs `manage:user`.
 * The route check lets `read:user:own` through, so the list checks the scope.
 */
export function userRoutes(app: App): void {
  route(app, c.listUsers, { access: 'read:user' }, async ({ actor, query, deps }) => {
    requireCan(actor, 'read', 'user', {});
    const { page, pageSize, ...filter } = query;
    const { items, total } = await listUsers(deps.db, filter, { page, pageSize });
    const now = deps.clock();
    return { items: items.map((u) => presentUser(actor, u, now)), total, page, pageSize };
  });

  route(app, c.createUser, { access: 'manage:user' }, async ({ actor, body, deps }) => {
    const now = deps.clock();
    const { user, oneTimePassword } = await withTx(deps.db, (tx) => createUser(tx, actor, body, now));
    return { user: presentUser(actor, user, now), oneTimePassword };
  });

  route(app, c.updateUser, { access: 'manage:user' }, async ({ actor, params, body, deps }) => {
    const now = deps.clock();
    const user = await withTx(deps.db, (tx) => updateUser(tx, actor, params.id, body, now));
    return presentUser(actor, user, now);
  });

  route(app, c.resetUserPassword, { access: 'manage:user' }, async ({ actor, params, deps }) => {
    return withTx(deps.db, (tx) => resetUserPassword(tx, actor, params.id, deps.clock()));
  });

  route(app, c.unlockUser, { access: 'manage:user' }, async ({ actor, params, deps }) => {
    const now = deps.clock();
    const user = await withTx(deps.db, (tx) => unlockUser(tx, actor, params.id, now));
    return presentUser(actor, user, now);
  });
}
