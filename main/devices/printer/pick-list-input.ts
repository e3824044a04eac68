import { ContractError, type PickListInput, type ToteLabelsInput } from '../../contract.js';
import { MAX_LINE_QTY } from '../../../sync/model/common.js';

/**
 * Edge parser of printPickList: the arguments arrive as untrusted JSON (IPC or the web host). Every problem is
 * INVALID_INPUT naming the field, checked before anything is rendered, so a bad batch never leaves half a file.
 */

type Fields = Record<string, unknown>;
type Stop = PickListInput['stops'][number];

const M = 'printPickList';
/** A store's own batch limits top out at 100 orders and 2000 lines (sync/model/store.ts). */
const MAX_TOTES = 100;
const MAX_STOPS = 2000;
export const MAX_TOTE_NO = 999;
/** One run of the tote label sheet: a put-wall of 100 totes is already a big one. */
export const MAX_TOTE_LABELS = 100;
/** Code 128 encodes ASCII; the scanner codes (LOC:…, EAN) never need more. */
const CODE128_TEXT = /^[\x20-\x7E]*$/;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z$/;

const fail = (message: string, method = M): never => {
  throw new ContractError('INVALID_INPUT', `${method}: ${message}`);
};

/** An IANA zone the runtime knows ("Asia/Shanghai"); the list prints its times there. */
function timeZone(where: string, v: unknown): string {
  const zone = text(where, v, 1, 64);
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    fail(`${where} must be an IANA time zone such as Asia/Shanghai`);
  }
  return zone;
}

function object(where: string, v: unknown, keys: readonly string[]): Fields {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(`${where} must be an object`);
  const extra = Object.keys(v).filter((k) => !keys.includes(k));
  if (extra.length) fail(`${where}: unknown field(s) ${extra.join(', ')}`);
  return v as Fields;
}

function text(where: string, v: unknown, min: number, max: number): string {
  if (typeof v !== 'string' || v.length < min || v.length > max) return fail(`${where} must be a string of ${min}-${max} characters`);
  return v;
}

function code(where: string, v: unknown): string {
  const s = text(where, v, 0, 64);
  if (!CODE128_TEXT.test(s)) fail(`${where} must be printable ASCII (it is printed as a Code 128)`);
  return s;
}

function int(where: string, v: unknown, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) return fail(`${where} must be an integer ${min}-${max}`);
  return v;
}

function list(where: string, v: unknown, min: number, max: number): unknown[] {
  if (!Array.isArray(v) || v.length < min || v.length > max) return fail(`${where} must be an array of ${min}-${max} items`);
  return v;
}

function parseStop(v: unknown, i: number): Stop {
  const at = `stops[${i}]`;
  const o = object(at, v, ['location', 'locationCode', 'sku', 'name', 'barcode', 'qty', 'orders']);
  const orders = list(`${at}.orders`, o.orders, 1, MAX_TOTES).map((ov, j) => {
    const a = object(`${at}.orders[${j}]`, ov, ['orderId', 'tote', 'qty']);
    return {
      orderId: text(`${at}.orders[${j}].orderId`, a.orderId, 1, 64),
      tote: int(`${at}.orders[${j}].tote`, a.tote, 1, MAX_TOTE_NO),
      qty: int(`${at}.orders[${j}].qty`, a.qty, 1, MAX_LINE_QTY),
    };
  });
  const qty = int(`${at}.qty`, o.qty, 1, MAX_LINE_QTY * MAX_TOTES);
  // The split is what the picker drops into each tote: if it does not add up, the paper would short someone.
  const split = orders.reduce((n, a) => n + a.qty, 0);
  if (split !== qty) fail(`${at}: the orders' quantities add up to ${split}, the stop says ${qty}`);
  return {
    // Empty location/codes: a SKU not in the catalogue, or a product without a barcode; printed without a barcode.
    location: text(`${at}.location`, o.location, 0, 64),
    locationCode: code(`${at}.locationCode`, o.locationCode),
    sku: text(`${at}.sku`, o.sku, 1, 64),
    name: text(`${at}.name`, o.name, 1, 200),
    barcode: code(`${at}.barcode`, o.barcode),
    qty,
    orders,
  };
}

export function parsePickListInput(v: unknown): PickListInput {
  const o = object('input', v, ['operatorId', 'operatorName', 'batchId', 'storeName', 'createdAt', 'timeZone', 'stops', 'totes']);
  const createdAt = text('createdAt', o.createdAt, 1, 40);
  if (!ISO_UTC.test(createdAt) || Number.isNaN(Date.parse(createdAt))) fail('createdAt must be an ISO-8601 UTC time');
  const totes = list('totes', o.totes, 1, MAX_TOTES).map((tv, i) => {
    const t = object(`totes[${i}]`, tv, ['tote', 'orderId']);
    return { tote: int(`totes[${i}].tote`, t.tote, 1, MAX_TOTE_NO), orderId: text(`totes[${i}].orderId`, t.orderId, 1, 64) };
  });
  const toteOf = new Map<string, number>();
  const seen = new Set<number>();
  for (const t of totes) {
    if (seen.has(t.tote) || toteOf.has(t.orderId)) fail(`totes: tote ${t.tote} / order ${t.orderId} appears twice`);
    seen.add(t.tote);
    toteOf.set(t.orderId, t.tote);
  }
  const stops = list('stops', o.stops, 1, MAX_STOPS).map(parseStop);
  stops.forEach((s, i) =>
    s.orders.forEach((a) => {
      // A split naming another tote than the put-wall would send items to the wrong customer.
      if (toteOf.get(a.orderId) !== a.tote) fail(`stops[${i}]: order ${a.orderId} is in tote ${toteOf.get(a.orderId) ?? 'none'}, not ${a.tote}`);
    }),
  );
  return {
    operatorId: text('operatorId', o.operatorId, 1, 64),
    operatorName: text('operatorName', o.operatorName, 1, 100),
    batchId: text('batchId', o.batchId, 1, 64),
    storeName: text('storeName', o.storeName, 1, 100),
    createdAt,
    timeZone: timeZone('timeZone', o.timeZone),
    stops,
    totes,
  };
}

/** Edge parser of printToteLabels: a store name and a range of tote numbers. */
export function parseToteLabelsInput(v: unknown): ToteLabelsInput {
  const method = 'printToteLabels';
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail('input must be an object', method);
  const extra = Object.keys(v).filter((k) => !['storeName', 'from', 'to'].includes(k));
  if (extra.length) fail(`unknown field(s) ${extra.join(', ')}`, method);
  const o = v as Fields;
  const storeName = o.storeName;
  if (typeof storeName !== 'string' || storeName.length < 1 || storeName.length > 100) return fail('storeName must be a string of 1-100 characters', method);
  const tote = (name: string, n: unknown): number => {
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > MAX_TOTE_NO) return fail(`${name} must be a tote number 1-${MAX_TOTE_NO}`, method);
    return n;
  };
  const from = tote('from', o.from);
  const to = tote('to', o.to);
  if (to < from) fail(`to (${to}) is before from (${from})`, method);
  if (to - from + 1 > MAX_TOTE_LABELS) fail(`at most ${MAX_TOTE_LABELS} labels at a time`, method);
  return { storeName, from, to };
}
