import './notification-texts.js';
import './policy.js';
import * as c from '../../../shared/contracts/registries.js';
import { REGISTRY_KINDS, type RegistryKind } from '../../../shared/contracts/registries.js';
import type { Actor } from '../../core/access.js';
import type { Tx } from '../../db/client.js';
import { withTx } from '../../db/tx.js';
import { sendDownload } from '../../http/download.js';
import { type App, route } from '../../http/route.js';
import { addCertificate, addRecognition, addTraining, assignableBrokers, removeCertificate, removeRecognition, removeTraining } from './broker-records.js';
import { createEntry } from './create-entry.js';
import { consoleList, searchDirectory } from './directory.js';
import { exportEntries } from './export-entries.js';
import { exportScoring } from './export-scoring.js';
import { importEntries } from './import-entries.js';
import { addService, addStaff, removeStaff, setAssessment, setPerformance, updateService } from './institution-records.js';
import { presentEntry } from './present.js';
import { approveEntry, returnEntry } from './review-entry.js';
import { saveEntry } from './save-entry.js';
import { scoringView, setScheme } from './scoring.js';
import { addMember, addProject, addTenant, removeMember, removeProject, removeTenant, updateProject, updateTenant } from './space-alliance-records.js';
import { submitEntry } from './submit-entry.js';
import { withdrawEntry } from './withdraw-entry.js';

/** The registries' routes (docs/workflows/registries.md): one set per kind, then kind-specific records. */
export function registryRoutes(app: App): void {
  for (const kind of REGISTRY_KINDS) kindRoutes(app, kind);
  recordRoutes(app);
}

function kindRoutes(app: App, kind: RegistryKind): void {
  const ep = c.KIND_ENDPOINTS[kind];
  const entity = kind;
  route(app, ep.directory, { access: 'public' }, async ({ query, deps }) => searchDirectory(deps.db, kind, query));
  route(app, ep.console, { access: `read:${entity}` }, async ({ actor, query, deps }) => consoleList(deps.db, actor, kind, query));
  route(app, ep.exportXlsx, { access: `export:${entity}` }, async ({ query, deps, reply }) => {
    const out = await exportEntries(deps.db, kind, query.status, deps.clock());
    return sendDownload(reply, { contentType: out.contentType, contentDisposition: out.contentDisposition, body: out.buffer, rows: out.rows, total: out.total });
  });
  route(app, ep.importFile, { access: `import:${entity}` }, async ({ actor, body, deps }) => withTx(deps.db, (tx) => importEntries(tx, actor, kind, body, deps.clock())));
  route(app, ep.get, { access: 'public' }, async ({ actor, params, deps }) => presentEntry(deps.db, actor, kind, params.id, deps.clock()));
  route(app, ep.create, { access: `create:${entity}` }, async ({ actor, body, deps }) => {
    const row = await withTx(deps.db, (tx) => createEntry(tx, actor, kind, body, deps.clock()));
    return presentEntry(deps.db, actor, kind, row.id, deps.clock());
  });
  const op = (fn: (tx: Tx, actor: Actor, id: string, body: never, now: Date) => Promise<unknown>) =>
    (async ({ actor, params, body, deps }: { actor: Actor; params: { id: string }; body: unknown; deps: { db: Parameters<typeof withTx>[0]; clock: () => Date } }) => {
      await withTx(deps.db, (tx) => fn(tx, actor, params.id, body as never, deps.clock()));
      return presentEntry(deps.db, actor, kind, params.id, deps.clock());
    });
  route(app, ep.save, { access: `edit:${entity}` }, op((tx, a, id, b, now) => saveEntry(tx, a, kind, id, b, now)));
  route(app, ep.submit, { access: `edit:${entity}` }, op((tx, a, id, _b, now) => submitEntry(tx, a, kind, id, now)));
  route(app, ep.approve, { access: `review:${entity}` }, op((tx, a, id, _b, now) => approveEntry(tx, a, kind, id, now)));
  route(app, ep.reject, { access: `review:${entity}` }, op((tx, a, id, b, now) => returnEntry(tx, a, kind, id, b, now)));
  // Owners withdraw their own; reviewers withdraw any (with a reason); the operation decides which.
  route(app, ep.withdraw, { access: 'authenticated' }, op((tx, a, id, b, now) => withdrawEntry(tx, a, kind, id, b, now)));
}

