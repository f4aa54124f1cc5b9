import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const CONTRACTS_CONFIG_FILE = path.join(ROOT, 'config', 'contracts.json');

const Bp = z.number().int().min(0).max(10000);

/** The shape of config/contracts.json (registration deadlines, reward minimums, major-achievement criteria). */
export const ContractsConfig = z.object({
  registration: z.object({ reviewDays: z.number().int().min(1).max(365), remindDaysBefore: z.number().int().min(0).max(60) }),
  rewards: z.object({
    transferMinimumBp: Bp,
    licenceMinimumBp: Bp,
    equityMinimumBp: Bp,
    operatingProfitMinimumBp: Bp,
    operatingProfitYearsMin: z.number().int().min(1).max(20),
    operatingProfitYearsMax: z.number().int().min(1).max(20),
    equityDeferralMaxYears: z.number().int().min(1).max(10),
  }),
  majorAchievements: z.object({
    techAmountThresholdFen: z.number().int().min(0),
    industries: z.array(z.string().regex(/^[A-T]$/)),
    industryThresholdFen: z.number().int().min(0),
    autoConfirm: z.boolean(),
  }),
});
export type ContractsConfig = z.infer<typeof ContractsConfig>;

let cached: ContractsConfig | null = null;

/** Reads and validates config/contracts.json once per process. */
export function contractsConfig(): ContractsConfig {
  if (cached) return cached;
  const parsed = ContractsConfig.safeParse(JSON.parse(readFileSync(CONTRACTS_CONFIG_FILE, 'utf8')));
  if (!parsed.success) {
    throw new Error(`${CONTRACTS_CONFIG_FILE} is invalid:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  if (parsed.data.rewards.operatingProfitYearsMin > parsed.data.rewards.operatingProfitYearsMax) throw new Error(`${CONTRACTS_CONFIG_FILE}: operatingProfitYearsMin > operatingProfitYearsMax`);
  cached = parsed.data;
  return cached;
}
