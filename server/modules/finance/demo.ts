import { and, eq } from 'drizzle-orm';
import { parsePatentNumber } from '../../../shared/patent-number.js';
import type { Actor } from '../../core/access.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { insertEvent, insertRecord } from './repository.js';
import { financeRecords } from './schema.js';

/**
 * A few financing records for the demo, written for this project (banks,
 * insurers, guarantors and patent numbers are invented; the patent numbers
 * are well-formed with their check characters): a verified pledge loan, an
 * insurance policy waiting for the reviewer, a guarantee still a draft.
 * Idempotent: a record of the same organisation, institution and date is
 * left as it is.
 */
const DEMO_FINANCE = [
  {
    orgKey: 'wind',
    status: 'verified',
    kind: 'patent_pledge_loan',
    institutionName: '凉州演示农商银行科技支行',
    amountFen: 300_000_000,
    signedOn: '2025-09-18',
    termEndOn: '2026-09-17',
    pledgedPatents: ['ZL202120345678.9', 'ZL201830012345.8'],
    evaluatedValueFen: 520_000_000,
    evaluationInstitution: '武威演示资产评估事务所',
    subsidyRequested: true,
    subsidyAmountFen: 4_500_000,
  },
  {
    orgKey: 'sand',
    status: 'submitted',
    kind: 'tech_insurance',
    institutionName: '演示财产保险股份有限公司武威中心支公司',
    amountFen: 800_000_000,
    premiumFen: 6_400_000,
    signedOn: '2026-03-01',
    termEndOn: '2027-02-28',
    subsidyRequested: true,
    subsidyAmountFen: 3_200_000,
  },
  {
    orgKey: 'wine',
    status: 'draft',
    kind: 'guarantee',
    institutionName: '武威演示融资担保有限公司',
    amountFen: 200_000_000,
    signedOn: '2026-05-10',
    termEndOn: '2027-05-09',
    subsidyRequested: false,
  },
] as const;

/** Writes the demo records for the organisations `orgOf` finds; returns how many were added. */
export async function loadDemoFinance(tx: Tx, actor: Actor, orgOf: (key: string) => { id: string; userId: string | null } | undefined, now: Date): Promise<number> {
  let added = 0;
  for (const d of DEMO_FINANCE) {
    const org = orgOf(d.orgKey);
    if (!org) continue;
    const [exists] = await tx
      .select({ id: financeRecords.id })
      .from(financeRecords)
      .where(and(eq(financeRecords.organisationId, org.id), eq(financeRecords.institutionName, d.institutionName), eq(financeRecords.signedOn, d.signedOn)));
    if (exists) continue;
    const patents = 'pledgedPatents' in d ? d.pledgedPatents.map((p) => {
      const r = parsePatentNumber(p);
      if (!r.ok) throw new Error(`demo patent ${p} is invalid`);
      return r.normalised;
    }) : [];
    const row = await insertRecord(tx, {
      organisationId: org.id,
      createdBy: org.userId,
      status: d.status,
      kind: d.kind,
      institutionName: d.institutionName,
      amountFen: d.amountFen,
      premiumFen: 'premiumFen' in d ? d.premiumFen : null,
      signedOn: d.signedOn,
      termEndOn: d.termEndOn,
      pledgedPatents: patents,
      evaluatedValueFen: 'evaluatedValueFen' in d ? d.evaluatedValueFen : null,
      evaluationInstitution: 'evaluationInstitution' in d ? d.evaluationInstitution : null,
      subsidyRequested: d.subsidyRequested,
      subsidyAmountFen: 'subsidyAmountFen' in d ? d.subsidyAmountFen : null,
      note: '演示数据',
      submittedAt: d.status === 'draft' ? null : now,
      verifiedAt: d.status === 'verified' ? now : null,
      reviewedAt: d.status === 'verified' ? now : null,
      createdAt: now,
      updatedAt: now,
    });
    await insertEvent(tx, { recordId: row.id, type: 'created', actorUserId: org.userId, toStatus: 'draft', now });
    if (d.status !== 'draft') await insertEvent(tx, { recordId: row.id, type: 'submitted', actorUserId: org.userId, fromStatus: 'draft', toStatus: 'submitted', now });
    if (d.status === 'verified') await insertEvent(tx, { recordId: row.id, type: 'verified', actorUserId: null, fromStatus: 'submitted', toStatus: 'verified', body: '演示数据', now });
    await recordAudit(tx, actor, { action: 'finance.demo', entityType: 'finance_record', entityId: row.id, changes: { status: d.status, kind: d.kind, amountFen: d.amountFen } });
    added++;
  }
  return added;
}
