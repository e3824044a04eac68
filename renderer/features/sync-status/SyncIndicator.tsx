import { useState } from 'react';
import { Button, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../ui/session.js';
import { useObservable } from '../../ui/use-observable.js';
import { useNow } from '../../ui/now.js';
import { formatRelative } from '../../ui/format.js';
import { QuarantineDrawer } from './QuarantineDrawer.js';

const ONLINE = '#0a7d2c';
const OFFLINE = '#c4161c';

/** Always in the header: can this terminal reach the server, how much is waiting to go, when it last synced. */
export function SyncIndicator() {
  const { sync } = useSession();
  const { t, i18n } = useTranslation();
  const now = useNow();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const state = useObservable(() => sync.state$, [sync]);
  const s = state.status === 'ready' ? state.value : null;
  const online = s?.online ?? false;
  const pending = s?.pending ?? 0;
  const last = s?.lastSyncedAt ? formatRelative(s.lastSyncedAt, now, i18n.language) ?? t('time.justNow') : null;

  return (
    <div
      data-testid="sync-indicator"
      data-online={String(online)}
      data-pending={String(pending)}
      style={{ display: 'flex', alignItems: 'center', gap: 16, fontSize: 18 }}
    >
      <span
        style={{
          display: 'inline-flex', alignItems: 'center', gap: 8, padding: '4px 12px', borderRadius: 6, fontWeight: 700,
          color: '#fff', background: online ? ONLINE : OFFLINE,
        }}
      >
        <span aria-hidden style={{ width: 12, height: 12, borderRadius: 6, background: '#fff', opacity: online ? 1 : 0.6 }} />
        {online ? t('sync.online') : t('sync.offline')}
      </span>
      <span data-testid="sync-pending" data-count={pending} style={{ fontWeight: pending > 0 ? 700 : 400 }}>
        {t('sync.pending', { count: pending })}
      </span>
      <span data-testid="sync-last" data-at={s?.lastSyncedAt ?? ''}>
        {last ? t('sync.lastSynced', { time: last }) : t('sync.neverSynced')}
      </span>
      {s?.error && (
        <Tooltip title={s.error.message}>
          <span data-testid="sync-error" data-code={s.error.code} style={{ color: '#ffd666', fontWeight: 700 }}>
            {t('sync.error', { code: s.error.code })}
          </span>
        </Tooltip>
      )}
      {s && s.quarantined > 0 && (
        <Button danger type="primary" data-testid="sync-quarantined" onClick={() => setDrawerOpen(true)}>
          {t('sync.quarantined', { count: s.quarantined })}
        </Button>
      )}
      <QuarantineDrawer open={drawerOpen} onClose={() => setDrawerOpen(false)} />
    </div>
  );
}
