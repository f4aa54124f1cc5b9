import type { z } from 'zod';
import type { NotificationView } from '../../../shared/contracts/notifications.js';
import type { Locale } from '../../../shared/roles.js';
import type { NotificationRow } from './repository.js';
import { renderNotification } from './templates.js';

export function presentNotification(row: NotificationRow, locale: Locale): z.input<typeof NotificationView> {
  const params = (row.params ?? {}) as Record<string, unknown>;
  return {
    id: row.id,
    kind: row.kind,
    params,
    ...renderNotification(row.kind, params, locale),
    link: row.link,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  };
}
