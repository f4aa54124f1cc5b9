import { z } from 'zod';
import { endpoint, Id, IdParams, IsoDateTime, PageQuery, pageOf } from './endpoint.js';

/**
 * Transformation income (转化收入), researcher rewards under Article 45 of
 * the Law on Promoting the Transformation of S&T Achievements, equity-award
 * tax deferral, and the register of major achievements (重大科技成果).
 * Money in integer fen; rates in basis points (5000 = 50%).
 */

export const INCOME_KINDS = ['transfer', 'licence', 'equity', 'operating_profit'] as const;
export const IncomeKind = z.enum(INCOME_KINDS);
export const INCOME_KIND_LABELS: Record<(typeof INCOME_KINDS)[number], { zh: string; en: string }> = {
  transfer: { zh: '转让收入', en: 'Transfer fee' },
  licence: { zh: '许可收入', en: 'Licence fee' },
  equity: { zh: '作价投资取得股份', en: 'Shares for investment (作价投资)' },
  operating_profit: { zh: '自行实施/合作实施营业利润', en: 'Operating profit from implementation' },
};

const Fen = z.number().int().min(0).max(1_000_000_000_000_00);
const IsoDate = z.iso.date();

export const IncomeBody = z.object({
  achievementId: Id,
  kind: IncomeKind,
  contractId: Id.optional(),
  receivedOn: IsoDate,
  grossFen: Fen,
  costsFen: Fen.default(0),
  shares: z.number().int().min(1).optional(),
  profitYear: z.number().int().min(1).max(20).optional(),
  note: z.string().trim().max(2000).optional(),
});

export const Person = z.object({ name: z.string(), unit: z.string().optional(), share: z.number() });
export const AllocationView = z.object({ name: z.string(), unit: z.string().optional(), share: z.number(), amountFen: z.number().int(), shares: z.number().int().nullable() });
export const WorkingLine = z.object({ zh: z.string(), en: z.string() });

export const RewardBody = z.object({
  rateBp: z.number().int().min(0).max(10000),
  unitRuleBp: z.number().int().min(0).max(10000).optional(),
  rewardYears: z.number().int().min(1).max(20).optional(),
  belowMinimumReason: z.string().trim().max(2000).optional(),
  /** Equity awards: tax deferral in yearly instalments. */
  deferral: z.object({ taxFen: Fen, awardedOn: IsoDate, years: z.number().int().min(1).max(10) }).optional(),
});

export const Calculation = z.object({
  baseFen: z.number().int(),
  legalMinimumBp: z.number().int(),
  minimumBp: z.number().int(),
  rateBp: z.number().int(),
  belowMinimum: z.boolean(),
  totalFen: z.number().int(),
  totalShares: z.number().int().nullable(),
  allocation: z.array(AllocationView),
  working: z.array(WorkingLine),
  problems: z.array(z.object({ path: z.string(), zh: z.string(), en: z.string() })),
});

export const Instalment = z.object({ dueOn: IsoDate, amountFen: z.number().int(), state: z.enum(['paid_period_over', 'due', 'upcoming']) });

export const RewardView = z.object({
  id: Id,
  rateBp: z.number().int(),
  minimumBp: z.number().int(),
  baseFen: z.number().int(),
  totalFen: z.number().int(),
  totalShares: z.number().int().nullable(),
  belowMinimumReason: z.string().nullable(),
  allocation: z.array(AllocationView),
  working: z.array(WorkingLine),
  deferral: z.array(Instalment).nullable(),
  createdAt: IsoDateTime,
});

export const IncomeView = z.object({
  id: Id,
  kind: IncomeKind,
  achievement: z.object({ id: Id, title: z.string() }),
  organisation: z.object({ id: Id, name: z.string() }),
  contract: z.object({ id: Id, registrationNumber: z.string().nullable(), projectName: z.string() }).nullable(),
  receivedOn: IsoDate,
  grossFen: z.number().int(),
  costsFen: z.number().int(),
  netFen: z.number().int(),
  shares: z.number().int().nullable(),
  profitYear: z.number().int().nullable(),
  note: z.string().nullable(),
  people: z.array(Person),
  reward: RewardView.nullable(),
  createdAt: IsoDateTime,
});
export type IncomeView = z.infer<typeof IncomeView>;

export const recordIncome = endpoint({ method: 'POST', path: '/api/v1/rewards/incomes', summary: 'Record transformation income of an achievement', tags: ['rewards'], body: IncomeBody, response: IncomeView });
export const listIncomes = endpoint({
  method: 'GET',
  path: '/api/v1/rewards/incomes',
  summary: 'Transformation income with its rewards',
  tags: ['rewards'],
  query: PageQuery.extend({ achievementId: Id.optional() }),
  response: pageOf(IncomeView),
});
export const getIncome = endpoint({ method: 'GET', path: '/api/v1/rewards/incomes/:id', summary: 'One income with its reward', tags: ['rewards'], params: IdParams, response: IncomeView });
export const calculateReward = endpoint({
  method: 'POST',
  path: '/api/v1/rewards/incomes/:id/calculation',
  summary: 'Compute the reward and its allocation without saving (shows the working)',
  tags: ['rewards'],
  params: IdParams,
  body: RewardBody,
  response: Calculation,
});
export const saveReward = endpoint({
  method: 'POST',
  path: '/api/v1/rewards/incomes/:id/reward',
  summary: 'Record the reward of an income (refused below the minimum unless a reason is given)',
  tags: ['rewards'],
  params: IdParams,
  body: RewardBody,
  response: IncomeView,
});
export const rewardMinimums = endpoint({
  method: 'GET',
  path: '/api/v1/rewards/minimums',
  summary: 'The configured minimum reward rates',
  tags: ['rewards'],
  response: z.object({
    transferMinimumBp: z.number().int(),
    licenceMinimumBp: z.number().int(),
    equityMinimumBp: z.number().int(),
    operatingProfitMinimumBp: z.number().int(),
    operatingProfitYearsMin: z.number().int(),
    operatingProfitYearsMax: z.number().int(),
    equityDeferralMaxYears: z.number().int(),
  }),
});

// ---- major achievements ----

export const MajorView = z.object({
  id: Id,
  achievementId: Id,
  title: z.string(),
  organisation: z.object({ id: Id, name: z.string() }).nullable(),
  contract: z.object({ id: Id, registrationNumber: z.string().nullable(), techAmountFen: z.number().int().nullable() }).nullable(),
  status: z.enum(['proposed', 'confirmed', 'rejected']),
  criteria: z.record(z.string(), z.unknown()),
  note: z.string().nullable(),
  transformedAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
});
export const listMajors = endpoint({
  method: 'GET',
  path: '/api/v1/major-achievements',
  summary: 'Major achievements (重大科技成果): proposals and the register, with the count by year',
  tags: ['rewards'],
  response: z.object({ items: z.array(MajorView), byYear: z.array(z.object({ year: z.number().int(), count: z.number().int() })) }),
});
export const createMajor = endpoint({
  method: 'POST',
  path: '/api/v1/major-achievements',
  summary: 'Record a major achievement by reviewer decision',
  tags: ['rewards'],
  body: z.object({ achievementId: Id, contractId: Id.optional(), note: z.string().trim().min(1).max(2000) }),
  response: MajorView,
});
export const decideMajor = endpoint({
  method: 'POST',
  path: '/api/v1/major-achievements/:id/decision',
  summary: 'Confirm or reject a proposed major achievement',
  tags: ['rewards'],
  params: IdParams,
  body: z.object({ confirm: z.boolean(), note: z.string().trim().max(2000).optional() }),
  response: MajorView,
});
