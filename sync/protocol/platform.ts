import type { JsonSchema } from '../model/json-schema.js';
import {
  addressSchema,
  customerSchema,
  fulfilmentSchema,
  orderIdSchema,
  orderLinesSchema,
  paymentSchema,
  orderSchema,
  type Order,
} from '../model/order.js';
import { ORDER_STATUSES, type OrderStatus, type HistoryEntry } from '../model/status.js';
import { productFieldSchemas, type ProductLocation } from '../model/product.js';
import { isoTime, storeIdSchema } from '../model/common.js';
import { operatorSchema } from '../model/operator.js';
import type { Role } from '../model/permissions.js';
import { PIN_PATTERN } from '../model/pin.js';
import { storeSettingsSchema, type StoreSettings } from '../model/store.js';
import { passCompartmentSchema } from '../model/pickup-pass-doc.js';
import type { PassCompartment } from '../model/pickup-pass.js';
import { MAX_HISTORY_DAYS, MAX_OFFLINE_DAYS, type WindowSettings } from '../model/window.js';
import { errorBodySchema, type ErrorBody } from './errors.js';

/** Platform API v1 base path. Bearer auth: ADMIN_TOKEN for stores and devices, PLATFORM_API_KEY for catalogue and orders. */
export const API_BASE = '/api/v1';

export const apiRoutes = {
  stores: `${API_BASE}/stores`,
  enrollmentCodes: (storeId: string) => `${API_BASE}/stores/${encodeURIComponent(storeId)}/enrollment-codes`,
  windowSweep: (storeId: string) => `${API_BASE}/stores/${encodeURIComponent(storeId)}/window-sweep`,
  enroll: `${API_BASE}/devices/enroll`,
  revokeDevice: (deviceId: string) => `${API_BASE}/devices/${encodeURIComponent(deviceId)}/revoke`,
  operators: (storeId: string) => `${API_BASE}/stores/${encodeURIComponent(storeId)}/operators`,
  products: (storeId: string) => `${API_BASE}/stores/${encodeURIComponent(storeId)}/products`,
  orders: `${API_BASE}/orders`,
  ordersBatch: `${API_BASE}/orders/batch`,
  order: (id: string) => `${API_BASE}/orders/${encodeURIComponent(id)}`,
  cancel: (id: string) => `${API_BASE}/orders/${encodeURIComponent(id)}/cancel`,
  refunds: (id: string) => `${API_BASE}/orders/${encodeURIComponent(id)}/refunds`,
  bills: `${API_BASE}/bills`,
  pickupPass: (id: string) => `${API_BASE}/orders/${encodeURIComponent(id)}/pickup-pass`,
  rotatePickupKey: `${API_BASE}/pickup-keys/rotate`,
  events: `${API_BASE}/events`,
  pickupReminders: (storeId: string) => `${API_BASE}/stores/${encodeURIComponent(storeId)}/pickup-reminders`,
  storeStock: (storeId: string) => `${API_BASE}/stores/${encodeURIComponent(storeId)}/stock`,
  stock: `${API_BASE}/stock`,
  openapi: '/openapi.json',
} as const;

export interface StoreInput {
  id: string;
  name: string;
  timezone: string;
  location?: { lat: number; lon: number };
  serviceRadiusKm?: number;
  /** Terminal settings to change; the rest keep their current values (DEFAULT_STORE_SETTINGS for a new store). */
  settings?: Partial<StoreSettings>;
  /** What the store's terminals hold (sync/model/window.ts); unsent values keep their current ones (DEFAULT_WINDOW). */
  window?: Partial<WindowSettings>;
}

export const storeInputSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    id: storeIdSchema,
    name: { type: 'string', minLength: 1, maxLength: 100 },
    timezone: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z_]+(/[A-Za-z0-9_+-]+)*$' },
    location: {
      type: 'object',
      additionalProperties: false,
      properties: { lat: { type: 'number', minimum: -90, maximum: 90 }, lon: { type: 'number', minimum: -180, maximum: 180 } },
      required: ['lat', 'lon'],
    },
    serviceRadiusKm: { type: 'number', minimum: 0, maximum: 500 },
    settings: { type: 'object', additionalProperties: false, properties: storeSettingsSchema.properties },
    window: {
      type: 'object',
      additionalProperties: false,
      properties: {
        // 0 keeps only open orders on the terminals.
        historyDays: { type: 'integer', minimum: 0, maximum: MAX_HISTORY_DAYS },
        maxOfflineDays: { type: 'integer', minimum: 1, maximum: MAX_OFFLINE_DAYS },
      },
    },
  },
  required: ['id', 'name', 'timezone'],
} as const satisfies JsonSchema;

