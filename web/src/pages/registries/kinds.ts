import { KIND_PATH, PLATFORM_LEVELS, PLATFORM_TYPES, REGISTRY_KINDS, type RegistryKind } from '@shared/contracts/registries.js';

/** The registry kind of a URL segment ("institutions" → institution). */
export function kindOfPath(segment: string | undefined): RegistryKind | null {
  return REGISTRY_KINDS.find((k) => KIND_PATH[k] === segment) ?? null;
}

/** Enumerations shown as choices, by content field: the i18n group under `registries.` and the codes. */
export const ENUM_FIELDS: Record<string, { group: 'types' | 'levels' | 'grades' | 'spaceKinds' | 'specialisations' | 'zoneKinds' | 'stages' | 'platformTypes' | 'platformLevels' | 'yesNo'; codes: readonly string[]; multiple?: boolean }> = {
  types: { group: 'types', codes: ['trading', 'evaluation', 'financing', 'consulting', 'legal', 'ip_agency', 'testing'], multiple: true },
  recognitionLevel: { group: 'levels', codes: ['none', 'municipal', 'provincial', 'national'] },
  grade: { group: 'grades', codes: ['junior', 'intermediate', 'senior'] },
  specialisation: { group: 'specialisations', codes: ['professional', 'general'] },
  stage: { group: 'stages', codes: ['cultivating', 'built', 'recognised'] },
  platformType: { group: 'platformTypes', codes: PLATFORM_TYPES },
};

/** The editable fields of each kind, in form order: text, long text, list, date, number, an enumeration, yes/no, or a taxonomy code. */
export type FieldKind = 'text' | 'long' | 'list' | 'date' | 'number' | 'enum' | 'bool' | 'techField' | 'pillar';
export const FORM_FIELDS: Record<RegistryKind, [string, FieldKind][]> = {
  institution: [
    ['name', 'text'], ['types', 'enum'], ['summary', 'long'], ['address', 'text'], ['contactName', 'text'], ['contactPhone', 'text'], ['contactEmail', 'text'],
    ['website', 'text'], ['recognitionLevel', 'enum'], ['certificateNo', 'text'], ['recognisedOn', 'date'], ['validUntil', 'date'],
  ],
  broker: [['name', 'text'], ['grade', 'enum'], ['expertise', 'list'], ['bio', 'long'], ['phone', 'text'], ['email', 'text']],
  space: [
    ['name', 'text'], ['kind', 'enum'], ['level', 'enum'], ['specialisation', 'enum'], ['field', 'text'], ['operatorName', 'text'], ['address', 'text'],
    ['areaSqm', 'number'], ['services', 'list'], ['summary', 'long'], ['recognisedOn', 'date'], ['contactName', 'text'], ['contactPhone', 'text'],
  ],
  alliance: [['name', 'text'], ['field', 'text'], ['level', 'enum'], ['foundedOn', 'date'], ['summary', 'long']],
  demo_zone: [['name', 'text'], ['kind', 'enum'], ['level', 'enum'], ['stage', 'enum'], ['field', 'text'], ['summary', 'long'], ['cultivatingSince', 'date'], ['builtOn', 'date'], ['recognisedOn', 'date']],
  platform: [
    ['name', 'text'], ['platformType', 'enum'], ['level', 'enum'], ['partners', 'list'], ['techField', 'techField'], ['pillarIndustry', 'pillar'], ['recognisedOn', 'date'],
    ['recognisedBy', 'text'], ['summary', 'long'], ['openToOthers', 'bool'], ['sharedResources', 'long'],
  ],
};

/** Fields a kind cannot be saved without (the form marks them). */
export function isRequired(kind: RegistryKind, field: string): boolean {
  if (field === 'name' || field === 'grade' || field === 'types') return true;
  if (kind === 'space') return field === 'kind';
  if (kind === 'demo_zone') return field === 'level';
  if (kind === 'platform') return field === 'platformType' || field === 'level';
  return false;
}

/** The enumeration of a field for a kind (kind and level differ between registries). */
export function enumOf(kind: RegistryKind, field: string): (typeof ENUM_FIELDS)[string] | null {
  if (field === 'kind') return kind === 'space' ? { group: 'spaceKinds', codes: ['maker_space', 'incubator', 'accelerator', 'star_space'] } : { group: 'zoneKinds', codes: ['zone', 'base', 'park'] };
  if (field === 'level' && kind === 'platform') return { group: 'platformLevels', codes: PLATFORM_LEVELS };
  if (field === 'openToOthers') return { group: 'yesNo', codes: ['true', 'false'] };
  if (field === 'level') return kind === 'demo_zone' ? { group: 'levels', codes: ['municipal', 'provincial', 'national'] } : { group: 'levels', codes: ['none', 'municipal', 'provincial', 'national'] };
  return ENUM_FIELDS[field] ?? null;
}

export const yuan = (fen: number | null | undefined) => (fen === null || fen === undefined ? null : (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 0, maximumFractionDigits: 2 }));
