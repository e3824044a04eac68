import { DEFAULT_WINDOW, type WindowSettings } from '../../model/window.js';
import { randomInt } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { DEFAULT_STORE_SETTINGS, type StoreDoc, type StoreSettings } from '../../model/store.js';
import { ProtocolError } from '../../protocol/errors.js';
import {
  normalizeEnrollmentCode,
  enrollmentCodeRequestSchema,
  storeInputSchema,
  storeResponseSchema,
  enrollmentCodeResponseSchema,
  type EnrollmentCodeResponse,
  type StoreInput,
} from '../../protocol/platform.js';
import { requireSecret, sha256 } from '../auth.js';
import type { ServerContext } from '../context.js';
import { jsonEqual } from '../equal.js';
import { announce, StoreTx } from '../store/store-tx.js';
import { emptyBodyAsObject } from '../validation.js';
import { publishedPassKeys } from '../pickup/keys.js';
import { describe } from '../openapi/describe.js';

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

/**
 * Upserts the store's row and, in the same transaction, the `stores` document its terminals sync: name, time zone
 * and settings. Settings sent are merged over the current ones, so changing one does not reset the others.
 */
async function writeStoreRow(ctx: ServerContext, s: StoreInput): Promise<{ created: boolean; settings: StoreSettings; window: WindowSettings }> {
  let position: number | undefined;
  const result = await ctx.db.tx(async (q) => {
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
    return { created: row?.created === true, settings: doc.settings, window };
  });
  if (position !== undefined) await announce(ctx.db, s.id, position);
  return result;
}

export async function storesRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const admin = async (req: Parameters<typeof requireSecret>[0]) => requireSecret(req, ctx.adminToken, 'admin token');

  app.post<{ Body: StoreInput }>('/stores', {
    onRequest: admin,
    schema: describe({
      operationId: 'upsertStore',
      tags: ['stores'],
      summary: 'Create or update a store (admin)',
      access: 'admin',
      body: storeInputSchema,
      bodyExamples: [{ id: 'store-1', name: 'Riverside', timezone: 'Europe/Berlin', location: { lat: 52.52, lon: 13.4 }, serviceRadiusKm: 5 }],
      responses: { 200: { description: 'Updated', ...storeResponseSchema }, 201: { description: 'Created', ...storeResponseSchema } },
    }),
  }, async (req, reply) => {
    const s = req.body;
    if (!isTimeZone(s.timezone)) {
      throw new ProtocolError('VALIDATION_FAILED', `body/timezone "${s.timezone}" is not an IANA time zone`, 400, { path: 'body/timezone' });
    }
    const { created, settings, window } = await writeStoreRow(ctx, s);
    return reply.status(created ? 201 : 200).send({ ...s, settings, window });
  });

  app.post<{ Params: { storeId: string }; Body: { ttlMinutes?: number } | undefined }>('/stores/:storeId/enrollment-codes', {
    onRequest: admin,
    preValidation: emptyBodyAsObject,
    schema: describe({
      operationId: 'issueEnrollmentCode',
      tags: ['devices'],
      summary: 'Issue a single-use enrollment code for a store (admin)',
      access: 'admin',
      params: { type: 'object', properties: { storeId: { type: 'string', maxLength: 32 } }, required: ['storeId'] },
      body: enrollmentCodeRequestSchema,
      bodyOptional: true,
      bodyExamples: [{ ttlMinutes: 60 }],
      responses: { 201: { description: 'The code, shown once', ...enrollmentCodeResponseSchema } },
      errors: { 404: ['UNKNOWN_STORE'] },
    }),
  }, async (req, reply) => {
    const { storeId } = req.params;
    const ttl = req.body?.ttlMinutes ?? DEFAULT_CODE_TTL_MINUTES;
    const code = newEnrollmentCode();
    const expiresAt = new Date(Date.now() + ttl * 60_000);
    const rows = await ctx.db.query(
      `INSERT INTO enrollment_codes (code_hash, store_id, expires_at)
       SELECT $1, id, $3 FROM stores WHERE id = $2 RETURNING store_id`,
      [hashEnrollmentCode(code), storeId, expiresAt.toISOString()],
    );
    if (rows.length === 0) throw new ProtocolError('UNKNOWN_STORE', `store "${storeId}" does not exist`, 404, { storeId });
    const body: EnrollmentCodeResponse = { code, expiresAt: expiresAt.toISOString() };
    return reply.status(201).send(body);
  });
}
