import * as c from '../../../shared/contracts/notifications.js';
import { withTx } from '../../db/tx.js';
import { type App, route } from '../../http/route.js';
import { markAllNotificationsRead, markNotificationRead } from './mark-notifications-read.js';
import { presentNotification } from './present.js';
import { countUnread, listOwnNotifications } from './repository.js';
import './policy.js';

export function notificationRoutes(app: App): void {
  route(app, c.listNotifications, { access: 'read:notification' }, async ({ actor, query, deps }) => {
    const userId = actor.userId!;
    const rows = await listOwnNotifications(deps.db, userId, { unreadOnly: query.unreadOnly ?? false, limit: query.limit });
    return { items: rows.map((r) => presentNotification(r, actor.locale)), unreadCount: await countUnread(deps.db, userId) };
  });

  route(app, c.unreadCount, { access: 'read:notification' }, async ({ actor, deps }) => ({
    unreadCount: await countUnread(deps.db, actor.userId!),
  }));

  route(app, c.markNotificationRead, { access: 'update:notification' }, async ({ actor, params, deps }) => {
    await withTx(deps.db, (tx) => markNotificationRead(tx, actor, params.id, deps.clock()));
    return { ok: true as const };
  });

  route(app, c.markAllNotificationsRead, { access: 'update:notification' }, async ({ actor, deps }) => {
    await withTx(deps.db, (tx) => markAllNotificationsRead(tx, actor, deps.clock()));
    return { ok: true as const };
  });
}
