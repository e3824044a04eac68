import { mustResyncWindow } from '../../model/window.js';
import { ProtocolError } from '../../protocol/errors.js';
import type { DeviceContext } from '../auth.js';
import type { Queryable } from '../db/index.js';

const DAY_MS = 86_400_000;
/** last_pulled_at is a day-scale fact: written at most this often, so a busy terminal's pulls stay reads. */
const NOTE_EVERY_MS = 60_000;

/**
 * A device away longer than its store's maxOfflineDays is told to sync its window again (WINDOW_EXPIRED): catching
 * up by checkpoint would replay every change since, and the evictions it missed are kept only that long. Its pushes
 * are still taken, so what it holds unsent goes first.
 */
export async function assertWithinOfflineLimit(q: Queryable, device: DeviceContext): Promise<void> {
  const last = device.lastPulledAt;
  // No store allows less than a day, so a device seen within one needs no look at its store.
  if (!last || Date.now() - last.getTime() < DAY_MS) return;
  const [row] = await q.query<{ max_offline_days: number }>('SELECT max_offline_days FROM stores WHERE id = $1', [device.storeId]);
  const days = row?.max_offline_days ?? 30;
  if (mustResyncWindow(last.getTime(), Date.now(), days)) {
    throw new ProtocolError('WINDOW_EXPIRED', `this terminal last synced on ${last.toISOString()}, more than ${days} days ago; it must sync its window again`, 410, {
      lastPulledAt: last.toISOString(),
      maxOfflineDays: days,
    });
  }
}

export async function notePulled(q: Queryable, device: DeviceContext): Promise<void> {
  const last = device.lastPulledAt;
  if (last && Date.now() - last.getTime() < NOTE_EVERY_MS) return;
  await q.query('UPDATE devices SET last_pulled_at = now() WHERE id = $1', [device.deviceId]);
}
