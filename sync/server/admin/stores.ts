/**
 * Store administration, one implementation for both doors: the Platform API's admin-token routes (routes/stores.ts)
 * and the console's admin pages (console-auth/admin-routes.ts).
 */
import { randomInt } from 'node:crypto';
import { DEFAULT_WINDOW, type WindowSettings } from '../../model/window.js';
import { DEFAULT_STORE_SETTINGS, type StoreDoc, type StoreSettings } from '../../model/store.js';
import { ProtocolError } from '../../protocol/errors.js';
import { normalizeEnrollmentCode, type EnrollmentCodeResponse, type StoreInput } from '../../protocol/platform.js';
import type { ConsoleStore } from '../../protocol/console.js';
import { sha256 } from '../auth.js';
import type { Db, Queryable } from '../db/index.js';
import { jsonEqual } from '../equal.js';
import { announce, StoreTx } from '../store/store-tx.js';
import { publishedPassKeys } from '../pickup/keys.js';

export const DEFAULT_CODE_TTL_MINUTES = 60;
// No I, L, O, U: a code read out over the phone must not be mistyped.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTVWXYZ0123456789';

/** 12 symbols of 32 = 60 bits, shown as XXXX-XXXX-XXXX. Short-lived and single-use, so that is plenty. */
export function newEnrollmentCode(): string {
  let raw = '';
  for (let i = 0; i < 12; i++) raw += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
}

/** Case and separators do not matter when a person types the code. */
export function hashEnrollmentCode(code: string): string {
  return sha256(normalizeEnrollmentCode(code));
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch (err) {
    if (err instanceof RangeError) return false;
    throw err;
  }
}

/** upsert: the Platform API's POST /stores. create: refused with CONFLICT if it exists. update: UNKNOWN_STORE if not. */
export type StoreWriteMode = 'upsert' | 'create' | 'update';

/**
 * Upserts the store's row and, in the same transaction, the `stores` document its terminals sync: name, time zone
 * and settings. Settings sent are merged over the current ones, so changing one does not reset the others.
 * `onWritten` runs in the transaction (the console's audit entry).
 */
export async function writeStore(
  db: Db,
  s: StoreInput,
  mode: StoreWriteMode = 'upsert',
  onWritten?: (q: Queryable, created: boolean) => Promise<void>,
): Promise<{ created: boolean; settings: StoreSettings; window: WindowSettings }> {
  if (!isTimeZone(s.timezone)) {
    throw new ProtocolError('VALIDATION_FAILED', `body/timezone "${s.timezone}" is not an IANA time zone`, 400, { path: 'body/timezone' });
  }
  let position: number | undefined;
  const result = await db.tx(async (q) => {
    if (mode !== 'upsert') {
      const [existing] = await q.query('SELECT 1 FROM stores WHERE id = $1 FOR UPDATE', [s.id]);
      if (mode === 'create' && existing) throw new ProtocolError('CONFLICT', `store "${s.id}" already exists`, 409, { storeId: s.id });
      if (mode === 'update' && !existing) throw new ProtocolError('UNKNOWN_STORE', `store "${s.id}" does not exist`, 404, { storeId: s.id });
    }
    const [row] = await q.query<{ created: boolean; history_days: number; max_offline_days: number }>(
      `INSERT INTO stores (id, name, timezone, lat, lon, service_radius_km, history_days, max_offline_days)
       VALUES ($1, $2, $3, $4, $5, $6, COALESCE($7, ${DEFAULT_WINDOW.historyDays}), COALESCE($8, ${DEFAULT_WINDOW.maxOfflineDays}))
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, timezone = EXCLUDED.timezone, lat = EXCLUDED.lat,
         lon = EXCLUDED.lon, service_radius_km = EXCLUDED.service_radius_km,
         history_days = COALESCE($7, stores.history_days), max_offline_days = COALESCE($8, stores.max_offline_days), updated_at = now()
       RETURNING (xmax = 0) AS created, history_days, max_offline_days`,
      [s.id, s.name, s.timezone, s.location?.lat ?? null, s.location?.lon ?? null, s.serviceRadiusKm ?? null, s.window?.historyDays ?? null, s.window?.maxOfflineDays ?? null],
    );
    const st = await StoreTx.open(q, s.id);
    const old = await st.get('stores', s.id);
    const current = old && !old.deleted ? (old.data as unknown as StoreDoc).settings : DEFAULT_STORE_SETTINGS;
    const now = new Date().toISOString();
    // The centre's public pass keys ride on the document (pickup/publish.ts): public halves only.
    const passKeys = await publishedPassKeys(q);
    const doc: StoreDoc = { storeId: s.id, name: s.name, timezone: s.timezone, settings: { ...current, ...s.settings }, passKeys, updatedAt: now };
    if (!old || old.deleted || !jsonEqual({ ...old.data, updatedAt: now }, doc)) await st.put('stores', s.id, doc);
    position = st.writtenPosition;
    const window = { historyDays: row?.history_days ?? DEFAULT_WINDOW.historyDays, maxOfflineDays: row?.max_offline_days ?? DEFAULT_WINDOW.maxOfflineDays };
    const created = row?.created === true;
    await onWritten?.(q, created);
    return { created, settings: doc.settings, window };
  });
  if (position !== undefined) await announce(db, s.id, position);
  return result;
}

