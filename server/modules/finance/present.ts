import { eq } from 'drizzle-orm';
import type { FinanceSummary, FinanceView } from '../../../shared/contracts/finance.js';
import { timelineEvent } from '../../../shared/contracts/timeline.js';
import { type Actor, permissionsOf } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { DbOrTx } from '../../db/client.js';
import { organisationName } from '../catalog/repository.js';
import { findFilesMeta } from '../files/repository.js';
import { users } from '../identity/schema.js';
import { financingInstitutions } from '../registries/lookups.js';
import { formOf } from './form.js';
import { type FinancePart, partOf } from './load-record.js';
import { type FinanceRow, findRecord, listEvents, pledgeConflicts } from './repository.js';
import { allows, FINANCE_ACTIONS } from './transitions.js';

/** What the caller may do now (the UI shows only these). */
export function recordActions(r: FinanceRow, part: FinancePart): string[] {
  return FINANCE_ACTIONS.filter((a) => allows(a, r.status, part.movers));
}

export function presentSummary(r: FinanceRow, orgName: string, part: FinancePart): FinanceSummary {
  return {
    id: r.id,
    status: r.status as FinanceSummary['status'],
    kind: r.kind as FinanceSummary['kind'],
    organisation: { id: r.organisationId, name: orgName },
    institutionName: r.institutionName,
    amountFen: r.amountFen,
    premiumFen: r.premiumFen,
    signedOn: r.signedOn,
    termEndOn: r.termEndOn,
    pledgedPatents: r.pledgedPatents,
    subsidyRequested: r.subsidyRequested,
    subsidyAmountFen: r.subsidyAmountFen,
    submittedAt: r.submittedAt?.toISOString() ?? null,
    verifiedAt: r.verifiedAt?.toISOString() ?? null,
    updatedAt: r.updatedAt.toISOString(),
    actions: recordActions(r, part),
  };
}

export async function presentRecord(db: DbOrTx, actor: Actor, id: string): Promise<FinanceView> {
  const r = await findRecord(db, id);
  if (!r) throw new AppError('NOT_FOUND');
  const part = partOf(actor, r);
  if (!part.reader) throw new AppError('NOT_FOUND');
  const [file] = r.evidenceFileId ? await findFilesMeta(db, [r.evidenceFileId]) : [];
  const [reviewer] = r.reviewerId ? await db.select({ id: users.id, displayName: users.displayName }).from(users).where(eq(users.id, r.reviewerId)) : [];
  const [institution] = r.institutionId ? await financingInstitutions(db, r.institutionId) : [];
  const events = await listEvents(db, id);
  return {
    ...presentSummary(r, await organisationName(db, r.organisationId), part),
    form: formOf(r),
    institution: institution ?? null,
    evidenceFile: file ? { id: file.id, filename: file.filename, sizeBytes: file.sizeBytes } : null,
    returnNote: r.returnNote,
    reviewer: reviewer ?? null,
    // Other enterprises' pledges are the bureau's to see, not the filer's.
    pledgeConflicts: (permissionsOf(actor).includes('read:financing:any') ? await pledgeConflicts(db, r) : []).map((c) => ({ ...c, status: c.status as FinanceView['status'] })),
    events: events.map(timelineEvent),
  };
}
