import { useTranslation } from 'react-i18next';
import { map } from 'rxjs';
import { useSession } from '../../ui/session.js';
import { useObservable } from '../../ui/use-observable.js';
import { formatStoreTime } from '../../ui/format.js';
import { useDeviceLabel } from '../../ui/device-label.js';
import { useStoreTimeZone } from '../../ui/store-time-zone.js';

/**
 * Orders given out twice: two terminals released the same pass while offline, and the centre flagged it on the pass
 * document when both synced (docs/ARCHITECTURE.md, "Pickup passes"). Shown at the top of the Lockers screen until the
 * order leaves the terminal's window, for a manager to settle with the customer.
 */
export function DoubleReleases() {
  const { db } = useSession();
  const { t } = useTranslation();
  const deviceLabel = useDeviceLabel();
  const timeZone = useStoreTimeZone((s) => s.timeZone);
  const flagged = useObservable(() => db.pickup_passes.find().$.pipe(map((docs) => docs.map((d) => d.toJSON()).filter((p) => p.doubleRelease))), [db]);
  if (flagged.status !== 'ready' || flagged.value.length === 0) return null;
  return (
    <section data-testid="double-releases" role="alert" style={{ padding: '12px 16px', background: '#fff1f0', border: '2px solid #c4161c', borderRadius: 6 }}>
      <h2 style={{ margin: 0, fontSize: 22, color: '#c4161c' }}>{t('pickup.double.title', { count: flagged.value.length })}</h2>
      <ul style={{ margin: '8px 0 0', paddingLeft: 22, fontSize: 18 }}>
        {flagged.value.map((p) => (
          <li key={p.orderId} data-testid="double-release" data-order-id={p.orderId}>
            {t('pickup.double.order', { orderId: p.orderId })}:{' '}
            {(p.doubleRelease?.releases ?? []).map((r) => (
              <span key={r.eventId} style={{ marginRight: 16 }}>{formatStoreTime(r.at, timeZone)} · {deviceLabel(r.deviceId)}</span>
            ))}
          </li>
        ))}
      </ul>
      <div style={{ fontSize: 16, marginTop: 6 }}>{t('pickup.double.hint')}</div>
    </section>
  );
}
