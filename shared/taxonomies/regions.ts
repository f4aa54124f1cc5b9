import data from '../../config/taxonomies/regions-gbt2260.json' with { type: 'json' };
import { parseTaxonomy, RegionsFile, type Region, type RegionLevel } from './schemas.js';

/**
 * GB/T 2260 administrative divisions: every province, and prefectures and
 * counties of the provinces in `fullCoverage` (甘肃省 by default).
 */
const file = parseTaxonomy('regions-gbt2260.json', RegionsFile, data);

const byCode = new Map(file.regions.map((r) => [r.code, r]));
const childrenOf = new Map<string, Region[]>();
for (const r of file.regions) {
  if (r.parent === null) continue;
  const list = childrenOf.get(r.parent) ?? [];
  list.push(r);
  childrenOf.set(r.parent, list);
}

/** Revision year of the codes, e.g. "2023". */
export const REGION_CODES_VERSION = file.version;

/** Provinces whose prefectures and counties are all listed. */
export function fullyCoveredProvinces(): readonly string[] {
  return file.fullCoverage;
}

export function isValidRegion(code: string): boolean {
  return byCode.has(code);
}

export function region(code: string): Region | undefined {
  return byCode.get(code);
}

/** Every listed region at one level, in file order. */
export function regionsAtLevel(level: RegionLevel): readonly Region[] {
  return file.regions.filter((r) => r.level === level);
}

/** Direct children of a region (prefectures of a province, counties of a prefecture). */
export function regionChildren(code: string): readonly Region[] {
  return childrenOf.get(code) ?? [];
}

/**
 * The chain from province down to the region itself
 * (620602 → [甘肃省, 武威市, 凉州区]); empty for an unknown code.
 */
export function regionPath(code: string): Region[] {
  const path: Region[] = [];
  for (let r = byCode.get(code); r; r = r.parent === null ? undefined : byCode.get(r.parent)) path.unshift(r);
  return path;
}
