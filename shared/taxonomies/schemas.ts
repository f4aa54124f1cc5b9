import { z } from 'zod';
import { COMPATIBILITY_FITS, ENUM_CODES, ENUM_KINDS, type EnumKind } from './codes.js';

/**
 * Zod schemas of the files in config/taxonomies/. Each accessor module parses
 * its file with these at import and throws on anything malformed, so a broken
 * configuration fails at startup (and in the browser bundle's first load),
 * never later inside a request.
 */

const Label = { name: z.string().min(1), nameEn: z.string().min(1) };

export const IndustrySection = z.object({ code: z.string().regex(/^[A-T]$/), ...Label });
export type IndustrySection = z.infer<typeof IndustrySection>;

export const IndustryDivision = z.object({
  code: z.string().regex(/^\d{2}$/),
  ...Label,
  /** Section (门类) letter the division belongs to. */
  section: z.string().regex(/^[A-T]$/),
});
export type IndustryDivision = z.infer<typeof IndustryDivision>;

export const IndustriesFile = z
  .object({
    standard: z.literal('GB/T 4754-2017'),
    version: z.string().min(1),
    sections: z.array(IndustrySection).min(1),
    divisions: z.array(IndustryDivision).min(1),
  })
  .superRefine((file, ctx) => {
    unique(ctx, 'sections', file.sections.map((s) => s.code));
    unique(ctx, 'divisions', file.divisions.map((d) => d.code));
    const sections = new Set(file.sections.map((s) => s.code));
    file.divisions.forEach((d, i) => {
      if (!sections.has(d.section)) issue(ctx, ['divisions', i, 'section'], `unknown section ${d.section}`);
    });
  });

