import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/en';
import type { Locale } from '@shared/roles.js';
import { LOCALES } from '@shared/roles.js';
import { setRequestLanguage } from '../api/client';
import zhCN from './zh-CN';
import en from './en';

const STORAGE_KEY = 'chengguo.locale';

export function storedLocale(): Locale {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    if (v && (LOCALES as readonly string[]).includes(v)) return v as Locale;
  } catch {
    // Storage can be blocked (private mode); the default language still works.
  }
  return 'zh-CN';
}

export function rememberLocale(l: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, l);
  } catch {
    // See storedLocale.
  }
}

/** Switch UI, dayjs and request language together so they never disagree. */
export function applyLocale(l: Locale): void {
  if (i18n.language !== l) void i18n.changeLanguage(l);
  dayjs.locale(l === 'en' ? 'en' : 'zh-cn');
  setRequestLanguage(l);
  document.documentElement.lang = l;
}

const initial = storedLocale();
void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: initial,
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  returnNull: false,
});
applyLocale(initial);

export default i18n;
