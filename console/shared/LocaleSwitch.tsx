import { Segmented } from 'antd';
import { CONSOLE_LOCALES, useT, type ConsoleLocale } from './i18n/index.js';

const LABELS: Record<ConsoleLocale, string> = { 'zh-CN': '中文', en: 'English' };

/** Switches the console's language now; the choice is kept in this browser (i18n/index.ts). */
export function LocaleSwitch() {
  const { t, locale, setLocale } = useT();
  return (
    <Segmented<ConsoleLocale>
      data-testid="locale-switch"
      aria-label={t('common.language')}
      value={locale}
      onChange={setLocale}
      options={CONSOLE_LOCALES.map((l) => ({ value: l, label: <span data-testid={`locale-${l}`} lang={l}>{LABELS[l]}</span> }))}
    />
  );
}
