import type { z } from 'zod';
import type { ProjectDetail } from '../../../shared/contracts/projects.js';
import { type Actor, can } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { DbOrTx } from '../../db/client.js';
import { districtToday } from './due-dates.js';
import { presentObligation, presentProject } from './present.js';
import { findProjectWithRefs, listObligations } from './repository.js';

/**
 * One project with its obligations, as the caller may see it: the bureau any
 * project, an undertaking unit only its own (403 for another unit's).
 */
export async function getProjectDetail(db: DbOrTx, actor: Actor, id: string, now: Date): Promise<z.input<typeof ProjectDetail>> {
  const project = await findProjectWithRefs(db, id, districtToday(now));
  if (!project) throw new AppError('NOT_FOUND');
  if (!can(actor, 'read', 'project', { organisationId: project.undertakingOrgId })) throw new AppError('FORBIDDEN');
  const obligations = await listObligations(db, id);
  return {
    ...presentProject(actor, project),
    obligations: obligations.map((o) => presentObligation(actor, o, project.undertakingOrgId, now)),
  };
}
