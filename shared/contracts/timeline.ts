import { z } from 'zod';
import { Id, IsoDateTime } from './endpoint.js';

/**
 * One step of a record's timeline (a status change, a return note, a
 * comment), as the contract registration and the finance register show it.
 */
export const TimelineEventView = z.object({
  id: Id,
  type: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  body: z.string().nullable(),
  actor: z.object({ id: Id, displayName: z.string() }).nullable(),
  createdAt: IsoDateTime,
});

/** An event row as the repositories read it (the actor's display name joined in). */
export type TimelineEventRow = {
  id: string;
  type: string;
  fromStatus: string | null;
  toStatus: string | null;
  body: string | null;
  actorUserId: string | null;
  actorName: string | null;
  createdAt: Date;
};

export function timelineEvent(e: TimelineEventRow): z.input<typeof TimelineEventView> {
  return {
    id: e.id,
    type: e.type,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    body: e.body,
    actor: e.actorUserId ? { id: e.actorUserId, displayName: e.actorName ?? '' } : null,
    createdAt: e.createdAt.toISOString(),
  };
}