/** POST /stores/{storeId}/pickup-reminders (admin): the reminders the sweep put on the feed now (none twice). */
export interface PickupRemindersResponse {
  storeId: string;
  reminded: Array<{ orderId: string; remindAt: string; expiresAt: string }>;
}

/** What a window sweep moved out of the store's terminals (nothing is deleted at the centre). */
export interface WindowSweepResponse {
  storeId: string;
  orders: number;
  events: number;
  moves: number;
  ms: number;
}

export interface EnrollmentCodeResponse {
  code: string;
  expiresAt: string;
}

export const enrollmentCodeRequestSchema = {
  type: 'object',
  additionalProperties: false,
  // Codes are short-lived (design §5): a day at most, so a code found on a sticky note is soon worthless.
  properties: { ttlMinutes: { type: 'integer', minimum: 1, maximum: 24 * 60 } },
} as const satisfies JsonSchema;

/** Case and separators do not matter when a person types an enrollment code; both sides compare this form. */
export function normalizeEnrollmentCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

export interface EnrollRequest {
  code: string;
  name: string;
}

export interface EnrollResponse {
  deviceId: string;
  storeId: string;
  /** The device token: every sync request carries it. The terminal's renderer holds it. */
  token: string;
  /**
   * The device's main key: only the terminal's main side holds it, and only it fetches the operators' PIN
   * verifiers with it (sync/protocol/pins.ts).
   */
  mainKey: string;
}

export const enrollRequestSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    code: { type: 'string', minLength: 4, maxLength: 64 },
    name: { type: 'string', minLength: 1, maxLength: 64 },
  },
  required: ['code', 'name'],
} as const satisfies JsonSchema;

/** A member of a store's staff as the admin sends it. The PIN travels only here; the server keeps a slow hash. */
export interface OperatorInput {
  id: string;
  name: string;
  roles: Role[];
  /**
   * 4 to 8 digits; a manager's at least 6 (MANAGER_PIN_MIN_DIGITS). Absent: the operator keeps their current PIN
   * (or has none yet); a manager's current PIN must then be one known to have 6 digits or more.
   */
  pin?: string;
  badge?: string;
  active: boolean;
}

export const operatorInputSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    id: operatorSchema.properties.id,
    name: operatorSchema.properties.name,
    roles: operatorSchema.properties.roles,
    pin: { type: 'string', pattern: PIN_PATTERN.source },
    badge: operatorSchema.properties.badge,
    active: operatorSchema.properties.active,
  },
  required: ['id', 'name', 'roles', 'active'],
} as const satisfies JsonSchema;

export const MAX_OPERATORS_PER_PUT = 500;
export const operatorsInputSchema = {
  type: 'array',
  minItems: 1,
  maxItems: MAX_OPERATORS_PER_PUT,
  items: operatorInputSchema,
} as const satisfies JsonSchema;

export interface ProductInput {
  sku: string;
  name: string;
  barcodes: string[];
  location: ProductLocation;
  unitPrice: number;
  unit: string;
}

export const productInputSchema = {
  type: 'object',
  additionalProperties: false,
  properties: productFieldSchemas,
  required: ['sku', 'name', 'barcodes', 'location', 'unitPrice', 'unit'],
} as const satisfies JsonSchema;

export const MAX_PRODUCTS_PER_PUT = 5000;
export const productsInputSchema = {
  type: 'array',
  minItems: 1,
  maxItems: MAX_PRODUCTS_PER_PUT,
  items: productInputSchema,
} as const satisfies JsonSchema;

/**
 * The order's payment as the platform sends it. `provider` and `outTradeNo` (additive in v1.2) are what the
 * reconciliation matches the providers' bills with; the centre keeps them (sync/server/reconciliation/) and the
 * terminals' order documents do not carry them. Absent: `cod` for a cash-on-delivery order; an online order
 * without a provider cannot be matched against a bill. outTradeNo defaults to the order's id.
 */
export const PAYMENT_INPUT_PROVIDERS = ['wechat', 'alipay', 'cod'] as const;
export type PaymentInputProvider = (typeof PAYMENT_INPUT_PROVIDERS)[number];
export type PaymentInput = Order['payment'] & { provider?: PaymentInputProvider; outTradeNo?: string };

