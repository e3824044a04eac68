import { useCallback, useEffect, useMemo, useState } from 'react';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import type { TerminalSettings } from '../main/contract.js';
import { getPlatform } from './platform/index.js';
import { BootError, openSession, persistStorage } from './ui/boot.js';
import { toCodedError, type CodedError } from './ui/errors.js';
import { ErrorPanel } from './ui/ErrorPanel.js';
import { Header } from './ui/Header.js';
import { SessionProvider, type Session } from './ui/session.js';
import { useScannerWedge } from './ui/scan-router.js';
import { terminalTheme } from './ui/theme.js';
import { refusalBeep } from './ui/beep.js';
import { EnrollmentScreen } from './features/enrollment/EnrollmentScreen.js';
import { OrderQueue } from './features/orders/OrderQueue.js';
import { InventoryScreen } from './features/inventory/InventoryScreen.js';
import { ActivityView } from './features/activity/ActivityView.js';
import { SettingsScreen } from './features/settings/SettingsScreen.js';
import { LockersScreen } from './features/lockers/LockersScreen.js';
import { PickingScreen } from './features/picking/PickingScreen.js';
import { PackingScreen } from './features/packing/PackingScreen.js';
import { CounterScreen } from './features/handover/CounterScreen.js';
import { CourierScreen } from './features/handover/CourierScreen.js';
import { DayCloseScreen } from './features/day-close/DayCloseScreen.js';
import { OperatorGate } from './features/signin/OperatorGate.js';
import { OperatorBadge } from './features/signin/OperatorBadge.js';
import { NavBar } from './ui/NavBar.js';
import { useNav } from './ui/nav-state.js';
import { useCrashNotice } from './features/settings/CrashNotice.js';

type Boot =
  | { phase: 'starting' }
  | { phase: 'enroll'; settings: TerminalSettings }
  | { phase: 'opening' }
  | { phase: 'ready'; session: Session }
  | { phase: 'error'; error: CodedError };

/** Ant Design's own texts (date pickers, empty states, confirm buttons) follow the chosen language. */
export function App() {
  const { i18n } = useTranslation();
  useEffect(() => {
    document.documentElement.lang = i18n.language;
  }, [i18n.language]);
  return (
    <ConfigProvider locale={i18n.language === 'zh-CN' ? zhCN : enUS} theme={terminalTheme}>
      <AntApp message={{ top: 12, maxCount: 3, duration: 2.5 }}>
        <Terminal />
      </AntApp>
    </ConfigProvider>
  );
}

/** Start-up: settings → enrollment, or open the database and start sync → the shell. Every failure is shown. */
function Terminal() {
  const { t } = useTranslation();
  const platform = useMemo(getPlatform, []);
  const [boot, setBoot] = useState<Boot>({ phase: 'starting' });
  const { message } = AntApp.useApp();
  // After a crash of this page main reloaded it: say what happened.
  useCrashNotice(platform);
  // A scan the page read only in part is said out loud, never acted on as a shorter code.
  useScannerWedge(() => {
    refusalBeep();
    void message.warning({ key: 'scan-incomplete', content: <span data-testid="scan-incomplete">{t('scanner.incomplete')}</span> });
  });

  // The i18next instance itself, not useTranslation's i18n: react-i18next hands out a new wrapper on every language
  // change, and a start-up depending on it would restart the terminal (back to "Starting…") at each switch.
  const startWith = useCallback(
    async (settings: TerminalSettings) => {
      if (settings.locale && settings.locale !== i18next.language) await i18next.changeLanguage(settings.locale);
      if (!settings.device) return setBoot({ phase: 'enroll', settings });
      setBoot({ phase: 'opening' });
      try {
        setBoot({ phase: 'ready', session: await openSession(platform, settings) });
      } catch (err) {
        console.error('terminal start failed', err);
        setBoot({ phase: 'error', error: err instanceof BootError ? err.coded : toCodedError(err, 'UNKNOWN') });
      }
    },
    [platform],
  );

  const start = useCallback(async () => {
    setBoot({ phase: 'starting' });
    void persistStorage();
    try {
      await startWith(await platform.getSettings());
    } catch (err) {
      console.error('reading the terminal settings failed', err);
      setBoot({ phase: 'error', error: toCodedError(err, 'INTERNAL') });
    }
  }, [platform, startWith]);

  useEffect(() => {
    void start();
  }, [start]);

  const reenroll = async () => {
    try {
      await platform.unenroll();
    } catch (err) {
      console.error('unenroll failed', err);
    }
    await start();
  };

  switch (boot.phase) {
    case 'starting':
    case 'opening':
      return (
        <div data-testid="boot" data-phase={boot.phase} style={{ height: '100vh', display: 'grid', placeItems: 'center' }}>
          <Spin size="large" description={boot.phase === 'starting' ? t('app.starting') : t('app.openingDb')}>
            <div style={{ width: 320, height: 80 }} />
          </Spin>
        </div>
      );
    case 'enroll':
      return <EnrollmentScreen platform={platform} settings={boot.settings} onEnrolled={(s) => void startWith(s)} />;
    case 'error':
      return (
        <div data-testid="boot-error" style={{ maxWidth: 880, margin: '10vh auto', padding: 24 }}>
          <ErrorPanel
            error={boot.error}
            actions={[
              { label: t('app.retry'), onClick: () => void start() },
              ...(boot.error.code === 'NOT_ENROLLED' ? [{ label: t('app.reenroll'), onClick: () => void reenroll() }] : []),
            ]}
          />
        </div>
      );
    case 'ready':
      return (
        <SessionProvider session={boot.session}>
          <OperatorGate>
            <Shell />
          </OperatorGate>
        </SessionProvider>
      );
  }
}

/** The work screens of a signed-in operator, under the always-visible header (sync state, who is working). */
function Shell() {
  const screen = useNav((s) => s.screen);
  return (
    <div data-testid="shell" data-screen={screen} style={{ height: '100vh', display: 'flex', flexDirection: 'column' }}>
      <Header operator={<OperatorBadge />} />
      <NavBar />
      <main style={{ flex: 1, minHeight: 0 }}>
        {screen === 'orders' && <OrderQueue />}
        {screen === 'picking' && <PickingScreen />}
        {screen === 'packing' && <PackingScreen />}
        {screen === 'counter' && <CounterScreen />}
        {screen === 'couriers' && <CourierScreen />}
        {screen === 'inventory' && <InventoryScreen />}
        {screen === 'activity' && <ActivityView />}
        {screen === 'settings' && <SettingsScreen />}
        {screen === 'lockers' && <LockersScreen />}
        {screen === 'dayclose' && <DayCloseScreen />}
      </main>
    </div>
  );
}
