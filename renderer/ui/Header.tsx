import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from './session.js';
import { LocaleSwitch } from './LocaleSwitch.js';
import { SyncIndicator } from '../features/sync-status/SyncIndicator.js';
import { UpdateNotice } from '../features/updates/UpdateNotice.js';

/**
 * Always on screen, the sign-in screen included: which store and terminal this is, sync health, language, and
 * (once someone is signed in) who is working, in the slot the shell fills.
 */
export function Header(props: { operator?: ReactNode }) {
  const { device } = useSession();
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
        <span style={{ fontSize: 16, opacity: 0.9 }}>
          <span data-testid="store-id">{t('app.store', { storeId: device.storeId })}</span> · <span data-testid="device-name">{device.deviceName}</span>
        </span>
      </div>
      {props.operator}
      <div style={{ marginLeft: 'auto', display: 'flex', alignItems: 'center', gap: 24, flexWrap: 'wrap' }}>
        <UpdateNotice />
        <SyncIndicator />
        <LocaleSwitch dark />
      </div>
    </header>
  );
}
