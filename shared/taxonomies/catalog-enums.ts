import data from '../../config/taxonomies/catalog-enums.json' with { type: 'json' };
import type { Locale } from '../roles.js';
import { type CompatibilityFit, type CooperationMode, type EnumCode, type EnumKind, type TransferMode } from './codes.js';
import { CatalogEnumsFile, parseTaxonomy, type EnumDefinition, type EnumValue } from './schemas.js';

/** Labels of the catalog enumerations and the demand ↔ transfer compatibility table. */
const file = parseTaxonomy('catalog-enums.json', CatalogEnumsFile, data);

const valueIndex = new Map<string, EnumValue>(
  Object.entries(file.enums).flatMap(([kind, def]) => def.values.map((v) => [`${kind}:${v.code}`, v] as const)),
);

/** An enumeration's name, basis and values with labels, in display order. */
export function enumDefinition(kind: EnumKind): EnumDefinition {
  return file.enums[kind];
}

/** One value's full entry (labels, and definition or publishable where present). */
export function enumValue<K extends EnumKind>(kind: K, code: EnumCode<K>): EnumValue;
export function enumValue(kind: EnumKind, code: string): EnumValue | undefined;
export function enumValue(kind: EnumKind, code: string): EnumValue | undefined {
  return valueIndex.get(`${kind}:${code}`);
}

/**
 * The label of a code in a locale. An unknown code comes back unchanged, so
 * a stale value in old data still shows something rather than nothing.
 */
export function enumLabel(kind: EnumKind, code: string | number, locale: Locale): string {
  const v = valueIndex.get(`${kind}:${code}`);
  if (!v) return String(code);
  return locale === 'en' ? v.nameEn : v.name;
}

/** Only 公开 achievements may be published or syndicated. */
export function isPublishable(confidentiality: EnumCode<'confidentiality'>): boolean {
  return valueIndex.get(`confidentiality:${confidentiality}`)?.publishable === true;
}

/** The nine technology readiness levels with names and one-line definitions. */
export function trlLevels(): readonly (EnumValue & { level: number })[] {
  return file.enums.technologyReadinessLevel.values.map((v) => ({ ...v, level: Number(v.code) }));
}

/** Transfer modes that can satisfy a demand's cooperation mode, direct ones first. */
export function compatibleTransferModes(mode: CooperationMode): { transferMode: TransferMode; fit: CompatibilityFit }[] {
  return file.compatibility
    .filter((c) => c.cooperationMode === mode)
    .sort((a, b) => Number(a.fit === 'partial') - Number(b.fit === 'partial'))
    .map(({ transferMode, fit }) => ({ transferMode, fit }));
}

/** How well a transfer mode satisfies a cooperation mode, or null when it does not. */
export function compatibilityFit(mode: CooperationMode, transfer: TransferMode): CompatibilityFit | null {
  return file.compatibility.find((c) => c.cooperationMode === mode && c.transferMode === transfer)?.fit ?? null;
}

/** The whole compatibility table, for the matching engine and the docs. */
export function compatibilityTable(): readonly { cooperationMode: CooperationMode; transferMode: TransferMode; fit: CompatibilityFit }[] {
  return file.compatibility;
}
