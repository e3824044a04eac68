import { createInstance, type i18n as I18n, type Resource } from 'i18next';
import { useTranslation } from 'react-i18next';

/**
 * What the web apps (the head-office console, the supplier portal) share about languages: the two locales, zh-CN
 * first, a choice kept per browser and per app, and t() typed by each app's own message keys. Each app has its own
 * i18next instance: the terminal (renderer/i18n) types the global one with its keys.
 */
export const APP_LOCALES = ['zh-CN', 'en'] as const;
export type AppLocale = (typeof APP_LOCALES)[number];

/** Every dotted key of the messages ('nav.stores', 'recon.exceptions.title'): what t() accepts. */
export type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/** The messages every app must have for the shared parts (LocaleSwitch, ErrorAlert). */
export interface SharedMessages {
  common: { language: string };
  errors: { code: string };
}

/** zh-CN unless this browser chose otherwise for this app (storageKey). */
export async function createAppI18n(opts: { en: object; zhCN: object; storageKey: string }): Promise<I18n> {
  const instance = createInstance();
  const resources: Resource = { en: { translation: { ...opts.en } }, 'zh-CN': { translation: { ...opts.zhCN } } };
  await instance.init({
    resources,
    lng: savedLocale(opts.storageKey) ?? 'zh-CN',
    fallbackLng: 'en',
    supportedLngs: [...APP_LOCALES],
    interpolation: { escapeValue: false },
  });
  document.documentElement.lang = instance.language;
  instance.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
    try {
      localStorage.setItem(opts.storageKey, lng);
    } catch {
      // A browser that refuses storage (private mode) keeps the choice for this page only; nothing else depends on it.
      document.documentElement.dataset.localeUnsaved = 'true';
    }
  });
  return instance;
}

function savedLocale(key: string): AppLocale | null {
  try {
    const v = localStorage.getItem(key);
    return v === 'en' || v === 'zh-CN' ? v : null;
  } catch {
    return null;
  }
}

/** t() over the app's keys (K), the current locale, and whether a key exists (an error code with its own words). */
export function useAppT<K extends string>(): {
  t: (key: K, values?: Record<string, string | number>) => string;
  has: (key: string) => boolean;
  locale: AppLocale;
  setLocale(l: AppLocale): void;
} {
  const { i18n } = useTranslation();
  const t = i18n.t.bind(i18n) as unknown as (key: string, values?: Record<string, string | number>) => string;
  return {
    t: (key, values) => t(key, values),
    has: (key) => i18n.exists(key),
    locale: i18n.language === 'en' ? 'en' : 'zh-CN',
    setLocale: (l) => void i18n.changeLanguage(l),
  };
}
