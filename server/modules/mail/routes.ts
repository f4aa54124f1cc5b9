import * as c from '../../../shared/contracts/system.js';
import { withTx } from '../../db/tx.js';
import { type App, route } from '../../http/route.js';
import { recordAudit } from '../audit/record-audit.js';
import { listOutbox } from './repository.js';
import './policy.js';

export function mailRoutes(app: App): void {
  route(app, c.listMailOutbox, { access: 'read:mail' }, async ({ actor, query, deps }) => {
    const { page, pageSize } = query;
    const { rows, total } = await listOutbox(deps.db, page, pageSize);
    // Held mail carries reset and invitation links: reading it is worth a trace.
    await withTx(deps.db, (tx) => recordAudit(tx, actor, { action: 'mail.read_outbox', entityType: 'mail', changes: { page, pageSize } }));
    return {
      items: rows.map((m) => ({
        id: m.id,
        toAddress: m.toAddress,
        subject: m.subject,
        bodyText: m.bodyText,
        status: m.status,
        attempts: m.attempts,
        lastError: m.lastError,
        createdAt: m.createdAt.toISOString(),
        sentAt: m.sentAt?.toISOString() ?? null,
      })),
      total,
      page,
      pageSize,
    };
  });
}