/** A single-use code a terminal enrolls with; only its hash is kept. `onIssued` runs in the same transaction. */
export async function issueEnrollmentCode(
  db: Db,
  storeId: string,
  ttlMinutes = DEFAULT_CODE_TTL_MINUTES,
  onIssued?: (q: Queryable, expiresAt: Date) => Promise<void>,
): Promise<EnrollmentCodeResponse> {
  const code = newEnrollmentCode();
  const expiresAt = new Date(Date.now() + ttlMinutes * 60_000);
  await db.tx(async (q) => {
    const rows = await q.query(
      `INSERT INTO enrollment_codes (code_hash, store_id, expires_at)
       SELECT $1, id, $3 FROM stores WHERE id = $2 RETURNING store_id`,
      [hashEnrollmentCode(code), storeId, expiresAt.toISOString()],
    );
    if (rows.length === 0) throw new ProtocolError('UNKNOWN_STORE', `store "${storeId}" does not exist`, 404, { storeId });
    await onIssued?.(q, expiresAt);
  });
  return { code, expiresAt: expiresAt.toISOString() };
}

interface StoreListRow {
  id: string;
  name: string;
  timezone: string;
  lat: number | null;
  lon: number | null;
  service_radius_km: number | null;
  history_days: number;
  max_offline_days: number;
  created_at: Date | string;
  updated_at: Date | string;
  settings: StoreSettings | null;
  active_devices: string | number;
}

/** Every store (or those named), with its terminal settings and how many devices are enrolled and not revoked. */
export async function listStores(q: Queryable, only?: readonly string[]): Promise<ConsoleStore[]> {
  const rows = await q.query<StoreListRow>(
    `SELECT s.id, s.name, s.timezone, s.lat, s.lon, s.service_radius_km, s.history_days, s.max_offline_days, s.created_at, s.updated_at,
       d.data->'settings' AS settings,
       (SELECT count(*) FROM devices v WHERE v.store_id = s.id AND v.revoked_at IS NULL) AS active_devices
     FROM stores s LEFT JOIN docs d ON d.store_id = s.id AND d.collection = 'stores' AND d.id = s.id AND NOT d.deleted
     WHERE $1::text[] IS NULL OR s.id = ANY($1::text[])
     ORDER BY s.id`,
    [only ? [...only] : null],
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    timezone: r.timezone,
    ...(r.lat !== null && r.lon !== null ? { location: { lat: r.lat, lon: r.lon } } : {}),
    ...(r.service_radius_km !== null ? { serviceRadiusKm: r.service_radius_km } : {}),
    settings: { ...DEFAULT_STORE_SETTINGS, ...r.settings },
    window: { historyDays: r.history_days, maxOfflineDays: r.max_offline_days },
    activeDevices: Number(r.active_devices),
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  }));
}
