import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { JsonSchema } from '../model/json-schema.js';
import { API_BASE, type PlatformEvent } from './platform.js';

/**
 * Signed webhooks of the Platform API (docs/ARCHITECTURE.md, "Webhooks"). What a receiver needs is here, pure, so
 * a platform written in TypeScript can verify a callback with the same function the tests use.
 */

/**
 * The event types a webhook can subscribe to. Additive: a new type (a refund, a day close) is appended, and a
 * webhook only ever receives the types it named.
 * - `order.status_changed`: an entry of GET /events (the derived status or the return flag moved), with the handover
 *   fact and the payment taken where there was one.
 * - `order.pickup_reminded`: the centre's reminder that a ready pickup order was not collected (GET /events entry
 *   with `fact: pickup_reminded`).
 * - `pickup_pass.issued`: a pickup order has a new pass for its customer (GET /events entry with
 *   `fact: pickup_pass_issued`); the code and QR are fetched with GET /orders/{id}/pickup-pass, never sent here.
 */
export const WEBHOOK_EVENT_TYPES = ['order.status_changed', 'order.pickup_reminded', 'pickup_pass.issued'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Header names, as sent (HTTP header names are case-insensitive; Node hands them over in lower case). */
export const WEBHOOK_HEADERS = {
  /** The event's id: the same on every retry and replay of it, so a receiver can drop a duplicate. */
  id: 'StoreOps-Webhook-Id',
  /** Seconds since the epoch when this attempt was signed. */
  timestamp: 'StoreOps-Timestamp',
  /** `v1=<hex HMAC-SHA256(secret, timestamp + "." + body)>`; several comma-separated while a secret is rotated. */
  signature: 'StoreOps-Signature',
} as const;

/** A secret shorter than this is refused at registration: it must not be guessable from a signed body. */
export const MIN_WEBHOOK_SECRET_LENGTH = 32;

/** What a receiver is told, as the JSON body of the POST. */
export interface WebhookDelivery {
  /** The event's id (also the StoreOps-Webhook-Id header). */
  id: string;
  type: WebhookEventType;
  /** The feed position of the event (GET /events cursor): replay starts from one. */
  cursor: string;
  /** For `order.*` types: the feed entry, as GET /events serves it. */
  data: PlatformEvent;
}

export const webhookRoutes = {
  webhooks: `${API_BASE}/webhooks`,
  webhook: (id: string) => `${API_BASE}/webhooks/${encodeURIComponent(id)}`,
  deliveries: (id: string) => `${API_BASE}/webhooks/${encodeURIComponent(id)}/deliveries`,
  replay: (id: string) => `${API_BASE}/webhooks/${encodeURIComponent(id)}/replay`,
} as const;

// ---- signing and verification -----------------------------------------------------------------------------

/** The hex HMAC-SHA256 of `timestamp + "." + body` under the secret (both as UTF-8). */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return bytesToHex(hmac(sha256, utf8ToBytes(secret), utf8ToBytes(`${timestamp}.${body}`)));
}

/** The StoreOps-Signature header for one attempt. */
export function signatureHeader(secret: string, timestamp: string, body: string): string {
  return `v1=${webhookSignature(secret, timestamp, body)}`;
}

export type SignatureCheck =
  | { ok: true }
  /** MALFORMED: no v1 signature or no numeric timestamp; STALE: the timestamp is outside the tolerance (a replayed capture); BAD_SIGNATURE: no v1 signature matches. */
  | { ok: false; reason: 'MALFORMED' | 'STALE' | 'BAD_SIGNATURE' };

/**
 * What a receiver runs on each callback, with the raw body exactly as received (re-serialised JSON would not
 * match). The timestamp must be within toleranceSeconds of now either way, so a captured callback cannot be
 * replayed later; each `v1=` value in the header is tried (a rotation sends one per secret).
 */
export function verifySignature(secret: string, timestamp: string, body: string, header: string, now: Date, toleranceSeconds = 300): SignatureCheck {
  if (!/^[0-9]{1,12}$/.test(timestamp)) return { ok: false, reason: 'MALFORMED' };
  const given = header.split(',').map((p) => p.trim()).filter((p) => p.startsWith('v1=')).map((p) => p.slice(3).toLowerCase());
  if (given.length === 0 || given.some((g) => !/^[0-9a-f]{64}$/.test(g))) return { ok: false, reason: 'MALFORMED' };
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > toleranceSeconds) return { ok: false, reason: 'STALE' };
  const expected = webhookSignature(secret, timestamp, body);
  return given.some((g) => sameHex(g, expected)) ? { ok: true } : { ok: false, reason: 'BAD_SIGNATURE' };
}

