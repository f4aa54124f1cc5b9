import * as c from '../../../shared/contracts/audit.js';
import { sendDownload } from '../../http/download.js';
import { withTx } from '../../db/tx.js';
import { type App, route } from '../../http/route.js';
import { exportAuditLog } from './export-audit.js';
import { recordAudit } from './record-audit.js';
import { assertFilter, listAuditEntries, presentAuditEntry } from './repository.js';
import { verifyAuditChain } from './verify-chain.js';
import './policy.js';

/** The audit log: auditor only (see policy.ts). */
export function auditRoutes(app: App): void {
  route(app, c.listAudit, { access: 'read:audit' }, async ({ query, deps }) => {
    const { page, pageSize, ...filter } = query;
    assertFilter(filter);
    const { rows, total } = await listAuditEntries(deps.db, filter, page, pageSize);
    return { items: rows.map(presentAuditEntry), total, page, pageSize };
  });

  route(app, c.exportAudit, { access: 'export:audit' }, async ({ actor, query, deps, reply }) => {
    const out = await exportAuditLog(deps.db, actor, query, deps.clock());
    return sendDownload(reply, { contentType: out.contentType, contentDisposition: out.contentDisposition, body: out.stream, rows: out.rows, total: out.total });
  });

  route(app, c.verifyAudit, { access: 'read:audit' }, async ({ actor, deps }) => {
    const result = await verifyAuditChain(deps.db);
    await withTx(deps.db, (tx) =>
      recordAudit(tx, actor, {
        action: 'audit.verify',
        entityType: 'audit_log',
        entityId: null,
        changes: { ok: result.ok, checked: result.checked, problems: result.problems.length },
      }),
    );
    return result;
  });
}