export const paymentInputSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...(paymentSchema.properties as Record<string, JsonSchema>),
    provider: { type: 'string', enum: PAYMENT_INPUT_PROVIDERS },
    // WeChat Pay allows 6–32 characters of letters, digits, _-|*; Alipay 64: the union, checked at the edge.
    outTradeNo: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_|*.:-]+$' },
  },
  required: paymentSchema.required as readonly string[],
} as const satisfies JsonSchema;

/** The order body the platform posts (design §6). storeId may be absent: the server routes by location. */
export interface OrderInput {
  id: string;
  storeId?: string;
  placedAt: string;
  fulfilment: Order['fulfilment'];
  customer: Order['customer'];
  payment: PaymentInput;
  lines: Order['lines'];
}

export const orderInputSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    id: orderIdSchema,
    storeId: storeIdSchema,
    placedAt: isoTime,
    fulfilment: fulfilmentSchema,
    customer: customerSchema,
    payment: paymentInputSchema,
    lines: orderLinesSchema,
  },
  required: ['id', 'placedAt', 'fulfilment', 'customer', 'payment', 'lines'],
} as const satisfies JsonSchema;

export { addressSchema };

/** Orders per batch ingest request; each is judged on its own. */
export const MAX_ORDER_BATCH = 500;

/** What an order submission looks like, for the description's example (and a starting point for integrators). */
export const orderInputExample: OrderInput = {
  id: 'ord-1001',
  storeId: 'store-1',
  placedAt: '2026-12-02T09:30:00Z',
  fulfilment: { type: 'delivery', slot: { kind: '1h', dueAt: '2026-12-02T10:30:00Z' }, address: { line1: '1 River Road', city: 'Berlin', lat: 52.52, lon: 13.4 } },
  customer: { name: 'Kim Lee', phone: '+49 30 1234567' },
  payment: { method: 'online', amount: 258, currency: 'EUR', paid: true },
  lines: [{ sku: 'SKU-1', name: 'Milk 1 l', qty: 2, unitPrice: 129 }],
};
/** A batch's body may be larger than other requests': 500 orders of up to a few KiB each. */
export const MAX_ORDER_BATCH_BYTES = 8 * 1024 * 1024;

/** POST /orders/batch: each element is an OrderInput, validated on its own so one bad order refuses only itself. */
export interface OrderBatchRequest {
  orders: unknown[];
}

export const orderBatchRequestSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { orders: { type: 'array', minItems: 1, maxItems: MAX_ORDER_BATCH } },
  required: ['orders'],
} as const satisfies JsonSchema;

/**
 * One order's outcome, in the order of the request: `created` (201 for a single POST), `unchanged` (the same order
 * was already taken: 200), or `refused` with the error a single POST would have answered.
 */
export type OrderBatchResult =
  | { index: number; id: string; outcome: 'created' | 'unchanged'; storeId: string }
  | { index: number; id: string | null; outcome: 'refused'; status: number; error: ErrorBody };

export interface OrderBatchResponse {
  results: OrderBatchResult[];
}

export interface OrderStatusResponse {
  order: Order;
  status: OrderStatus;
  returnRequested: boolean;
  history: Array<Pick<HistoryEntry, 'applied' | 'ignoredReason'> & {
    eventId: string;
    type: string;
    at: string;
    operatorId: string;
    deviceId: string;
  }>;
}

/** POST /orders/{id}/refunds: the platform paid (part of) an order back; idempotent by refundId. */
export interface RefundRequest {
  /** The platform's refund number, sent to the provider as the merchant refund number (商户退款单号). */
  refundId: string;
  /** Fen, > 0; with the order's earlier refunds, at most what was paid. */
  amount: number;
  reason: string;
  /** When the platform asked the provider to refund. */
  at: string;
}

export const refundRequestSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    refundId: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_|*.:-]+$' },
    amount: { type: 'integer', minimum: 1, maximum: 100_000_000_00 },
    reason: { type: 'string', minLength: 1, maxLength: 200 },
    at: isoTime,
  },
  required: ['refundId', 'amount', 'reason', 'at'],
} as const satisfies JsonSchema;

export interface RefundResponse {
  refundId: string;
  orderId: string;
  amount: number;
  reason: string;
  at: string;
  /** Fen: every refund of the order so far, this one included, and what was paid. */
  refunded: number;
  paid: number;
}

