import { createInstance, type i18n as I18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import { en, type ConsoleMessages } from './en.js';
import { zhCN } from './zh-CN.js';

export const CONSOLE_LOCALES = ['zh-CN', 'en'] as const;
export type ConsoleLocale = (typeof CONSOLE_LOCALES)[number];

const STORAGE_KEY = 'storeops.console.locale';

/** Every dotted key of the messages ('nav.stores', 'recon.exceptions.title'): what t() accepts. */
type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];
export type MessageKey = Leaves<ConsoleMessages>;
export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/**
 * The console's own i18next instance: the terminal (renderer/i18n) types the global i18next with its keys, so the
 * console keeps a separate instance and types its keys itself (MessageKey). zh-CN is the default: head office
 * works in Chinese; a saved choice in this browser wins.
 */
export async function initConsoleI18n(): Promise<I18n> {
  const instance = createInstance();
  await instance.init({
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    lng: savedLocale() ?? 'zh-CN',
    fallbackLng: 'en',
    supportedLngs: [...CONSOLE_LOCALES],
    interpolation: { escapeValue: false },
  });
  document.documentElement.lang = instance.language;
  instance.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
    try {
      localStorage.setItem(STORAGE_KEY, lng);
    } catch {
      // A browser that refuses storage (private mode) keeps the choice for this page only; nothing else depends on it.
      document.documentElement.dataset.localeUnsaved = 'true';
    }
  });
  return instance;
}

function savedLocale(): ConsoleLocale | null {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return v === 'en' || v === 'zh-CN' ? v : null;
  } catch {
    return null;
  }
}

/** t() typed by the console's keys, and the current locale. */
export function useT(): { t: Translate; locale: ConsoleLocale; setLocale(l: ConsoleLocale): void } {
  const { i18n } = useTranslation();
  const t = i18n.t.bind(i18n) as unknown as (key: string, values?: Record<string, string | number>) => string;
  return {
    t: (key, values) => t(key, values),
    locale: i18n.language === 'en' ? 'en' : 'zh-CN',
    setLocale: (l) => void i18n.changeLanguage(l),
  };
}
