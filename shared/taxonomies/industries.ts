import data from '../../config/taxonomies/industries-gbt4754-2017.json' with { type: 'json' };
import { IndustriesFile, parseTaxonomy, type IndustryDivision, type IndustrySection } from './schemas.js';

/** GB/T 4754-2017 国民经济行业分类: sections (门类) and divisions (大类). */
const file = parseTaxonomy('industries-gbt4754-2017.json', IndustriesFile, data);

const divisionsByCode = new Map(file.divisions.map((d) => [d.code, d]));
const sectionsByCode = new Map(file.sections.map((s) => [s.code, s]));

/** Edition of the classification, e.g. "2017". */
export const INDUSTRY_CLASSIFICATION_VERSION = file.version;

/** All 20 sections A–T in order. */
export function industrySections(): readonly IndustrySection[] {
  return file.sections;
}

/** All 97 divisions in code order, or only those of one section. */
export function industryDivisions(section?: string): readonly IndustryDivision[] {
  return section === undefined ? file.divisions : file.divisions.filter((d) => d.section === section);
}

export function industrySection(code: string): IndustrySection | undefined {
  return sectionsByCode.get(code);
}

export function industryDivision(code: string): IndustryDivision | undefined {
  return divisionsByCode.get(code);
}

/** Section letter of a division code ("65" → "I"), or undefined for an unknown code. */
export function divisionSection(code: string): string | undefined {
  return divisionsByCode.get(code)?.section;
}

export function isValidDivision(code: string): boolean {
  return divisionsByCode.has(code);
}
