import { useTranslation } from 'react-i18next';
import { useSession } from './session.js';
import { LocaleSwitch } from './LocaleSwitch.js';
import { SyncIndicator } from '../features/sync-status/SyncIndicator.js';

/** Always on screen: which store and terminal this is, who is recorded as operator, sync health, language. */
export function Header() {
  const { device, operator } = useSession();
  const { t } = useTranslation();
  return (
    <header
      style={{
        display: 'flex', alignItems: 'center', gap: 24, padding: '10px 20px', background: '#0b1f33', color: '#fff',
        flexWrap: 'wrap', minHeight: 72,
      }}
    >
      <div style={{ display: 'flex', flexDirection: 'column', lineHeight: 1.2 }}>
        <strong style={{ fontSize: 24 }}>{t('app.title')}</strong>
        <span data-testid="store-id" style={{ fontSize: 16, opacity: 0.9 }}>{t('app.store', { storeId: device.storeId })}</span>
      </div>
      <div data-testid="current-operator" data-operator-id={operator.id} style={{ fontSize: 18 }}>
        <span style={{ opacity: 0.8 }}>{t('app.operator')}: </span>
        <strong>{operator.name}</strong>
      </div>
      <div style={{ marginLeft: 'auto', display: 'flex', alignItems: 'center', gap: 24, flexWrap: 'wrap' }}>
        <SyncIndicator />
        <LocaleSwitch dark />
      </div>
    </header>
  );
}
