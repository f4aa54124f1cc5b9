import './notification-texts.js';
import { sendDownload } from '../../http/download.js';
import * as c from '../../../shared/contracts/projects.js';
import { type Actor, permissionsOf } from '../../core/access.js';
import type { Db } from '../../db/client.js';
import { withTx } from '../../db/tx.js';
import { type App, route } from '../../http/route.js';
import { acceptObligation } from './accept-obligation.js';
import { defineObligation, updateObligation } from './define-obligation.js';
import { districtToday } from './due-dates.js';
import { exportOverdue } from './export-overdue.js';
import { getProjectDetail } from './get-project.js';
import { presentObligation, presentOverdue, presentProject } from './present.js';
import { registerProject } from './register-project.js';
import { findObligationWithRefs, listOverdue, listProjects, type ProjectRow } from './repository.js';
import { returnObligation } from './return-obligation.js';
import { submitObligation } from './submit-obligation.js';
import { updateProject } from './update-project.js';
import './policy.js';

/** Matches no organisation: a unit member without one sees an empty list. */
const NO_ORG = '00000000-0000-0000-0000-000000000000';

/** An obligation as the caller sees it after a change (read after commit). */
async function obligationView(db: Db, actor: Actor, r: { obligation: { id: string }; project: ProjectRow }, now: Date) {
  const o = (await findObligationWithRefs(db, r.obligation.id))!;
  return presentObligation(actor, o, r.project.undertakingOrgId, now);
}

/** Fiscally funded projects and their obligations (docs/workflows/obligations.md). */
export function projectRoutes(app: App): void {
  route(app, c.listProjects, { access: 'read:project' }, async ({ actor, query, deps }) => {
    const { page, pageSize, ...filter } = query;
    // Without the any-scope, a caller sees only its own organisation's projects (none without one).
    const onlyOrgId = permissionsOf(actor).includes('read:project:any') ? null : (actor.organisationId ?? NO_ORG);
    const { items, total } = await listProjects(deps.db, filter, onlyOrgId, districtToday(deps.clock()), { page, pageSize });
    return { items: items.map((p) => presentProject(actor, p)), total, page, pageSize };
  });

  route(app, c.registerProject, { access: 'manage:project' }, async ({ actor, body, deps }) => {
    const now = deps.clock();
    const project = await withTx(deps.db, (tx) => registerProject(tx, actor, body, now));
    return getProjectDetail(deps.db, actor, project.id, now);
  });

  route(app, c.getProject, { access: 'read:project' }, async ({ actor, params, deps }) => {
    return getProjectDetail(deps.db, actor, params.id, deps.clock());
  });

  route(app, c.updateProject, { access: 'manage:project' }, async ({ actor, params, body, deps }) => {
    const now = deps.clock();
    await withTx(deps.db, (tx) => updateProject(tx, actor, params.id, body, now));
    return getProjectDetail(deps.db, actor, params.id, now);
  });

  route(app, c.defineObligation, { access: 'manage:project' }, async ({ actor, params, body, deps }) => {
    const now = deps.clock();
    const r = await withTx(deps.db, (tx) => defineObligation(tx, actor, params.id, body, now));
    return obligationView(deps.db, actor, r, now);
  });

  route(app, c.updateObligation, { access: 'manage:project' }, async ({ actor, params, body, deps }) => {
    const r = await withTx(deps.db, (tx) => updateObligation(tx, actor, params.id, body));
    return obligationView(deps.db, actor, r, deps.clock());
  });

  route(app, c.submitObligation, { access: 'submit:obligation' }, async ({ actor, params, body, deps }) => {
    const now = deps.clock();
    const r = await withTx(deps.db, (tx) => submitObligation(tx, actor, params.id, body, now));
    return obligationView(deps.db, actor, r, now);
  });

  route(app, c.acceptObligation, { access: 'review:obligation' }, async ({ actor, params, body, deps }) => {
    const now = deps.clock();
    const r = await withTx(deps.db, (tx) => acceptObligation(tx, actor, params.id, body, now));
    return obligationView(deps.db, actor, r, now);
  });

  route(app, c.returnObligation, { access: 'review:obligation' }, async ({ actor, params, body, deps }) => {
    const now = deps.clock();
    const r = await withTx(deps.db, (tx) => returnObligation(tx, actor, params.id, body, now));
    return obligationView(deps.db, actor, r, now);
  });

  route(app, c.listOverdue, { access: 'supervise:obligation' }, async ({ query, deps }) => {
    const { page, pageSize, ...filter } = query;
    const { items, total } = await listOverdue(deps.db, filter, districtToday(deps.clock()), { limit: pageSize, offset: (page - 1) * pageSize });
    return { items: items.map(presentOverdue), total, page, pageSize };
  });

  route(app, c.exportOverdue, { access: 'supervise:obligation' }, async ({ query, deps, reply }) => {
    const out = await exportOverdue(deps.db, query, deps.clock());
    return sendDownload(reply, { contentType: out.contentType, contentDisposition: out.contentDisposition, body: out.buffer, rows: out.rows });
  });
}
