import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.js';
import { zhCN } from './zh-CN.js';
import { pickLocale, type Locale } from './locale.js';

export { pickLocale, type Locale, LOCALES } from './locale.js';

export const resources = {
  en: { translation: en },
  'zh-CN': { translation: zhCN },
} as const;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}

/** Starts i18next once, in the language the system prefers until the settings say otherwise. */
export async function initI18n(initial: Locale = pickLocale(null, navigator.languages)): Promise<typeof i18next> {
  if (!i18next.isInitialized) {
    await i18next.use(initReactI18next).init({
      resources,
      lng: initial,
      fallbackLng: 'en',
      supportedLngs: ['en', 'zh-CN'],
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  }
  return i18next;
}
