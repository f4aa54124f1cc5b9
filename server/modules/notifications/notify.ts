import type { Role } from '../../../shared/roles.js';
import type { DbOrTx } from '../../db/client.js';
import { activeUserIdsWithRole } from '../identity/find-users.js';
import { notifications } from './schema.js';

export type NotifyInput = {
  userIds: string[];
  /** A key of the template table (templates.ts); rendered in each reader's language. */
  kind: string;
  params: Record<string, unknown>;
  /** In-app path the notification opens, e.g. "/console/organisations/<id>". */
  link?: string;
};

/**
 * Write one notification per recipient. Call it inside the transaction of the
 * change it reports, so a rolled-back change leaves no notification behind.
 */
export async function notify(tx: DbOrTx, input: NotifyInput): Promise<void> {
  const userIds = [...new Set(input.userIds)];
  if (userIds.length === 0) return;
  await tx.insert(notifications).values(
    userIds.map((userId) => ({ userId, kind: input.kind, params: input.params, link: input.link ?? null })),
  );
}

/** Notify every active user holding `role` (e.g. all reviewers of new registrations). */
export async function notifyRole(tx: DbOrTx, role: Role, input: Omit<NotifyInput, 'userIds'>): Promise<void> {
  await notify(tx, { ...input, userIds: await activeUserIdsWithRole(tx, role) });
}
