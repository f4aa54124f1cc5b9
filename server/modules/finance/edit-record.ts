import type { FinanceForm } from '../../../shared/contracts/finance.js';
import type { Actor } from '../../core/access.js';
import type { Tx } from '../../db/client.js';
import { diff, recordAudit } from '../audit/record-audit.js';
import { checkForm, formColumns } from './form.js';
import { as, loadRecordFor } from './load-record.js';
import { type FinanceRow, insertEvent, updateRecord } from './repository.js';
import { transition } from './transitions.js';

const AUDITED = (r: FinanceRow) => ({
  kind: r.kind,
  institutionName: r.institutionName,
  amountFen: r.amountFen,
  premiumFen: r.premiumFen,
  signedOn: r.signedOn,
  termEndOn: r.termEndOn,
  pledgedPatents: r.pledgedPatents.join(','),
  evaluatedValueFen: r.evaluatedValueFen,
  evidenceFileId: r.evidenceFileId,
  subsidyRequested: r.subsidyRequested,
  subsidyAmountFen: r.subsidyAmountFen,
});

/** Edit a draft or returned record: the whole form, re-checked. */
export async function editRecord(tx: Tx, actor: Actor, id: string, input: FinanceForm, now: Date): Promise<FinanceRow> {
  const { row, part } = await loadRecordFor(tx, actor, id);
  transition('edit', row.status, as(part, 'filer'));
  const { patents } = await checkForm(tx, actor, input, { requireFile: false, now });
  const updated = await updateRecord(tx, id, { ...formColumns(input, patents), updatedAt: now });
  await insertEvent(tx, { recordId: id, type: 'edited', actorUserId: actor.userId, now });
  await recordAudit(tx, actor, { action: 'finance.edit', entityType: 'finance_record', entityId: id, changes: diff(AUDITED(row), AUDITED(updated)) });
  return updated;
}
