import { z } from 'zod';
import { endpoint, Id, IdParams, IsoDateTime, Ok } from './endpoint.js';

export const NotificationView = z.object({
  id: Id,
  kind: z.string(),
  params: z.record(z.string(), z.unknown()),
  /** Rendered in the reader's language. */
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  createdAt: IsoDateTime,
  readAt: IsoDateTime.nullable(),
});

export const listNotifications = endpoint({
  method: 'GET',
  path: '/api/v1/notifications',
  summary: 'Own notifications, newest first',
  tags: ['notifications'],
  query: z.object({ unreadOnly: z.stringbool().optional(), limit: z.coerce.number().int().min(1).max(100).default(30) }),
  response: z.object({ items: z.array(NotificationView), unreadCount: z.number().int() }),
});

export const unreadCount = endpoint({
  method: 'GET',
  path: '/api/v1/notifications/unread-count',
  summary: 'Number of unread notifications',
  tags: ['notifications'],
  response: z.object({ unreadCount: z.number().int() }),
});

export const markNotificationRead = endpoint({
  method: 'POST',
  path: '/api/v1/notifications/:id/read',
  summary: 'Mark one notification read',
  tags: ['notifications'],
  params: IdParams,
  response: Ok,
});

export const markAllNotificationsRead = endpoint({
  method: 'POST',
  path: '/api/v1/notifications/read-all',
  summary: 'Mark all notifications read',
  tags: ['notifications'],
  response: Ok,
});