export const refundResponseSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    refundId: { type: 'string' },
    orderId: { type: 'string' },
    amount: { type: 'integer' },
    reason: { type: 'string' },
    at: { type: 'string', format: 'date-time' },
    refunded: { type: 'integer' },
    paid: { type: 'integer' },
  },
  required: ['refundId', 'orderId', 'amount', 'reason', 'at', 'refunded', 'paid'],
} as const satisfies JsonSchema;

/** POST /bills?provider=: a provider's bill file imported (the same answer as the console's import). */
export const billImportResponseSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    outcome: { type: 'string', enum: ['imported', 'unchanged', 'replaced'] },
    billId: { type: 'string' },
    provider: { type: 'string', enum: ['wechat', 'alipay'] },
    billDate: { type: 'string' },
    hash: { type: 'string' },
    counts: {
      type: 'object', additionalProperties: false,
      properties: { items: { type: 'integer' }, payments: { type: 'integer' }, refunds: { type: 'integer' } },
      required: ['items', 'payments', 'refunds'],
    },
    totals: {
      type: 'object', additionalProperties: false,
      properties: { paid: { type: 'integer' }, refunded: { type: 'integer' }, fees: { type: 'integer' } },
      required: ['paid', 'refunded', 'fees'],
    },
  },
  required: ['outcome', 'billId', 'provider', 'billDate', 'hash', 'counts', 'totals'],
} as const satisfies JsonSchema;

export interface CancelRequest {
  reason?: string;
}

export const cancelRequestSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { reason: { type: 'string', maxLength: 200 } },
} as const satisfies JsonSchema;

export interface CancelResponse {
  orderId: string;
  outcome: 'cancelled' | 'return' | 'already_final';
  status: OrderStatus;
}

/** The money taken at a handover, as the platform's feed tells it (the store's payments fact, summarised). */
export interface PlatformPayment {
  method: 'cash' | 'card' | 'online';
  /** In fen. */
  amount: number;
  currency: string;
  /** What was due, and amount − due (non-zero only with a manager's approval at the store). */
  due: number;
  difference: number;
  /** The card terminal's (or online) reference; absent for cash. */
  reference?: string;
}

/** One entry of GET /events: an order's derived status changed. */
export interface PlatformEvent {
  cursor: string;
  orderId: string;
  storeId: string;
  status: OrderStatus;
  returnRequested: boolean;
  at: string;
  /**
   * The handover fact that made the change, where there was one: `picked_up`, `delivered`, `delivery_failed` (the
   * order is `packed` again), `returned_to_stock`. Additive in v1: absent on other changes.
   */
  fact?: 'picked_up' | 'delivered' | 'delivery_failed' | 'returned_to_stock' | 'pickup_reminded' | 'pickup_pass_issued';
  /** With a `delivery_failed` fact: why the courier brought it back. */
  failReason?: string;
  /** With a `returned_to_stock` fact: why the goods went back on the shelf (`uncollected`: the hold ran out). */
  restockReason?: string;
  /**
   * With a `pickup_reminded` fact (the status is still `ready`): the centre's reminder that the customer has not
   * collected the order, for the platform to message them; its pass (and the hold) ends at `expiresAt`.
   * With a `pickup_pass_issued` fact (the status is still `ready`): a new pass was issued, the order's first or one
   * after it moved to another compartment (the old QR and code no longer open anything); fetch it with
   * GET /orders/{id}/pickup-pass and send it to the customer. It expires at `expiresAt`.
   */
  expiresAt?: string;
  /** With `picked_up` or `delivered` of an order whose money was collected at the handover. */
  payment?: PlatformPayment;
}

export interface PlatformEventsResponse {
  events: PlatformEvent[];
  /** Pass as ?after= to continue. Unchanged when nothing is new. */
  cursor: string;
}


/** One SKU's stock as the centre holds it: the snapshot folded from every move the server has (design §3 rule 3). */
export interface StockLevelView {
  sku: string;
  /** From the store's catalogue; null when the SKU is not in it. */
  name: string | null;
  /** May be negative: picks the shelf did not know about until a count. */
  onHand: number;
  /** Time of the last move in the fold; moves made offline and not yet pushed are not in it. */
  asOfAt: string;
  /** How many moves the figure folds. */
  moves: number;
}

