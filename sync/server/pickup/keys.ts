import { randomBytes } from 'node:crypto';
import { ed25519 } from '@noble/curves/ed25519.js';
import { fromBase64Url, toBase64Url } from '../../model/base64url.js';
import type { PassPublicKey } from '../../model/pickup-pass.js';
import { ProtocolError } from '../../protocol/errors.js';
import type { Db, Queryable } from '../db/index.js';

/**
 * The centre's pass-signing keys. By default the key pair is made at the server's first start and kept in the
 * database, so every instance on one database signs with it. Given by configuration instead (PICKUP_PASS_SIGNING_KEY
 * = "<keyId>:<base64url 32-byte seed>", the same on every instance), only its public half is stored. Rotation makes
 * a new key current; the old one signs nothing more (its private half is erased) and its public half stays on the
 * stores document until the last pass it may have signed expires (valid_until).
 */
export const PICKUP_KEY_ENV = 'PICKUP_PASS_SIGNING_KEY';

export interface ConfiguredKey {
  keyId: string;
  secretKey: Uint8Array;
}

export interface SigningKey extends ConfiguredKey {
  publicKey: string;
}

const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;
/** Serializes key set-up and rotation across instances sharing one PostgreSQL. */
const PICKUP_KEYS_LOCK = 727_274_008;

export function parseConfiguredKey(text: string): ConfiguredKey {
  const [keyId, seed, ...rest] = text.trim().split(':');
  const secretKey = seed === undefined ? undefined : fromBase64Url(seed);
  if (rest.length > 0 || !keyId || !KEY_ID.test(keyId) || !secretKey || secretKey.length !== 32) {
    throw new Error(`${PICKUP_KEY_ENV} must be "<keyId>:<base64url of 32 random bytes>" (keyId of letters, digits, . _ -)`);
  }
  return { keyId, secretKey };
}

/** A fresh key in the configuration's format (scripts and the README print one). */
export function newConfiguredKey(keyId = newKeyId()): string {
  return `${keyId}:${toBase64Url(ed25519.utils.randomSecretKey())}`;
}

function newKeyId(): string {
  return `k${new Date().toISOString().slice(0, 10).replaceAll('-', '')}-${randomBytes(4).toString('hex')}`;
}

const publicOf = (secretKey: Uint8Array): string => toBase64Url(ed25519.getPublicKey(secretKey));

/**
 * Retires the current key: it signs nothing more, and stays published until the latest expiry of the passes alive
 * now (a GET may have signed any of them with it), or until now when there are none.
 */
async function retireCurrent(q: Queryable): Promise<void> {
  await q.query(
    `UPDATE pickup_keys SET retired_at = now(), private_key = NULL,
       valid_until = GREATEST(now(), (SELECT max((data->>'expiresAt')::timestamptz) FROM docs WHERE collection = 'pickup_passes' AND NOT deleted))
     WHERE retired_at IS NULL`,
  );
}

async function insertKey(q: Queryable, keyId: string, secretKey: Uint8Array, keepPrivate: boolean): Promise<void> {
  await q.query('INSERT INTO pickup_keys (key_id, public_key, private_key) VALUES ($1, $2, $3)', [keyId, publicOf(secretKey), keepPrivate ? toBase64Url(secretKey) : null]);
}

/**
 * At start: the code secret and a current key exist (made now on a first start), or the configured key is made
 * current. A configured key that was retired is refused: an instance left on an old configuration must not bring it
 * back while the others moved on.
 */
export async function ensurePassKeys(db: Db, configured: ConfiguredKey | undefined): Promise<void> {
  await db.tx(async (q) => {
    await q.query('SELECT pg_advisory_xact_lock($1)', [PICKUP_KEYS_LOCK]);
    await q.query(`INSERT INTO pickup_secrets (name, value) VALUES ('code_hmac', $1) ON CONFLICT (name) DO NOTHING`, [randomBytes(32).toString('base64url')]);
    const [current] = await q.query<{ key_id: string }>('SELECT key_id FROM pickup_keys WHERE retired_at IS NULL');
    if (!configured) {
      if (!current) await insertKey(q, newKeyId(), ed25519.utils.randomSecretKey(), true);
      return;
    }
    if (current?.key_id === configured.keyId) return;
    const [known] = await q.query<{ public_key: string }>('SELECT public_key FROM pickup_keys WHERE key_id = $1', [configured.keyId]);
    if (known) throw new Error(`${PICKUP_KEY_ENV} names key "${configured.keyId}", which was retired; configure the current key or a new one`);
    await retireCurrent(q);
    await insertKey(q, configured.keyId, configured.secretKey, false);
  });
}

/** Makes a new key current (admin). With a configured key, rotation is a change of configuration instead. */
export async function rotatePassKey(db: Db, configured: ConfiguredKey | undefined): Promise<string> {
  if (configured) throw new ProtocolError('CONFLICT', `pass keys come from ${PICKUP_KEY_ENV}: rotate by configuring a new key on every instance`, 409);
  return db.tx(async (q) => {
    await q.query('SELECT pg_advisory_xact_lock($1)', [PICKUP_KEYS_LOCK]);
    await retireCurrent(q);
    const keyId = newKeyId();
    await insertKey(q, keyId, ed25519.utils.randomSecretKey(), true);
    return keyId;
  });
}

/** The key that signs now, read each time so a rotation by another instance takes effect at once. */
export async function currentSigningKey(q: Queryable, configured: ConfiguredKey | undefined): Promise<SigningKey> {
  const [row] = await q.query<{ key_id: string; public_key: string; private_key: string | null }>(
    'SELECT key_id, public_key, private_key FROM pickup_keys WHERE retired_at IS NULL',
  );
  if (!row) throw new Error('no current pickup pass key: ensurePassKeys runs at start');
  const secretKey = row.private_key !== null ? fromBase64Url(row.private_key) : configured?.keyId === row.key_id ? configured.secretKey : undefined;
  if (!secretKey) throw new ProtocolError('INTERNAL', `this instance does not hold the private half of pass key "${row.key_id}"`, 500);
  return { keyId: row.key_id, secretKey, publicKey: row.public_key };
}

/** The public keys terminals need: the current one and the retired ones whose passes may still be valid. */
export async function publishedPassKeys(q: Queryable): Promise<PassPublicKey[]> {
  const rows = await q.query<{ key_id: string; public_key: string; valid_until: Date | string | null; retired_at: Date | string | null }>(
    `SELECT key_id, public_key, valid_until, retired_at FROM pickup_keys
     WHERE retired_at IS NULL OR valid_until > now() ORDER BY created_at, key_id`,
  );
  return rows.map((r) => ({
    keyId: r.key_id,
    publicKey: r.public_key,
    ...(r.retired_at !== null && r.valid_until !== null ? { validUntil: new Date(r.valid_until).toISOString() } : {}),
  }));
}

/** The server-only secret each pass's code is derived from. */
export async function codeSecret(q: Queryable): Promise<Buffer> {
  const [row] = await q.query<{ value: string }>(`SELECT value FROM pickup_secrets WHERE name = 'code_hmac'`);
  if (!row) throw new Error('no pickup code secret: ensurePassKeys runs at start');
  return Buffer.from(row.value, 'base64url');
}
