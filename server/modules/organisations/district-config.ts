import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { GOVERNMENT_ORG_TYPES, type OrgType } from '../../../shared/roles.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The shape of config/districts/<name>/organisations.json. */
export const DistrictFile = z.object({
  district: z.object({
    code: z.string().regex(/^[a-z0-9_-]{2,40}$/),
    name: z.string().min(2),
    nameEn: z.string().min(2),
    regionCode: z.string().regex(/^\d{6}$/),
    platformName: z.string().min(2),
    platformNameEn: z.string().min(2),
  }),
  units: z.array(
    z.object({
      code: z.string().regex(/^[a-z0-9_-]{2,40}$/),
      type: z.enum(GOVERNMENT_ORG_TYPES as [OrgType, ...OrgType[]]),
      name: z.string().min(2),
      nameEn: z.string().optional(),
      sortOrder: z.number().int().default(0),
    }),
  ),
});
export type DistrictFile = z.infer<typeof DistrictFile>;

let cached: DistrictFile | null = null;

/** The district this installation serves (DISTRICT env, default liangzhou). */
export function loadDistrict(name = process.env.DISTRICT ?? 'liangzhou'): DistrictFile {
  if (cached) return cached;
  const file = path.join(ROOT, 'config', 'districts', name, 'organisations.json');
  const parsed = DistrictFile.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    throw new Error(`${file} is invalid:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  cached = parsed.data;
  return cached;
}
