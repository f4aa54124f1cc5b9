import type { z } from 'zod';
import type { ApplyBody } from '../../../shared/contracts/vouchers.js';
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { notifyRole } from '../notifications/notify.js';
import { findOrganisation } from '../organisations/repository.js';
import { eligibilityChecks, failedBlocking } from './eligibility.js';
import { findProgramme } from './repository.js';
import { voucherApplications } from './schema.js';

/**
 * An enterprise applies for vouchers for a service it plans to buy. Checks
 * that fail for certain (programme not open, not an enterprise, blacklisted,
 * category not supported) refuse at once with their reasons; the rest are
 * shown to the reviewer.
 */
export async function applyForVouchers(tx: Tx, actor: Actor, input: z.output<typeof ApplyBody>, now: Date) {
  requireCan(actor, 'create', 'voucher_application', { organisationId: actor.organisationId });
  if (!actor.organisationId) throw new AppError('FORBIDDEN');
  const p = await findProgramme(tx, input.programmeId);
  if (!p || p.status === 'draft') throw AppError.field('programmeId', '专项不存在', 'No such programme');
  if (input.townshipOrgId) {
    const t = await findOrganisation(tx, input.townshipOrgId);
    if (!t || !['township', 'subdistrict', 'park_committee'].includes(t.type)) throw AppError.field('townshipOrgId', '请选择乡镇（街道、园区）', 'Choose a township, subdistrict or park');
  }
  const facts = { organisationId: actor.organisationId, enterpriseSize: input.enterpriseSize, serviceCategory: input.serviceCategory, providerOrgId: input.providerOrgId ?? null, requestedFen: input.requestedFen };
  const checks = await eligibilityChecks(tx, p, facts, now);
  const hard = failedBlocking(checks).filter((c) => ['programme_open', 'enterprise', 'blacklisted', 'category', 'verified'].includes(c.code));
  if (hard.length > 0) {
    throw new AppError('NOT_ELIGIBLE', { fields: hard.map((c) => ({ path: c.code === 'category' ? 'serviceCategory' : 'programmeId', zh: c.zh, en: c.en })) });
  }
  const [row] = await tx
    .insert(voucherApplications)
    .values({ ...facts, programmeId: p.id, applicantUserId: actor.userId, townshipOrgId: input.townshipOrgId ?? null, serviceDescription: input.serviceDescription, status: 'submitted', createdAt: now })
    .returning();
  await notifyRole(tx, 'reviewer', { kind: 'voucher.application', params: { programme: p.name }, link: `/console/vouchers/applications/${row!.id}` });
  await recordAudit(tx, actor, { action: 'voucher_application.submit', entityType: 'voucher_application', entityId: row!.id, changes: { programmeId: p.id, requestedFen: input.requestedFen } });
  return row!;
}
