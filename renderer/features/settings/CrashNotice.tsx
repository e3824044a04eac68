import { useEffect } from 'react';
import { App as AntApp } from 'antd';
import { useTranslation } from 'react-i18next';
import type { StoreOpsContract } from '../../../main/contract.js';

/**
 * After a crash of the page, main reloads it (main/window.ts); the reloaded page says so once, with the reason, so
 * the operator knows why the screen went blank and that work in progress may need checking. The notice stays until
 * it is closed (Esc or its close button).
 */
export function useCrashNotice(platform: Pick<StoreOpsContract, 'lastCrash'>): void {
  const { t } = useTranslation();
  const { notification } = AntApp.useApp();
  useEffect(() => {
    let live = true;
    platform.lastCrash().then(
      (crash) => {
        if (!live || !crash) return;
        notification.warning({
          key: 'renderer-crash',
          duration: 0,
          title: t('settings.crash.title'),
          description: (
            <span data-testid="crash-notice" data-reason={crash.reason} data-window={crash.window} style={{ fontSize: 17 }}>
              {t(crash.window === 'kiosk' ? 'settings.crash.kiosk' : 'settings.crash.terminal', { reason: crash.reason, at: new Date(crash.at).toLocaleTimeString() })}
              {crash.reloaded ? '' : ` ${t('settings.crash.notReloaded')}`}
            </span>
          ),
        });
      },
      // In browser mode an older host may not know the method; nothing to show then.
      (err: unknown) => console.warn('asking for the last crash failed', err),
    );
    return () => {
      live = false;
    };
  }, [platform, notification, t]);
}
