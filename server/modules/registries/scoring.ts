import { and, eq, ne } from 'drizzle-orm';
import type { z } from 'zod';
import { DEFAULT_PASS_MARK, DEFAULT_WEIGHTS, SCORE_CRITERIA, type SchemeBody, type ScoringView } from '../../../shared/contracts/registries.js';
import { type Actor, requireCan } from '../../core/access.js';
import type { DbOrTx, Tx } from '../../db/client.js';
import { diff, recordAudit } from '../audit/record-audit.js';
import { institutionAssessments, institutionScoringSchemes, institutions } from './schema.js';

type Weights = Record<(typeof SCORE_CRITERIA)[number], number>;

/** Weighted total 0–100 of criterion scores 0–100 (weights sum to 100), to one decimal. */
export function weightedTotal(weights: Weights, scores: Weights): number {
  const t = SCORE_CRITERIA.reduce((sum, c) => sum + (weights[c] * scores[c]) / 100, 0);
  return Math.round(t * 10) / 10;
}

export async function schemeOf(db: DbOrTx, year: number): Promise<{ weights: Weights; passMark: number; isDefault: boolean }> {
  const [s] = await db.select().from(institutionScoringSchemes).where(eq(institutionScoringSchemes.year, year));
  return s ? { weights: s.weights as Weights, passMark: s.passMark, isDefault: false } : { weights: { ...DEFAULT_WEIGHTS }, passMark: DEFAULT_PASS_MARK, isDefault: true };
}

/**
 * The year's results: every published demonstration institution (recognised
 * at some level) with its assessment and weighted total; below standard when
 * assessed under the pass mark. Lowest totals first, unassessed last.
 */
export async function scoringView(db: DbOrTx, actor: Actor, year: number): Promise<z.input<typeof ScoringView>> {
  requireCan(actor, 'score', 'institution');
  const scheme = await schemeOf(db, year);
  const rows = await db
    .select({ id: institutions.id, name: institutions.name, level: institutions.recognitionLevel, scores: institutionAssessments.scores, note: institutionAssessments.note })
    .from(institutions)
    .leftJoin(institutionAssessments, and(eq(institutionAssessments.institutionId, institutions.id), eq(institutionAssessments.year, year)))
    .where(and(eq(institutions.status, 'published'), ne(institutions.recognitionLevel, 'none')));
  const out = rows.map((r) => {
    const scores = (r.scores as Weights | null) ?? null;
    const total = scores ? weightedTotal(scheme.weights, scores) : null;
    return {
      institution: { id: r.id, name: r.name },
      recognitionLevel: r.level as 'none' | 'municipal' | 'provincial' | 'national',
      scores,
      total,
      belowStandard: total !== null && total < scheme.passMark,
      note: r.note ?? null,
    };
  });
  out.sort((a, b) => (a.total ?? Infinity) - (b.total ?? Infinity) || a.institution.name.localeCompare(b.institution.name, 'zh-CN'));
  return { year, ...scheme, rows: out };
}

/** The bureau sets a year's weights (summing to 100) and pass mark. */
export async function setScheme(tx: Tx, actor: Actor, year: number, input: z.output<typeof SchemeBody>, now: Date): Promise<void> {
  requireCan(actor, 'score', 'institution');
  const before = await schemeOf(tx, year);
  const values = { year, weights: input.weights, passMark: input.passMark, updatedBy: actor.userId, updatedAt: now };
  await tx.insert(institutionScoringSchemes).values(values).onConflictDoUpdate({ target: institutionScoringSchemes.year, set: values });
  await recordAudit(tx, actor, {
    action: 'institution.scoring_scheme',
    entityType: 'institution_scoring',
    changes: { year, ...diff({ ...before.weights, passMark: before.passMark }, { ...input.weights, passMark: input.passMark }) },
  });
}
