import data from '../../config/taxonomies/pillar-industries.json' with { type: 'json' };
import { isValidDivision } from './industries.js';
import { PillarIndustriesFile, parseTaxonomy, type PillarIndustry } from './schemas.js';
import { isValidTechField } from './tech-fields.js';

/** The district's pillar-industry tags (default: 凉州区). */
const file = parseTaxonomy('pillar-industries.json', PillarIndustriesFile, data);

/** Problems with tags' references into the industry and tech-field taxonomies; empty when all resolve. */
export function danglingPillarReferences(pillars: readonly PillarIndustry[]): string[] {
  return pillars.flatMap((p) => [
    ...p.divisions.filter((d) => !isValidDivision(d)).map((d) => `${p.code}: unknown industry division ${d}`),
    ...p.techFields.filter((f) => !isValidTechField(f)).map((f) => `${p.code}: unknown tech field ${f}`),
  ]);
}

// References into the other taxonomies are checked here, where all three files are loaded.
const dangling = danglingPillarReferences(file.pillars);
if (dangling.length > 0) throw new Error(`config/taxonomies/pillar-industries.json is malformed:\n${dangling.join('\n')}`);

const byCode = new Map(file.pillars.map((p) => [p.code, p]));

/** GB/T 2260 code of the district these tags belong to. */
export const PILLAR_DISTRICT = file.district;

export function pillarIndustries(): readonly PillarIndustry[] {
  return file.pillars;
}

export function pillarIndustry(code: string): PillarIndustry | undefined {
  return byCode.get(code);
}

export function isValidPillarIndustry(code: string): boolean {
  return byCode.has(code);
}

/**
 * Pillar tags whose default divisions or tech fields overlap the given ones,
 * best overlap first; a tech subfield also matches a tag listing its top-level field.
 */
export function suggestPillarIndustries(input: { divisions?: readonly string[]; techFields?: readonly string[] }): PillarIndustry[] {
  const divisions = new Set(input.divisions ?? []);
  const fields = new Set((input.techFields ?? []).flatMap((f) => [f, f.slice(0, 3)]));
  return file.pillars
    .map((p) => ({
      p,
      score: p.divisions.filter((d) => divisions.has(d)).length + p.techFields.filter((f) => fields.has(f)).length,
    }))
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score)
    .map((s) => s.p);
}
