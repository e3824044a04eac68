import { ContractError, type RunSheetInput } from '../../contract.js';

/**
 * Edge parser of printRunSheet: untrusted JSON (IPC or the web host) to the contract's type, every problem
 * INVALID_INPUT naming the field, before anything is rendered.
 */
const M = 'printRunSheet';
/** A courier's bag: a run of more than 60 orders is a mistake, not a run. */
export const MAX_RUN_ORDERS = 60;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z$/;

const fail = (message: string): never => {
  throw new ContractError('INVALID_INPUT', `${M}: ${message}`);
};

function object(where: string, v: unknown, keys: readonly string[]): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(`${where} must be an object`);
  const extra = Object.keys(v).filter((k) => !keys.includes(k));
  if (extra.length) fail(`${where}: unknown field(s) ${extra.join(', ')}`);
  return v as Record<string, unknown>;
}

function text(where: string, v: unknown, min: number, max: number): string {
  if (typeof v !== 'string' || v.length < min || v.length > max) return fail(`${where} must be a string of ${min}-${max} characters`);
  return v;
}

function time(where: string, v: unknown): string {
  const s = text(where, v, 1, 40);
  if (!ISO_UTC.test(s) || Number.isNaN(Date.parse(s))) fail(`${where} must be an ISO-8601 UTC time`);
  return s;
}

function zone(v: unknown): string {
  const z = text('timeZone', v, 1, 64);
  try {
    new Intl.DateTimeFormat('en', { timeZone: z });
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    fail('timeZone must be an IANA time zone such as Asia/Shanghai');
  }
  return z;
}

export function parseRunSheetInput(v: unknown): RunSheetInput {
  const o = object('input', v, ['storeName', 'timeZone', 'courierId', 'courierName', 'operatorName', 'dispatchedAt', 'orders']);
  if (!Array.isArray(o.orders) || o.orders.length < 1 || o.orders.length > MAX_RUN_ORDERS) fail(`orders must be an array of 1-${MAX_RUN_ORDERS} items`);
  const orders = (o.orders as unknown[]).map((ov, i) => {
    const at = `orders[${i}]`;
    const a = object(at, ov, ['orderId', 'customerName', 'phone', 'address', 'dueAt', 'collect', 'currency']);
    const collect = a.collect;
    if (typeof collect !== 'number' || !Number.isSafeInteger(collect) || collect < 0 || collect > 100_000_000_00) fail(`${at}.collect must be an amount in fen (a non-negative integer)`);
    const currency = text(`${at}.currency`, a.currency, 3, 3);
    if (!/^[A-Z]{3}$/.test(currency)) fail(`${at}.currency must be a currency code such as CNY`);
    return {
      orderId: text(`${at}.orderId`, a.orderId, 1, 64),
      customerName: text(`${at}.customerName`, a.customerName, 1, 100),
      phone: text(`${at}.phone`, a.phone, 0, 32),
      address: text(`${at}.address`, a.address, 0, 400),
      dueAt: time(`${at}.dueAt`, a.dueAt),
      collect: collect as number,
      currency,
    };
  });
  if (new Set(orders.map((x) => x.currency)).size > 1) fail('orders of one run are in one currency');
  return {
    storeName: text('storeName', o.storeName, 1, 100),
    timeZone: zone(o.timeZone),
    courierId: text('courierId', o.courierId, 1, 64),
    courierName: text('courierName', o.courierName, 1, 100),
    operatorName: text('operatorName', o.operatorName, 1, 100),
    dispatchedAt: time('dispatchedAt', o.dispatchedAt),
    orders,
  };
}
