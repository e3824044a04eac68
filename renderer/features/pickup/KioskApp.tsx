import { useEffect, useMemo, useState } from 'react';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import type { LockerBankConfig } from '../../../main/contract.js';
import { openTerminalDb, type TerminalDb } from '../../db/index.js';
import { getPlatform } from '../../platform/index.js';
import { dbNameFor } from '../../ui/boot.js';
import { toCodedError, type CodedError } from '../../ui/errors.js';
import { ErrorPanel } from '../../ui/ErrorPanel.js';
import { useScannerWedge } from '../../ui/scan-router.js';
import { terminalTheme } from '../../ui/theme.js';
import { KioskScreen } from './KioskScreen.js';
import type { KioskDevice } from './kiosk-release.js';

type Boot =
  | { phase: 'starting' }
  | { phase: 'ready'; db: TerminalDb; device: KioskDevice; banks: LockerBankConfig[]; timeZone: string | undefined }
  | { phase: 'error'; error: CodedError };

/** Whether this page is the customer kiosk: `?kiosk` on the terminal's own address (the second window, or a browser). */
export function isKioskPage(search: string = location.search): boolean {
  return new URLSearchParams(search).has('kiosk');
}

/**
 * The kiosk window: the terminal's own database (same profile, so what the staff window syncs is here) and its
 * locker banks, and nothing else. It starts no sync of its own; its facts are pushed by the staff window's sync.
 * Chinese first, whatever the staff window speaks; English is one tap away.
 */
export function KioskApp() {
  const { i18n } = useTranslation();
  const platform = useMemo(getPlatform, []);
  const [boot, setBoot] = useState<Boot>({ phase: 'starting' });
  useScannerWedge();
  useEffect(() => {
    document.documentElement.lang = i18n.language;
  }, [i18n.language]);
  useEffect(() => {
    void (async () => {
      try {
        await i18next.changeLanguage('zh-CN');
        const settings = await platform.getSettings();
        if (!settings.device) throw Object.assign(new Error('this terminal is not enrolled'), { code: 'NOT_ENROLLED' });
        const { storeId, deviceId } = settings.device;
        const db = await openTerminalDb({ name: dbNameFor(storeId, deviceId) });
        // Times on screen (when a lock lifts) are the store's, like every staff screen's.
        const timeZone = (await db.stores.findOne(storeId).exec())?.timezone;
        setBoot({ phase: 'ready', db, device: { storeId, deviceId }, banks: await platform.listLockerBanks(), timeZone });
      } catch (err) {
        console.error('kiosk start failed', err);
        setBoot({ phase: 'error', error: toCodedError(err, 'INTERNAL') });
      }
    })();
  }, [platform]);

  return (
    <ConfigProvider locale={i18n.language === 'zh-CN' ? zhCN : enUS} theme={terminalTheme}>
      <AntApp>
        {boot.phase === 'starting' && (
          <div data-testid="boot" style={{ height: '100vh', display: 'grid', placeItems: 'center' }}>
            <Spin size="large" />
          </div>
        )}
        {boot.phase === 'error' && (
          <div data-testid="boot-error" style={{ maxWidth: 880, margin: '10vh auto', padding: 24 }}>
            <ErrorPanel error={boot.error} actions={[{ label: 'OK', onClick: () => location.reload() }]} />
          </div>
        )}
        {boot.phase === 'ready' && <KioskScreen db={boot.db} platform={platform} device={boot.device} banks={boot.banks} timeZone={boot.timeZone} />}
      </AntApp>
    </ConfigProvider>
  );
}
