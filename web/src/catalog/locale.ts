import { useTranslation } from 'react-i18next';
import type { Locale } from '@shared/roles.js';
import { enumLabel, type EnumKind } from '@shared/taxonomies/index.js';

/** The UI's language as a taxonomy locale. */
export function useLocale(): Locale {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}

/** Label of an enumeration code in the UI's language. */
export function useEnumLabel() {
  const locale = useLocale();
  return (kind: EnumKind, code: string | number | null | undefined) =>
    code === null || code === undefined ? '—' : enumLabel(kind, code, locale);
}

/** A taxonomy entry's name in the UI's language. */
export function nameIn(locale: Locale, e: { name: string; nameEn: string } | undefined, fallback = '—'): string {
  if (!e) return fallback;
  return locale === 'en' ? e.nameEn : e.name;
}