function recordRoutes(app: App): void {
  type Ctx = { actor: Actor; params: { id: string; subId?: string; year?: number }; body: unknown; deps: { db: Parameters<typeof withTx>[0]; clock: () => Date } };
  const rec = (kind: RegistryKind, fn: (tx: Tx, ctx: Ctx, now: Date) => Promise<unknown>) => async (ctx: Ctx) => {
    await withTx(ctx.deps.db, (tx) => fn(tx, ctx, ctx.deps.clock()));
    return presentEntry(ctx.deps.db, ctx.actor, kind, ctx.params.id, ctx.deps.clock());
  };
  const b = <T>(ctx: Ctx) => ctx.body as T;
  route(app, c.addService, { access: 'edit:institution' }, rec('institution', (tx, x, now) => addService(tx, x.actor, x.params.id, b(x), now)));
  route(app, c.updateService, { access: 'edit:institution' }, rec('institution', (tx, x, now) => updateService(tx, x.actor, x.params.id, x.params.subId!, b(x), now)));
  route(app, c.addStaff, { access: 'edit:institution' }, rec('institution', (tx, x, now) => addStaff(tx, x.actor, x.params.id, b(x), now)));
  route(app, c.removeStaff, { access: 'edit:institution' }, rec('institution', (tx, x) => removeStaff(tx, x.actor, x.params.id, x.params.subId!)));
  route(app, c.setPerformance, { access: 'edit:institution' }, rec('institution', (tx, x, now) => setPerformance(tx, x.actor, x.params.id, x.params.year!, b(x), now)));
  route(app, c.setAssessment, { access: 'score:institution' }, rec('institution', (tx, x, now) => setAssessment(tx, x.actor, x.params.id, x.params.year!, b(x), now)));
  route(app, c.getScoring, { access: 'score:institution' }, async ({ actor, params, deps }) => scoringView(deps.db, actor, params.year));
  route(app, c.exportScoring, { access: 'score:institution' }, async ({ actor, params, deps, reply }) => {
    const out = await exportScoring(deps.db, actor, params.year);
    return sendDownload(reply, { contentType: out.contentType, contentDisposition: out.contentDisposition, body: out.buffer, rows: out.rows, total: out.rows });
  });
  route(app, c.setScoring, { access: 'score:institution' }, async ({ actor, params, body, deps }) => {
    await withTx(deps.db, (tx) => setScheme(tx, actor, params.year, body, deps.clock()));
    return scoringView(deps.db, actor, params.year);
  });

  route(app, c.addCertificate, { access: 'edit:broker' }, rec('broker', (tx, x, now) => addCertificate(tx, x.actor, x.params.id, b(x), now)));
  route(app, c.removeCertificate, { access: 'edit:broker' }, rec('broker', (tx, x) => removeCertificate(tx, x.actor, x.params.id, x.params.subId!)));
  route(app, c.addTraining, { access: 'edit:broker' }, rec('broker', (tx, x, now) => addTraining(tx, x.actor, x.params.id, b(x), now)));
  route(app, c.removeTraining, { access: 'edit:broker' }, rec('broker', (tx, x) => removeTraining(tx, x.actor, x.params.id, x.params.subId!)));
  route(app, c.addRecognition, { access: 'recognise:broker' }, rec('broker', (tx, x, now) => addRecognition(tx, x.actor, x.params.id, b(x), now)));
  route(app, c.removeRecognition, { access: 'recognise:broker' }, rec('broker', (tx, x) => removeRecognition(tx, x.actor, x.params.id, x.params.subId!)));
  route(app, c.assignableBrokers, { access: 'assign:broker' }, async ({ actor, query, deps }) => ({ items: await assignableBrokers(deps.db, actor, query) }));

  route(app, c.addTenant, { access: 'edit:space' }, rec('space', (tx, x, now) => addTenant(tx, x.actor, x.params.id, b(x), now)));
  route(app, c.updateTenant, { access: 'edit:space' }, rec('space', (tx, x) => updateTenant(tx, x.actor, x.params.id, x.params.subId!, b(x))));
  route(app, c.removeTenant, { access: 'edit:space' }, rec('space', (tx, x) => removeTenant(tx, x.actor, x.params.id, x.params.subId!)));
  route(app, c.addMember, { access: 'edit:alliance' }, rec('alliance', (tx, x, now) => addMember(tx, x.actor, x.params.id, b(x), now)));
  route(app, c.removeMember, { access: 'edit:alliance' }, rec('alliance', (tx, x) => removeMember(tx, x.actor, x.params.id, x.params.subId!)));
  route(app, c.addProject, { access: 'edit:alliance' }, rec('alliance', (tx, x, now) => addProject(tx, x.actor, x.params.id, b(x), now)));
  route(app, c.updateProject, { access: 'edit:alliance' }, rec('alliance', (tx, x, now) => updateProject(tx, x.actor, x.params.id, x.params.subId!, b(x), now)));
  route(app, c.removeProject, { access: 'edit:alliance' }, rec('alliance', (tx, x) => removeProject(tx, x.actor, x.params.id, x.params.subId!)));
}
