import type { i18n as I18n } from 'i18next';
import { createAppI18n, useAppT, type AppLocale, type Leaves, type SharedMessages } from '../../shared/i18n/core.js';
import { en, type SupplierMessages } from './en.js';
import { zhCN } from './zh-CN.js';

export type SupplierMessageKey = Leaves<SupplierMessages>;

// The shared parts (LocaleSwitch, ErrorAlert) read these keys from whichever app's messages are loaded.
const _shared: SharedMessages = en;
void _shared;

/** The portal's own i18next instance; zh-CN first, the choice kept in this browser apart from the console's. */
export function initSupplierI18n(): Promise<I18n> {
  return createAppI18n({ en, zhCN, storageKey: 'storeops.supplier.locale' });
}

export function useT(): {
  t: (key: SupplierMessageKey, values?: Record<string, string | number>) => string;
  locale: AppLocale;
  setLocale(l: AppLocale): void;
} {
  const { t, locale, setLocale } = useAppT<SupplierMessageKey>();
  return { t, locale, setLocale };
}
