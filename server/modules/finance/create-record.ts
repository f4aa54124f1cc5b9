import type { FinanceForm } from '../../../shared/contracts/finance.js';
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { findOrganisation } from '../organisations/repository.js';
import { checkForm, formColumns } from './form.js';
import { type FinanceRow, insertEvent, insertRecord } from './repository.js';
import './policy.js';

/** A new financing record (draft) of the caller's verified enterprise. The evidence may follow before submission. */
export async function createRecord(tx: Tx, actor: Actor, input: FinanceForm, now: Date): Promise<FinanceRow> {
  requireCan(actor, 'create', 'financing', { organisationId: actor.organisationId });
  if (!actor.organisationId) throw new AppError('FORBIDDEN');
  const org = await findOrganisation(tx, actor.organisationId);
  if (org?.verificationStatus !== 'verified') throw new AppError('ORG_NOT_VERIFIED');
  // The register counts enterprises' financing (the plan's indicator is a number of enterprises).
  if (org.type !== 'enterprise') throw new AppError('FORBIDDEN', { message: { zh: '科技金融登记限企业填报。', en: 'Only enterprises register S&T financing.' } });
  const { patents } = await checkForm(tx, actor, input, { requireFile: false, now });
  const row = await insertRecord(tx, { ...formColumns(input, patents), kind: input.kind, institutionName: input.institutionName, amountFen: input.amountFen, signedOn: input.signedOn, organisationId: actor.organisationId, createdBy: actor.userId, status: 'draft', createdAt: now, updatedAt: now });
  await insertEvent(tx, { recordId: row.id, type: 'created', actorUserId: actor.userId, toStatus: 'draft', now });
  await recordAudit(tx, actor, {
    action: 'finance.create',
    entityType: 'finance_record',
    entityId: row.id,
    changes: { status: { before: null, after: 'draft' }, kind: row.kind, amountFen: row.amountFen, pledgedPatents: row.pledgedPatents },
  });
  return row;
}
