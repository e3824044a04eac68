import { useTranslation } from 'react-i18next';

/** Packing (F6): scan every picked item into a package, then print one label per package. */
export function PackingScreen() {
  const { t } = useTranslation();
  return <div data-testid="packing-screen" style={{ padding: 24, fontSize: 22 }}>{t('packing.title')}</div>;
}