/** GET /stores/{storeId}/stock (admin token or platform key). SKUs without a move have no level. */
export interface StoreStockResponse {
  storeId: string;
  levels: StockLevelView[];
}

/** GET /stock (admin token or platform key): every store, in id order, with its levels (possibly none). */
export interface StockResponse {
  stores: StoreStockResponse[];
}

const stockLevelViewSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    sku: { type: 'string' },
    name: { type: ['string', 'null'] },
    onHand: { type: 'integer' },
    asOfAt: { type: 'string', format: 'date-time' },
    moves: { type: 'integer', minimum: 0 },
  },
  required: ['sku', 'name', 'onHand', 'asOfAt', 'moves'],
} as const satisfies JsonSchema;

export const storeStockResponseSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { storeId: { type: 'string' }, levels: { type: 'array', items: stockLevelViewSchema } },
  required: ['storeId', 'levels'],
} as const satisfies JsonSchema;

export const stockResponseSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { stores: { type: 'array', items: storeStockResponseSchema } },
  required: ['stores'],
} as const satisfies JsonSchema;

/**
 * GET /orders/{id}/pickup-pass (platform key): what the platform sends the customer of a pickup order that is ready.
 * `code` is the only place the plain code exists besides the platform's hands; `qr` is the signed token to render
 * as a QR. 404 UNKNOWN_ORDER; 409 NOT_PICKUP_ORDER for a delivery order; 409 PICKUP_NOT_READY (details.status)
 * while the order is not ready for pickup (not loaded yet, picked up, cancelled).
 */
export interface PickupPassResponse {
  orderId: string;
  code: string;
  qr: string;
  expiresAt: string;
  compartment?: PassCompartment;
}

export const pickupPassResponseSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    orderId: { type: 'string' },
    code: { type: 'string', pattern: '^[0-9]{8}$' },
    qr: { type: 'string', maxLength: 600 },
    expiresAt: { type: 'string', format: 'date-time' },
    compartment: passCompartmentSchema,
  },
  required: ['orderId', 'code', 'qr', 'expiresAt'],
} as const satisfies JsonSchema;

/** POST /pickup-keys/rotate (admin): the new current key; the previous one stays valid for the passes it signed. */
export interface RotatePickupKeyResponse {
  keyId: string;
  /** Stores documents rewritten with the new public keys. */
  stores: number;
}

/**
 * The Platform API's version as the description states it (info.version). Additive changes (a new route, an
 * optional field, a new event fact) raise the minor and keep /api/v1; a breaking one would come as /api/v2.
 */
export const API_VERSION = '1.2.0';

/*
 * Response schemas. Each is the one definition of its body: Fastify serializes the response with it (fields it
 * does not list are dropped, so it lists every field the route sends), the description shows it, and the
 * conformance check in the tests (sync/server/openapi/conformance.ts) validates every answer against it.
 */

/** An order as the server holds it (the terminals' `orders` document, without RxDB's keys). */
export const orderResponseSchema = {
  type: 'object',
  additionalProperties: false,
  properties: orderSchema.properties,
  required: orderSchema.required,
} as const satisfies JsonSchema;

const windowSettingsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { historyDays: { type: 'integer', minimum: 0 }, maxOfflineDays: { type: 'integer', minimum: 1 } },
  required: ['historyDays', 'maxOfflineDays'],
} as const satisfies JsonSchema;

/** POST /stores: the store as sent, with its settings and window as they now are. */
export const storeResponseSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { ...storeInputSchema.properties, settings: storeSettingsSchema, window: windowSettingsSchema },
  required: ['id', 'name', 'timezone', 'settings', 'window'],
} as const satisfies JsonSchema;

export const enrollmentCodeResponseSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { code: { type: 'string' }, expiresAt: { type: 'string', format: 'date-time' } },
  required: ['code', 'expiresAt'],
} as const satisfies JsonSchema;

export const enrollResponseSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { deviceId: { type: 'string' }, storeId: { type: 'string' }, token: { type: 'string' }, mainKey: { type: 'string' } },
  required: ['deviceId', 'storeId', 'token', 'mainKey'],
} as const satisfies JsonSchema;

export interface RevokeDeviceResponse {
  deviceId: string;
  storeId: string;
  revokedAt: string;
}

export const revokeDeviceResponseSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { deviceId: { type: 'string' }, storeId: { type: 'string' }, revokedAt: { type: 'string', format: 'date-time' } },
  required: ['deviceId', 'storeId', 'revokedAt'],
} as const satisfies JsonSchema;

