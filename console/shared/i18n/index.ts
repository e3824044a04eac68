import type { i18n as I18n } from 'i18next';
import { APP_LOCALES, createAppI18n, useAppT, type AppLocale, type Leaves } from './core.js';
import { en, type ConsoleMessages } from './en.js';
import { zhCN } from './zh-CN.js';

export const CONSOLE_LOCALES = APP_LOCALES;
export type ConsoleLocale = AppLocale;

export type MessageKey = Leaves<ConsoleMessages>;
export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/**
 * The console's own i18next instance (core.ts). zh-CN is the default: head office works in Chinese; a saved choice
 * in this browser wins.
 */
export function initConsoleI18n(): Promise<I18n> {
  return createAppI18n({ en, zhCN, storageKey: 'storeops.console.locale' });
}

/** t() typed by the console's keys, and the current locale. */
export function useT(): { t: Translate; locale: ConsoleLocale; setLocale(l: ConsoleLocale): void } {
  const { t, locale, setLocale } = useAppT<MessageKey>();
  return { t, locale, setLocale };
}