export const REGION_LEVELS = ['province', 'prefecture', 'county'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

export const Region = z.object({
  /** Six-digit GB/T 2260 code, e.g. 620602. */
  code: z.string().regex(/^\d{6}$/),
  ...Label,
  parent: z.string().regex(/^\d{6}$/).nullable(),
  level: z.enum(REGION_LEVELS),
});
export type Region = z.infer<typeof Region>;

const PARENT_LEVEL: Record<RegionLevel, RegionLevel | null> = { province: null, prefecture: 'province', county: 'prefecture' };

export const RegionsFile = z
  .object({
    standard: z.literal('GB/T 2260'),
    version: z.string().min(1),
    /** Provinces whose prefectures and counties are all listed. */
    fullCoverage: z.array(z.string().regex(/^\d{6}$/)),
    regions: z.array(Region).min(1),
  })
  .superRefine((file, ctx) => {
    unique(ctx, 'regions', file.regions.map((r) => r.code));
    const byCode = new Map(file.regions.map((r) => [r.code, r]));
    file.regions.forEach((r, i) => {
      const expected = PARENT_LEVEL[r.level];
      if (expected === null) {
        if (r.parent !== null) issue(ctx, ['regions', i, 'parent'], `province ${r.code} must have no parent`);
        else if (!r.code.endsWith('0000')) issue(ctx, ['regions', i, 'code'], `province code ${r.code} must end in 0000`);
        return;
      }
      const parent = r.parent === null ? undefined : byCode.get(r.parent);
      if (!parent || parent.level !== expected) {
        issue(ctx, ['regions', i, 'parent'], `${r.level} ${r.code} needs a ${expected} parent, got ${r.parent}`);
        return;
      }
      // GB/T 2260 codes nest: a prefecture shares its province's first two digits, a county its prefecture's first four.
      const prefix = r.level === 'prefecture' ? 2 : 4;
      if (r.code.slice(0, prefix) !== parent.code.slice(0, prefix)) {
        issue(ctx, ['regions', i, 'code'], `${r.code} does not nest under ${parent.code}`);
      }
    });
    file.fullCoverage.forEach((c, i) => {
      if (byCode.get(c)?.level !== 'province') issue(ctx, ['fullCoverage', i], `unknown province ${c}`);
    });
  });

export const TechSubfield = z.object({ code: z.string().regex(/^F\d{2}\.\d{2}$/), ...Label });
export type TechSubfield = z.infer<typeof TechSubfield>;

export const TechField = z.object({
  code: z.string().regex(/^F\d{2}$/),
  ...Label,
  /** `national-2016`: 《国家重点支持的高新技术领域》; `district`: added by the district. */
  source: z.enum(['national-2016', 'district']),
  children: z.array(TechSubfield),
});
export type TechField = z.infer<typeof TechField>;

export const TechFieldsFile = z
  .object({ version: z.string().min(1), fields: z.array(TechField).min(1) })
  .superRefine((file, ctx) => {
    unique(ctx, 'fields', file.fields.flatMap((f) => [f.code, ...f.children.map((c) => c.code)]));
    file.fields.forEach((f, i) =>
      f.children.forEach((c, j) => {
        if (!c.code.startsWith(`${f.code}.`)) issue(ctx, ['fields', i, 'children', j, 'code'], `${c.code} is not under ${f.code}`);
      }),
    );
  });

export const PillarIndustry = z.object({
  /** Stable kebab-case code. */
  code: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  ...Label,
  description: z.string().min(1),
  /** GB/T 4754-2017 divisions usually involved; used to suggest the tag. */
  divisions: z.array(z.string().regex(/^\d{2}$/)),
  /** Tech-field codes (top-level or subfield) usually involved. */
  techFields: z.array(z.string().regex(/^F\d{2}(\.\d{2})?$/)),
});
export type PillarIndustry = z.infer<typeof PillarIndustry>;

export const PillarIndustriesFile = z
  .object({
    /** GB/T 2260 code of the district the list belongs to. */
    district: z.string().regex(/^\d{6}$/),
    version: z.string().min(1),
    pillars: z.array(PillarIndustry).min(1),
  })
  .superRefine((file, ctx) => unique(ctx, 'pillars', file.pillars.map((p) => p.code)));

export const EnumValue = z.object({
  code: z.string().min(1),
  ...Label,
  description: z.string().optional(),
  /** Confidentiality only: whether an achievement at this level may be published. */
  publishable: z.boolean().optional(),
  /** Technology readiness levels only: one-line definitions. */
  definition: z.string().optional(),
  definitionEn: z.string().optional(),
});
export type EnumValue = z.infer<typeof EnumValue>;

export const EnumDefinition = z.object({ ...Label, basis: z.string().optional(), values: z.array(EnumValue).min(1) });
export type EnumDefinition = z.infer<typeof EnumDefinition>;

export const Compatibility = z.object({
  cooperationMode: z.enum(ENUM_CODES.cooperationMode),
  transferMode: z.enum(ENUM_CODES.transferMode),
  fit: z.enum(COMPATIBILITY_FITS),
});
export type Compatibility = z.infer<typeof Compatibility>;

export const CatalogEnumsFile = z
  .object({
    version: z.string().min(1),
    enums: z.record(z.enum(ENUM_KINDS as [EnumKind, ...EnumKind[]]), EnumDefinition),
    compatibility: z.array(Compatibility).min(1),
  })
  .superRefine((file, ctx) => {
    // The record is exhaustive over ENUM_KINDS, so zod already reports a missing enumeration.
    for (const kind of ENUM_KINDS) {
      const expected: readonly string[] = ENUM_CODES[kind];
      const actual = file.enums[kind].values.map((v) => v.code);
      if (actual.join('|') !== expected.join('|')) {
        issue(ctx, ['enums', kind, 'values'], `codes must be exactly [${expected.join(', ')}] in that order, got [${actual.join(', ')}]`);
      }
    }
    file.enums.confidentiality.values.forEach((v, i) => {
      if (v.publishable === undefined) issue(ctx, ['enums', 'confidentiality', 'values', i, 'publishable'], 'publishable is required');
    });
    file.enums.technologyReadinessLevel.values.forEach((v, i) => {
      if (!v.definition || !v.definitionEn) issue(ctx, ['enums', 'technologyReadinessLevel', 'values', i], 'definition and definitionEn are required');
    });
    unique(ctx, 'compatibility', file.compatibility.map((c) => `${c.cooperationMode}→${c.transferMode}`));
    for (const mode of ENUM_CODES.cooperationMode) {
      if (!file.compatibility.some((c) => c.cooperationMode === mode && c.fit === 'direct')) {
        issue(ctx, ['compatibility'], `cooperation mode ${mode} has no direct transfer mode`);
      }
    }
  });

type Ctx = z.RefinementCtx;

function issue(ctx: Ctx, path: (string | number)[], message: string) {
  ctx.addIssue({ code: 'custom', path, message });
}

function unique(ctx: Ctx, path: string, codes: string[]) {
  const seen = new Set<string>();
  for (const c of codes) {
    if (seen.has(c)) issue(ctx, [path], `duplicate code ${c}`);
    seen.add(c);
  }
}

/** Parses a taxonomy file, throwing an error that names the file and every problem. */
export function parseTaxonomy<T>(file: string, schema: z.ZodType<T>, data: unknown): T {
  const result = schema.safeParse(data);
  if (!result.success) throw new Error(`config/taxonomies/${file} is malformed:\n${z.prettifyError(result.error)}`);
  return result.data;
}