/** Compares without stopping at the first difference, so the time taken does not tell how much of a guess was right. */
function sameHex(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

// ---- registration API -------------------------------------------------------------------------------------

export interface WebhookInput {
  url: string;
  events: WebhookEventType[];
  secret: string;
}

export interface WebhookView {
  id: string;
  url: string;
  events: WebhookEventType[];
  createdAt: string;
  /** Deliveries queued and not yet accepted by the receiver. */
  pending: number;
}

export interface WebhookListResponse {
  webhooks: WebhookView[];
}

export interface WebhookDeliveryView {
  cursor: string;
  type: WebhookEventType;
  /** The order the event is about: deliveries of one order go out one at a time, in cursor order. */
  orderId: string;
  state: 'pending' | 'delivered';
  attempts: number;
  /** The receiver's HTTP status on the last attempt; absent when it never answered (refused, timed out). */
  lastStatusCode?: number;
  lastError?: string;
  lastAttemptAt?: string;
  /** When a pending delivery is tried next. */
  nextAttemptAt?: string;
  deliveredAt?: string;
}

export interface WebhookDeliveriesResponse {
  deliveries: WebhookDeliveryView[];
  /** Pass as ?after= to read on. */
  cursor: string;
}

export interface WebhookReplayInput {
  /** The first feed position delivered again (inclusive). */
  fromCursor: string;
}

export interface WebhookReplayResponse {
  /** Events queued again for this webhook. */
  queued: number;
}

const cursorString = { type: 'string', pattern: '^[0-9]{1,15}$' } as const;
const eventTypes = { type: 'array', minItems: 1, maxItems: WEBHOOK_EVENT_TYPES.length, uniqueItems: true, items: { type: 'string', enum: WEBHOOK_EVENT_TYPES } } as const;

export const webhookInputSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    url: { type: 'string', minLength: 8, maxLength: 2048, pattern: '^[Hh][Tt][Tt][Pp][Ss]?://', description: 'http or https; receives a signed POST per event' },
    events: eventTypes,
    secret: { type: 'string', minLength: MIN_WEBHOOK_SECRET_LENGTH, maxLength: 256, description: 'HMAC-SHA256 key of the StoreOps-Signature header; never served back' },
  },
  required: ['url', 'events', 'secret'],
} as const satisfies JsonSchema;

export const webhookViewSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    url: { type: 'string' },
    events: eventTypes,
    createdAt: { type: 'string', format: 'date-time' },
    pending: { type: 'integer', minimum: 0 },
  },
  required: ['id', 'url', 'events', 'createdAt', 'pending'],
} as const satisfies JsonSchema;

export const webhookListResponseSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { webhooks: { type: 'array', items: webhookViewSchema } },
  required: ['webhooks'],
} as const satisfies JsonSchema;

export const webhookDeliveriesResponseSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    deliveries: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          cursor: cursorString,
          type: { type: 'string', enum: WEBHOOK_EVENT_TYPES },
          orderId: { type: 'string' },
          state: { type: 'string', enum: ['pending', 'delivered'] },
          attempts: { type: 'integer', minimum: 0 },
          lastStatusCode: { type: 'integer' },
          lastError: { type: 'string' },
          lastAttemptAt: { type: 'string', format: 'date-time' },
          nextAttemptAt: { type: 'string', format: 'date-time' },
          deliveredAt: { type: 'string', format: 'date-time' },
        },
        required: ['cursor', 'type', 'orderId', 'state', 'attempts'],
      },
    },
    cursor: cursorString,
  },
  required: ['deliveries', 'cursor'],
} as const satisfies JsonSchema;

export const webhookReplayInputSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { fromCursor: cursorString },
  required: ['fromCursor'],
} as const satisfies JsonSchema;

export const webhookReplayResponseSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { queued: { type: 'integer', minimum: 0 } },
  required: ['queued'],
} as const satisfies JsonSchema;
