import { Segmented } from 'antd';
import { APP_LOCALES, useAppT, type AppLocale } from './i18n/core.js';

const LABELS: Record<AppLocale, string> = { 'zh-CN': '中文', en: 'English' };

/**
 * Switches the app's language now; the choice is kept in this browser (i18n/core.ts). Any app's messages have
 * common.language (SharedMessages), so the console and the supplier portal both use it.
 */
export function LocaleSwitch(props: { size?: 'small' | 'middle' }) {
  const { t, locale, setLocale } = useAppT<'common.language'>();
  return (
    <Segmented<AppLocale>
      data-testid="locale-switch"
      aria-label={t('common.language')}
      size={props.size}
      value={locale}
      onChange={setLocale}
      options={APP_LOCALES.map((l) => ({ value: l, label: <span data-testid={`locale-${l}`} lang={l}>{LABELS[l]}</span> }))}
    />
  );
}
