import type { RegistryKind } from '../../../shared/contracts/registries.js';
import { type Actor, hasRole, permissionsOf, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { columnsOf, type EntryRow, KINDS } from './kinds.js';
import { findEntryOf } from './find-entry-of.js';
import { insertEntry, insertRevision, updateEntry } from './repository.js';
import { isUniqueViolation, validContent } from './validate.js';

const ONE_ONLY = { zh: '该单位（或账号）已有登记，请编辑已有登记。', en: 'There is already an entry for this organisation (or account); edit that one.' };

/**
 * Registers an entry as a draft (revision 1). Owners register for their own
 * verified organisation (a broker for their own account); the bureau
 * administrator may name any organisation. One service institution per
 * organisation and one broker profile per account (CONFLICT otherwise, also
 * when two requests race: the unique index decides).
 */
export async function createEntry(
  tx: Tx,
  actor: Actor,
  kind: RegistryKind,
  input: { organisationId?: string | undefined; content: unknown },
  now: Date,
): Promise<EntryRow> {
  const def = KINDS[kind];
  requireCan(actor, 'create', def.entity);
  const any = permissionsOf(actor).includes(`create:${def.entity}:any`);
  const content = validContent(kind, input.content);
  const values: Record<string, unknown> = { ...columnsOf(def, content), status: 'draft', createdBy: actor.userId, createdAt: now, updatedAt: now };

  if (kind === 'broker') {
    if (!actor.userId || !hasRole(actor, 'broker')) {
      throw new AppError('FORBIDDEN', { message: { zh: '技术经纪人档案由经纪人本人登记。', en: 'A broker profile is registered by the broker themself.' } });
    }
    values.userId = actor.userId;
    values.organisationId = actor.organisationId;
    if (await findEntryOf(tx, kind, { userId: actor.userId })) throw new AppError('CONFLICT', { message: ONE_ONLY });
  } else {
    const orgId = input.organisationId ?? actor.organisationId;
    if (!orgId) throw AppError.field('organisationId', '请选择所属单位', 'Choose the owning organisation');
    if (orgId !== actor.organisationId && !any) throw new AppError('FORBIDDEN');
    if (!any && !actor.orgVerified) throw new AppError('ORG_NOT_VERIFIED');
    values.organisationId = orgId;
    if (kind === 'institution' && (await findEntryOf(tx, kind, { organisationId: orgId }))) throw new AppError('CONFLICT', { message: ONE_ONLY });
  }

  let row: EntryRow;
  try {
    row = await insertEntry(tx, kind, values);
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('CONFLICT', { message: ONE_ONLY });
    throw e;
  }
  const rev = await insertRevision(tx, { kind, entryId: row.id, content, createdBy: actor.userId, now });
  row = await updateEntry(tx, kind, row.id, { pendingRevisionId: rev.id });
  await recordAudit(tx, actor, { action: `${kind}.create`, entityType: kind, entityId: row.id, changes: { organisationId: row.organisationId, name: row.name } });
  return row;
}
