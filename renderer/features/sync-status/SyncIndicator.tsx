import { useState } from 'react';
import { Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SyncState } from '../../../sync/client/index.js';
import { useSession } from '../../ui/session.js';
import { useObservable } from '../../ui/use-observable.js';
import { useNow } from '../../ui/now.js';
import { formatStoreTime } from '../../ui/format.js';
import { useStoreTimeZone } from '../../ui/store-time-zone.js';
import { WarningIcon } from '../../ui/icons.js';
import { QuarantineDrawer } from './QuarantineDrawer.js';
import { formatLastSynced } from './last-synced.js';
import { showsProblem, syncReason } from './reasons.js';

const ONLINE = '#0a7d2c';
const OFFLINE = '#c4161c';
const PROBLEM = '#ffd666';
const REFUSED = '#ff9c9c';

const NOT_STARTED: SyncState = { online: false, inSync: false, pending: 0, lastSyncedAt: null, quarantined: 0, error: null, resyncing: false };

/** Always in the header: can this terminal reach the server, how much is waiting to go, when it last synced. */
export function SyncIndicator() {
  const { sync } = useSession();
  const now = useNow();
  const timeZone = useStoreTimeZone((s) => s.timeZone);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const state = useObservable(() => sync.state$, [sync]);
  return (
    <>
      <SyncLight state={state.status === 'ready' ? state.value : NOT_STARTED} now={now} timeZone={timeZone} onQuarantine={() => setDrawerOpen(true)} />
      <QuarantineDrawer open={drawerOpen} onClose={() => setDrawerOpen(false)} />
    </>
  );
}

/**
 * The light and at most two short lines beside it, compact enough to keep the header one row. The light is the
 * stream's truth (it turns red within the silence timeout of the server or the link going quiet); the lines never
 * claim freshness that is not there: "up to date" only while online with everything exchanged, otherwise the clock
 * time of the last full sync. What went wrong is said in a sentence (the tooltip, also read out as the accessible
 * name, and shown on keyboard focus); the protocol code stays in data-code.
 */
export function SyncLight(props: { state: SyncState; now: number; timeZone: string | undefined; onQuarantine(): void }) {
  const { t } = useTranslation();
  const { online, inSync, pending, lastSyncedAt, quarantined, error } = props.state;
  const problem = showsProblem(online, error?.code);
  const last = lastSyncedAt ? t('sync.lastSynced', { time: formatLastSynced(lastSyncedAt, props.now, props.timeZone) }) : t('sync.neverSynced');
  const upToDate = online && inSync && pending === 0;
  // At most two short lines beside the light, the most important first: a problem, refused work (it opens the
  // drawer), the work waiting, then how fresh the data is. What does not fit is in the details too.
  const lines = [
    problem && error ? (
      <span key="problem" data-testid="sync-error" data-code={error.code} style={{ color: PROBLEM, fontWeight: 700, display: 'inline-flex', alignItems: 'center', gap: 6 }}>
        <WarningIcon color={PROBLEM} markColor="#0b1f33" size={16} /> {t('sync.problem')}
      </span>
    ) : null,
    quarantined > 0 ? (
      <button
        key="refused"
        type="button"
        data-testid="sync-quarantined"
        onClick={props.onQuarantine}
        style={{ background: 'none', border: 'none', padding: 0, font: 'inherit', color: REFUSED, fontWeight: 700, textDecoration: 'underline', cursor: 'pointer', textAlign: 'left' }}
      >
        {t('sync.quarantined', { count: quarantined })}
      </button>
    ) : null,
    pending > 0 ? (
      <span key="pending" data-testid="sync-pending" data-count={pending} style={{ fontWeight: 700 }}>
        {t('sync.pending', { count: pending })}
      </span>
    ) : null,
    upToDate ? <span key="fresh" data-testid="sync-fresh">{t('sync.upToDate')}</span> : null,
    online && !error && !upToDate && pending === 0 ? <span key="fresh" data-testid="sync-fresh">{t('sync.syncing')}</span> : null,
    upToDate ? null : (
      <span key="last" data-testid="sync-last" data-at={lastSyncedAt ?? ''} style={{ opacity: 0.9 }}>
        {last}
      </span>
    ),
  ].filter((line) => line !== null).slice(0, 2);
  const details = [
    online ? t('sync.detailOnline') : t('sync.detailOffline'),
    error ? t(`sync.reason.${syncReason(error.code)}`) : null,
    pending > 0 ? t('sync.pending', { count: pending }) : null,
    quarantined > 0 ? t('sync.quarantined', { count: quarantined }) : null,
    lastSyncedAt ? t('sync.detailLastSynced', { time: formatStoreTime(lastSyncedAt, props.timeZone) }) : t('sync.neverSynced'),
  ].filter((line): line is string => line !== null);

  return (
    <Tooltip
      title={details.map((line) => <div key={line} style={{ marginBottom: 4 }}>{line}</div>)}
      trigger={['hover', 'focus']}
      placement="bottomRight"
      styles={{ root: { maxWidth: 460 }, container: { fontSize: 16, padding: '10px 14px' } }}
    >
      <div
        data-testid="sync-indicator"
        data-online={String(online)}
        data-pending={String(pending)}
        data-in-sync={String(upToDate)}
        data-problem={problem ? (error?.code ?? '') : ''}
        tabIndex={0}
        aria-label={details.join(' ')}
        style={{ display: 'flex', alignItems: 'center', gap: 8, whiteSpace: 'nowrap', cursor: 'default', flexShrink: 0 }}
      >
        <span
          data-testid="sync-light"
          style={{
            display: 'inline-flex', alignItems: 'center', gap: 7, padding: '4px 10px', borderRadius: 6, fontWeight: 700, fontSize: 17,
            color: '#fff', background: online ? ONLINE : OFFLINE,
          }}
        >
          <span aria-hidden style={{ width: 11, height: 11, borderRadius: 6, background: '#fff', opacity: online ? 1 : 0.6 }} />
          {online ? t('sync.online') : t('sync.offline')}
        </span>
        <span style={{ display: 'flex', flexDirection: 'column', lineHeight: 1.25, fontSize: 15 }}>{lines}</span>
      </div>
    </Tooltip>
  );
}
