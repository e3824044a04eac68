import { App as AntApp, Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { getPlatform } from '../platform/index.js';
import { LOCALES, type Locale } from '../i18n/index.js';
import { toCodedError } from './errors.js';

const LABELS: Record<Locale, string> = { 'zh-CN': '中文', en: 'English' };

/** Switches the language now and remembers it in the terminal's settings. */
export function LocaleSwitch(props: { dark?: boolean }) {
  const { t, i18n } = useTranslation();
  const { message } = AntApp.useApp();
  const current: Locale = i18n.language === 'zh-CN' ? 'zh-CN' : 'en';

  const change = async (locale: Locale) => {
    await i18n.changeLanguage(locale);
    try {
      await getPlatform().setLocale(locale);
    } catch (err) {
      const coded = toCodedError(err, 'INTERNAL');
      console.error('saving the language failed', err);
      void message.warning(`${t('errors.code', { code: coded.code })} ${coded.message}`);
    }
  };

  return (
    <Segmented<Locale>
      data-testid="locale-switch"
      aria-label={t('app.language')}
      size="large"
      value={current}
      onChange={(v) => void change(v)}
      options={LOCALES.map((l) => ({ value: l, label: <span data-testid={`locale-${l}`} lang={l}>{LABELS[l]}</span> }))}
      style={props.dark ? { background: '#1f3a56', color: '#fff' } : undefined}
    />
  );
}
