import './notification-texts.js';
import * as c from '../../../shared/contracts/contracts.js';
import * as r from '../../../shared/contracts/rewards.js';
import { permissionsOf } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import { withTx } from '../../db/tx.js';
import { CONTENT_TYPES, contentDisposition, sendDownload } from '../../http/download.js';
import { type App, route } from '../../http/route.js';
import { findFile } from '../files/repository.js';
import { approveContract } from './approve-contract.js';
import { certificatePdf } from './certificate.js';
import { contractsConfig } from './config.js';
import { amendContract, createContract, editContract, terminateContract } from './edit-contract.js';
import { exportStatistics } from './export-statistics.js';
import { loadContractFor, partOf } from './load-contract.js';
import { decideMajor, listMajors, recordMajorDecision } from './major-achievements.js';
import { prefillContract } from './prefill.js';
import { presentContract, presentSummary } from './present.js';
import { findContract, listContracts } from './repository.js';
import { reclassifyContract, refuseContract, returnContract, submitContract, withdrawContract } from './review-contract.js';
import { calculateFor, listIncomes, presentIncome, recordIncome, saveReward } from './rewards.js';
import { computeStatistics, publicSummary } from './statistics.js';
import './policy.js';

/** Technology contract registration, statistics, transformation income and rewards, major achievements (docs/workflows/contracts.md). */
export function contractRoutes(app: App): void {
  route(app, c.createContract, { access: 'create:contract' }, async ({ actor, body, deps }) => {
    const row = await withTx(deps.db, (tx) => createContract(tx, actor, body, deps.clock()));
    return presentContract(deps.db, actor, row.id, deps.clock());
  });

  route(app, c.prefillContract, { access: 'create:contract' }, async ({ actor, query, deps }) => prefillContract(deps.db, actor, query));

  route(app, c.listContracts, { access: 'read:contract' }, async ({ actor, query, deps }) => {
    const held = permissionsOf(actor);
    const { page, pageSize, status, scope, q } = query;
    if ((scope === 'desk' && !held.includes('register:contract:any')) || (scope === 'all' && !held.includes('read:contract:any'))) throw new AppError('FORBIDDEN');
    const filter = { status, q, desk: scope === 'desk', all: scope === 'all', organisationId: actor.organisationId };
    const { items, total } = await listContracts(deps.db, filter, { limit: pageSize, offset: (page - 1) * pageSize });
    const now = deps.clock();
    return { items: items.map((i) => presentSummary(i.c, i.orgName, partOf(actor, i.c), now)), total, page, pageSize };
  });

  route(app, c.contractStatistics, { access: 'read:contractstats' }, async ({ actor, query, deps }) => computeStatistics(deps.db, query, deps.clock(), actor.locale));

  route(app, c.contractStatisticsExport, { access: 'read:contractstats' }, async ({ query, deps, reply }) => {
    const out = await exportStatistics(deps.db, query, deps.clock());
    return sendDownload(reply, { contentType: out.contentType, contentDisposition: out.contentDisposition, body: out.buffer });
  });

  route(app, c.publicContractSummary, { access: 'public' }, async ({ deps }) => publicSummary(deps.db, deps.clock()));

  route(app, c.getContract, { access: 'read:contract' }, async ({ actor, params, deps }) => presentContract(deps.db, actor, params.id, deps.clock()));

  route(app, c.updateContract, { access: 'act:contract' }, async ({ actor, params, body, deps }) => {
    await withTx(deps.db, (tx) => editContract(tx, actor, params.id, body, deps.clock()));
    return presentContract(deps.db, actor, params.id, deps.clock());
  });

  const applicantMoves = [
    [c.submitContract, submitContract],
    [c.withdrawContract, withdrawContract],
  ] as const;
  for (const [ep, op] of applicantMoves) {
    route(app, ep, { access: 'act:contract' }, async ({ actor, params, body, deps }) => {
      await withTx(deps.db, (tx) => op(tx, actor, params.id, body, deps.clock()));
      return presentContract(deps.db, actor, params.id, deps.clock());
    });
  }

  const registrarMoves = [
    [c.returnContract, returnContract],
    [c.reclassifyContract, reclassifyContract],
    [c.refuseContract, refuseContract],
    [c.approveContract, approveContract],
  ] as const;
  for (const [ep, op] of registrarMoves) {
    route(app, ep, { access: 'register:contract' }, async ({ actor, params, body, deps }) => {
      await withTx(deps.db, (tx) => (op as (...a: unknown[]) => Promise<unknown>)(tx, actor, params.id, body, deps.clock()));
      return presentContract(deps.db, actor, params.id, deps.clock());
    });
  }

  route(app, c.amendContract, { access: 'act:contract' }, async ({ actor, params, body, deps }) => {
    const row = await withTx(deps.db, (tx) => amendContract(tx, actor, params.id, body, deps.clock()));
    return presentContract(deps.db, actor, row.id, deps.clock());
  });

  route(app, c.terminateContract, { access: 'act:contract' }, async ({ actor, params, body, deps }) => {
    const row = await withTx(deps.db, (tx) => terminateContract(tx, actor, params.id, body, deps.clock()));
    return presentContract(deps.db, actor, row.id, deps.clock());
  });

  route(app, c.contractCertificate, { access: 'read:contract' }, async ({ actor, params, deps, reply }) => {
    const { row } = await loadContractFor(deps.db, actor, params.id, { forUpdate: false });
    const parent = row.parentId ? await findContract(deps.db, row.parentId) : null;
    const pdf = await certificatePdf(row, parent);
    return sendDownload(reply, { contentType: CONTENT_TYPES.pdf, contentDisposition: pdf.contentDisposition, body: pdf.buffer });
  });

  route(app, c.contractFile, { access: 'read:contract' }, async ({ actor, params, deps, reply }) => {
    const { row } = await loadContractFor(deps.db, actor, params.id, { forUpdate: false });
    const file = row.contractFileId ? await findFile(deps.db, row.contractFileId) : null;
    if (!file) throw new AppError('NOT_FOUND');
    return reply
      .header('content-type', file.contentType)
      .header('content-length', String(file.sizeBytes))
      .header('content-disposition', contentDisposition(file.filename, 'attachment'))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(file.data);
  });

  // ---- transformation income and rewards ----

  route(app, r.rewardMinimums, { access: 'read:income' }, async () => contractsConfig().rewards);

  route(app, r.recordIncome, { access: 'create:income' }, async ({ actor, body, deps }) => {
    const row = await withTx(deps.db, (tx) => recordIncome(tx, actor, body, deps.clock()));
    return presentIncome(deps.db, actor, row.id, deps.clock());
  });

  route(app, r.listIncomes, { access: 'read:income' }, async ({ actor, query, deps }) => {
    const { page, pageSize, achievementId } = query;
    const out = await listIncomes(deps.db, actor, { achievementId }, { limit: pageSize, offset: (page - 1) * pageSize }, deps.clock());
    return { ...out, page, pageSize };
  });

  route(app, r.getIncome, { access: 'read:income' }, async ({ actor, params, deps }) => presentIncome(deps.db, actor, params.id, deps.clock()));

  route(app, r.calculateReward, { access: 'read:income' }, async ({ actor, params, body, deps }) => calculateFor(deps.db, actor, params.id, body));

  route(app, r.saveReward, { access: 'create:income' }, async ({ actor, params, body, deps }) => {
    await withTx(deps.db, (tx) => saveReward(tx, actor, params.id, body, deps.clock()));
    return presentIncome(deps.db, actor, params.id, deps.clock());
  });

  // ---- major achievements ----

  const presentMajor = (x: Awaited<ReturnType<typeof listMajors>>['rows'][number]) => ({
    id: x.m.id,
    achievementId: x.m.achievementId,
    title: x.m.title,
    organisation: x.m.organisationId ? { id: x.m.organisationId, name: x.orgName ?? '' } : null,
    contract: x.m.contractId ? { id: x.m.contractId, registrationNumber: x.number, techAmountFen: x.techFen } : null,
    status: x.m.status as 'proposed' | 'confirmed' | 'rejected',
    criteria: x.m.criteria as Record<string, unknown>,
    note: x.m.note,
    transformedAt: x.m.transformedAt?.toISOString() ?? null,
    createdAt: x.m.createdAt.toISOString(),
  });

  route(app, r.listMajors, { access: 'read:major' }, async ({ deps }) => {
    const { rows, byYear } = await listMajors(deps.db);
    return { items: rows.map(presentMajor), byYear: byYear.map((y) => ({ year: y.year, count: y.n })) };
  });

  route(app, r.createMajor, { access: 'decide:major' }, async ({ actor, body, deps }) => {
    const row = await withTx(deps.db, (tx) => recordMajorDecision(tx, actor, body, deps.clock()));
    return presentMajor((await listMajors(deps.db)).rows.find((x) => x.m.id === row.id)!);
  });

  route(app, r.decideMajor, { access: 'decide:major' }, async ({ actor, params, body, deps }) => {
    const row = await withTx(deps.db, (tx) => decideMajor(tx, actor, params.id, body, deps.clock()));
    return presentMajor((await listMajors(deps.db)).rows.find((x) => x.m.id === row.id)!);
  });
}
