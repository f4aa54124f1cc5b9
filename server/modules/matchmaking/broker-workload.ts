import type { z } from 'zod';
import type { CaseStatus, WorkloadItem } from '../../../shared/contracts/matchmaking.js';
import type { Actor } from '../../core/access.js';
import type { DbOrTx } from '../../db/client.js';
import { daysBetween } from '../projects/due-dates.js';
import { presentSummary } from './present.js';
import { listCases } from './repository.js';
import { districtDate, workingDaysBetween } from './working-days.js';

/** The most cases one workload list shows (a broker handles tens, not thousands). */
const WORKLOAD_MAX = 500;

/**
 * The calling broker's cases (the open ones unless a status is asked for),
 * stalest first: whose move it is and how long the case has been silent in
 * calendar and working days (district dates).
 */
export async function brokerWorkload(db: DbOrTx, actor: Actor, status: CaseStatus | undefined, now: Date): Promise<z.input<typeof WorkloadItem>[]> {
  const { items } = await listCases(db, { brokerUserId: actor.userId, status, open: !status }, { limit: WORKLOAD_MAX, offset: 0 });
  const today = districtDate(now);
  return items
    .map((c) => {
      const since = districtDate(c.lastActivityAt);
      return {
        ...presentSummary(actor, c),
        awaitingOrganisation:
          c.awaiting === 'initiator' ? { id: c.initiatorOrgId, name: c.initiatorName } : c.awaiting === 'counterpart' ? { id: c.counterpartOrgId, name: c.counterpartName } : null,
        lastEventAt: c.lastEventAt.toISOString(),
        daysSinceActivity: Math.max(0, daysBetween(since, today)),
        workingDaysSinceActivity: workingDaysBetween(since, today),
      };
    })
    .sort((a, b) => b.daysSinceActivity - a.daysSinceActivity || a.lastActivityAt.localeCompare(b.lastActivityAt));
}