/** PUT /stores/{storeId}/operators and /products: how many were written, how many were already so. */
export const upsertResponseSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    storeId: { type: 'string' },
    upserted: { type: 'integer', minimum: 0 },
    unchanged: { type: 'integer', minimum: 0 },
    position: { type: ['integer', 'null'] },
  },
  required: ['storeId', 'upserted', 'unchanged', 'position'],
} as const satisfies JsonSchema;

const orderStatusSchema = { type: 'string', enum: ORDER_STATUSES } as const satisfies JsonSchema;

export const orderBatchResponseSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    results: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        description: '`created` or `unchanged` with its storeId; `refused` with the status and error a single POST would have answered.',
        properties: {
          index: { type: 'integer', minimum: 0 },
          id: { type: ['string', 'null'] },
          outcome: { type: 'string', enum: ['created', 'unchanged', 'refused'] },
          storeId: { type: 'string' },
          status: { type: 'integer' },
          error: errorBodySchema,
        },
        required: ['index', 'id', 'outcome'],
      },
    },
  },
  required: ['results'],
} as const satisfies JsonSchema;

export const orderStatusResponseSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    order: orderResponseSchema,
    status: orderStatusSchema,
    returnRequested: { type: 'boolean' },
    history: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          eventId: { type: 'string' },
          type: { type: 'string' },
          at: { type: 'string', format: 'date-time' },
          operatorId: { type: 'string' },
          deviceId: { type: 'string' },
          applied: { type: 'boolean' },
          ignoredReason: { type: 'string' },
        },
        required: ['eventId', 'type', 'at', 'operatorId', 'deviceId', 'applied'],
      },
    },
  },
  required: ['order', 'status', 'returnRequested', 'history'],
} as const satisfies JsonSchema;

export const cancelResponseSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    orderId: { type: 'string' },
    outcome: { type: 'string', enum: ['cancelled', 'return', 'already_final'] },
    status: orderStatusSchema,
  },
  required: ['orderId', 'outcome', 'status'],
} as const satisfies JsonSchema;

const platformPaymentSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    method: { type: 'string', enum: ['cash', 'card', 'online'] },
    amount: { type: 'integer' },
    currency: { type: 'string' },
    due: { type: 'integer' },
    difference: { type: 'integer' },
    reference: { type: 'string' },
  },
  required: ['method', 'amount', 'currency', 'due', 'difference'],
} as const satisfies JsonSchema;

export const platformEventsResponseSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    events: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          cursor: { type: 'string' },
          orderId: { type: 'string' },
          storeId: { type: 'string' },
          status: orderStatusSchema,
          returnRequested: { type: 'boolean' },
          at: { type: 'string', format: 'date-time' },
          fact: { type: 'string', enum: ['picked_up', 'delivered', 'delivery_failed', 'returned_to_stock', 'pickup_reminded', 'pickup_pass_issued'] },
          failReason: { type: 'string' },
          restockReason: { type: 'string' },
          expiresAt: { type: 'string', format: 'date-time' },
          payment: platformPaymentSchema,
        },
        required: ['cursor', 'orderId', 'storeId', 'status', 'returnRequested', 'at'],
      },
    },
    cursor: { type: 'string' },
  },
  required: ['events', 'cursor'],
} as const satisfies JsonSchema;

export const windowSweepResponseSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    storeId: { type: 'string' },
    orders: { type: 'integer', minimum: 0 },
    events: { type: 'integer', minimum: 0 },
    moves: { type: 'integer', minimum: 0 },
    ms: { type: 'integer', minimum: 0 },
  },
  required: ['storeId', 'orders', 'events', 'moves', 'ms'],
} as const satisfies JsonSchema;

export const pickupRemindersResponseSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    storeId: { type: 'string' },
    reminded: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        properties: { orderId: { type: 'string' }, remindAt: { type: 'string', format: 'date-time' }, expiresAt: { type: 'string', format: 'date-time' } },
        required: ['orderId', 'remindAt', 'expiresAt'],
      },
    },
  },
  required: ['storeId', 'reminded'],
} as const satisfies JsonSchema;

export const rotatePickupKeyResponseSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { keyId: { type: 'string' }, stores: { type: 'integer', minimum: 0 } },
  required: ['keyId', 'stores'],
} as const satisfies JsonSchema;
