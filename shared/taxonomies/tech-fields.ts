import data from '../../config/taxonomies/tech-fields.json' with { type: 'json' };
import { parseTaxonomy, TechFieldsFile, type TechField, type TechSubfield } from './schemas.js';

/** Technology fields after 《国家重点支持的高新技术领域》(2016) plus the district's additions. */
const file = parseTaxonomy('tech-fields.json', TechFieldsFile, data);

type AnyField = TechField | TechSubfield;
const byCode = new Map<string, AnyField>();
const topOf = new Map<string, TechField>();
for (const f of file.fields) {
  byCode.set(f.code, f);
  topOf.set(f.code, f);
  for (const c of f.children) {
    byCode.set(c.code, c);
    topOf.set(c.code, f);
  }
}

/** The top-level fields (F01…F09, F99), each with its subfields. */
export function techFields(): readonly TechField[] {
  return file.fields;
}

/** A top-level field or subfield by code ("F04", "F04.05"). */
export function techField(code: string): AnyField | undefined {
  return byCode.get(code);
}

export function isValidTechField(code: string): boolean {
  return byCode.has(code);
}

/** The top-level field a code belongs to (itself for a top-level code). */
export function techFieldTop(code: string): TechField | undefined {
  return topOf.get(code);
}
