import { create } from 'zustand';
import { SyncHttp, isRecord } from '../../sync/client/http.js';
import { syncRoutes, type DeviceInfo } from '../../sync/protocol/sync.js';
import type { SyncCredential } from '../../main/contract.js';

/**
 * The store's time zone comes from the server (whoami) and is remembered per device, so a terminal that
 * starts offline still shows times in the store's zone. Until it is known, the system zone is used.
 */
const cacheKey = (deviceId: string) => `store-ops:time-zone:${deviceId}`;

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch (err) {
    console.warn(`ignoring time zone "${zone}":`, err);
    return false;
  }
}

function isDeviceInfo(v: unknown): v is DeviceInfo {
  return isRecord(v) && typeof v.timezone === 'string' && typeof v.storeId === 'string' && typeof v.deviceId === 'string';
}

export const useStoreTimeZone = create<{ timeZone: string | undefined }>()(() => ({ timeZone: undefined }));

export function cachedTimeZone(deviceId: string): string | undefined {
  const zone = localStorage.getItem(cacheKey(deviceId));
  return zone && isValidTimeZone(zone) ? zone : undefined;
}

/** Seeds from the cache, then asks the server once; a failure (offline) keeps the cached zone. */
export async function refreshStoreTimeZone(credential: SyncCredential): Promise<void> {
  useStoreTimeZone.setState({ timeZone: cachedTimeZone(credential.deviceId) });
  try {
    const info = await new SyncHttp({ serverUrl: credential.serverUrl, token: credential.token, timeoutMs: 10_000 }).get(
      syncRoutes.whoami(),
      isDeviceInfo,
    );
    if (!isValidTimeZone(info.timezone)) return;
    localStorage.setItem(cacheKey(credential.deviceId), info.timezone);
    useStoreTimeZone.setState({ timeZone: info.timezone });
  } catch (err) {
    console.warn('store time zone not refreshed; using the cached or system zone', err);
  }
}
