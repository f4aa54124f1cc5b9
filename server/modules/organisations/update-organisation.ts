import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { OrganisationPatch } from '../../../shared/contracts/organisations.js';
import { type Actor, hasRole, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { diff, recordAudit } from '../audit/record-audit.js';
import { findOrganisation, findOrganisationWithCount, type OrganisationRow, type OrganisationWithCount } from './repository.js';
import { organisations } from './schema.js';
import { canTransition } from './status.js';

const EDITABLE = ['name', 'nameEn', 'regionCode', 'address', 'contactName', 'contactPhone', 'contactEmail'] as const;

/**
 * Edit an organisation's details (its own administrator, or the bureau). When
 * a rejected organisation corrects its data it goes back to the review queue.
 */
export async function updateOrganisation(
  tx: Tx,
  actor: Actor,
  id: string,
  patch: z.output<typeof OrganisationPatch>,
  now: Date,
): Promise<OrganisationWithCount> {
  const before = await findOrganisation(tx, id, { forUpdate: true });
  if (!before) throw new AppError('NOT_FOUND');
  requireCan(actor, 'update', 'organisation', { organisationId: id });

  const changes: Partial<OrganisationRow> = {};
  for (const k of EDITABLE) if (patch[k] !== undefined) (changes as Record<string, unknown>)[k] = patch[k];
  const resubmit = before.verificationStatus === 'rejected' && !hasRole(actor, 'reviewer', 'bureau_admin') && canTransition('rejected', 'pending');
  if (resubmit) changes.verificationStatus = 'pending';

  const pick = (o: Partial<OrganisationRow>) => Object.fromEntries([...EDITABLE, 'verificationStatus'].map((k) => [k, (o as Record<string, unknown>)[k]]));
  const changed = diff(pick(before), pick({ ...before, ...changes }));
  if (Object.keys(changed).length > 0) {
    await tx.update(organisations).set({ ...changes, updatedAt: now }).where(eq(organisations.id, id));
    await recordAudit(tx, actor, { action: 'organisation.update', entityType: 'organisation', entityId: id, changes: changed });
  }
  return (await findOrganisationWithCount(tx, id))!;
}
