import type { Locale } from '@shared/roles.js';
import {
  enumDefinition,
  industryDivision,
  industryDivisions,
  industrySection,
  industrySections,
  pillarIndustries,
  pillarIndustry,
  regionChildren,
  regionPath,
  regionsAtLevel,
  techField,
  techFields,
  trlLevels,
  type EnumKind,
} from '@shared/taxonomies/index.js';
import { nameIn } from './locale';

/**
 * Options for antd selects, cascaders and trees built from shared/taxonomies,
 * so the form offers exactly the codes the server accepts.
 */
export type CascaderOption = { value: string; label: string; children?: CascaderOption[] };

export function industryOptions(locale: Locale): CascaderOption[] {
  return industrySections().map((s) => ({
    value: s.code,
    label: `${s.code} ${nameIn(locale, s)}`,
    children: industryDivisions(s.code).map((d) => ({ value: d.code, label: `${d.code} ${nameIn(locale, d)}` })),
  }));
}

export function regionOptions(locale: Locale): CascaderOption[] {
  const build = (code: string): CascaderOption[] =>
    regionChildren(code).map((r) => {
      const children = build(r.code);
      return { value: r.code, label: nameIn(locale, r), ...(children.length ? { children } : {}) };
    });
  return regionsAtLevel('province').map((p) => {
    const children = build(p.code);
    return { value: p.code, label: nameIn(locale, p), ...(children.length ? { children } : {}) };
  });
}

export type TreeOption = { value: string; title: string; children?: TreeOption[] };

export function techFieldTree(locale: Locale): TreeOption[] {
  return techFields().map((f) => ({
    value: f.code,
    title: nameIn(locale, f),
    children: f.children.map((c) => ({ value: c.code, title: nameIn(locale, c) })),
  }));
}

export function pillarOptions(locale: Locale) {
  return pillarIndustries().map((p) => ({ value: p.code, label: nameIn(locale, p) }));
}

export function enumOptions(kind: EnumKind, locale: Locale) {
  return enumDefinition(kind).values.map((v) => ({ value: v.code, label: locale === 'en' ? v.nameEn : v.name }));
}

export function trlOptions(locale: Locale) {
  return trlLevels().map((l) => ({
    value: l.level,
    label: `TRL ${l.level} · ${locale === 'en' ? l.nameEn : l.name}`,
    definition: (locale === 'en' ? l.definitionEn : l.definition) ?? '',
  }));
}

export function trlText(level: number | null | undefined, locale: Locale): { name: string; definition: string } | null {
  if (level === null || level === undefined) return null;
  const l = trlLevels().find((x) => x.level === level);
  if (!l) return null;
  return { name: locale === 'en' ? l.nameEn : l.name, definition: (locale === 'en' ? l.definitionEn : l.definition) ?? '' };
}

export function industryLabel(section: string | null | undefined, division: string | null | undefined, locale: Locale): string {
  const parts: string[] = [];
  if (section) parts.push(nameIn(locale, industrySection(section), section));
  if (division) parts.push(nameIn(locale, industryDivision(division), division));
  return parts.length ? parts.join(' / ') : '—';
}

export function regionLabel(code: string | null | undefined, locale: Locale): string {
  if (!code) return '—';
  const path = regionPath(code);
  return path.length ? path.map((r) => nameIn(locale, r)).join(' ') : code;
}

export function techFieldLabel(code: string | null | undefined, locale: Locale): string {
  if (!code) return '—';
  return nameIn(locale, techField(code), code);
}

export function pillarLabel(code: string, locale: Locale): string {
  return nameIn(locale, pillarIndustry(code), code);
}

/** The cascader path of a region code (province, prefecture, county). */
export function regionCascaderValue(code: string | undefined): string[] | undefined {
  if (!code) return undefined;
  const path = regionPath(code).map((r) => r.code);
  return path.length ? path : undefined;
}
