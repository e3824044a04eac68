import type { PackedItem, PackedPackage } from './order-event.js';
import { skuOfCode, type ProductIndex } from './batch.js';
import type { FeedbackParams } from './pick-state.js';

/**
 * Packing one order: every picked item is scanned into a package; an order may fill several. A product the order
 * was not picked with, or one more unit than was picked, is refused. Packing finishes only when everything picked
 * is packed. Labels are printed at the finish, when "n of m" is known, so empty packages are dropped and the rest
 * numbered 1..m then.
 */

export type PackItem = PackedItem;

export const PACK_REFUSALS = ['UNKNOWN_CODE', 'WRONG_ITEM', 'TOO_MANY', 'EMPTY_PACKAGE', 'NOTHING_LEFT', 'NO_SUCH_PACKAGE', 'NOT_IN_PACKAGE'] as const;
export type PackRefusal = (typeof PACK_REFUSALS)[number];
export type PackNotice = 'STARTED' | 'PACKED' | 'ALL_PACKED' | 'NEW_PACKAGE' | 'PACKAGE_SELECTED' | 'UNPACKED';
export type PackFeedback =
  | { ok: true; code: PackNotice; params: FeedbackParams }
  | { ok: false; code: PackRefusal; message: string; params: FeedbackParams };

export interface PackState {
  orderId: string;
  /** What was picked for the order (substitutes included), one entry per SKU. */
  expected: PackItem[];
  packages: { items: PackItem[] }[];
  /** Index into packages of the one being filled. */
  current: number;
  feedback: PackFeedback;
}

/** The package's id and the text of its label's Code 128: the order id, "-P" and the package number. */
export function packageId(orderId: string, n: number): string {
  return `${orderId}-P${n}`;
}

export function parsePackageId(text: string): { orderId: string; n: number } | null {
  const m = /^(.+)-P([1-9]\d{0,2})$/.exec(text);
  return m ? { orderId: m[1] as string, n: Number(m[2]) } : null;
}

export function startPacking(orderId: string, picked: readonly PackItem[]): PackState {
  const expected: PackItem[] = [];
  for (const { sku, qty } of picked) {
    if (qty <= 0) continue;
    const e = expected.find((x) => x.sku === sku);
    if (e) e.qty += qty;
    else expected.push({ sku, qty });
  }
  return { orderId, expected, packages: [{ items: [] }], current: 0, feedback: { ok: true, code: 'STARTED', params: { units: total(expected) } } };
}

const total = (items: readonly PackItem[]) => items.reduce((n, i) => n + i.qty, 0);
const notice = (s: PackState, code: PackNotice, params: FeedbackParams = {}): PackState => ({ ...s, feedback: { ok: true, code, params } });
const refuse = (s: PackState, code: PackRefusal, message: string, params: FeedbackParams = {}): PackState => ({
  ...s,
  feedback: { ok: false, code, message, params },
});

export function packedQty(state: PackState, sku: string): number {
  return state.packages.reduce((n, p) => n + (p.items.find((i) => i.sku === sku)?.qty ?? 0), 0);
}

/** What is still to be packed, in the order it was picked. */
export function remainingToPack(state: PackState): PackItem[] {
  return state.expected.map((e) => ({ sku: e.sku, qty: e.qty - packedQty(state, e.sku) })).filter((r) => r.qty > 0);
}

function adjust(state: PackState, sku: string, delta: number): PackState['packages'] {
  return state.packages.map((p, i) => {
    if (i !== state.current) return p;
    const has = p.items.some((x) => x.sku === sku);
    const items = has ? p.items.map((x) => (x.sku === sku ? { sku, qty: x.qty + delta } : x)) : [...p.items, { sku, qty: delta }];
    return { items: items.filter((x) => x.qty > 0) };
  });
}

export function scanItem(state: PackState, code: string, products: ProductIndex): PackState {
  const text = code.trim();
  const sku = state.expected.some((e) => e.sku === text) ? text : skuOfCode(products, text);
  if (sku === null) return refuse(state, 'UNKNOWN_CODE', `unknown code ${text}`, { code: text });
  const want = state.expected.find((e) => e.sku === sku);
  if (!want) return refuse(state, 'WRONG_ITEM', `${sku} is not part of order ${state.orderId}`, { sku });
  if (packedQty(state, sku) >= want.qty) return refuse(state, 'TOO_MANY', `all ${want.qty} of ${sku} are packed already`, { sku, qty: want.qty });
  const next = { ...state, packages: adjust(state, sku, 1) };
  return canFinish(next) ? notice(next, 'ALL_PACKED', { sku }) : notice(next, 'PACKED', { sku, package: state.current + 1 });
}

/** Takes one unit back out of the current package (a mis-scan the packer noticed). */
export function unpackOne(state: PackState, sku: string): PackState {
  const inPackage = state.packages[state.current]?.items.find((i) => i.sku === sku);
  if (!inPackage) return refuse(state, 'NOT_IN_PACKAGE', `${sku} is not in package ${state.current + 1}`, { sku });
  return notice({ ...state, packages: adjust(state, sku, -1) }, 'UNPACKED', { sku });
}

/**
 * Takes one unit of the current package's last line back out: the packer's undo key, without a second scan of an
 * item that may already be in the box.
 */
export function unpackLast(state: PackState): PackState {
  const last = state.packages[state.current]?.items.at(-1);
  if (!last) return refuse(state, 'EMPTY_PACKAGE', `package ${state.current + 1} is empty`, { package: state.current + 1 });
  return unpackOne(state, last.sku);
}

/** Opens the next package; refused while the current one is empty or when nothing is left to pack. */
export function newPackage(state: PackState): PackState {
  if ((state.packages[state.current]?.items.length ?? 0) === 0) return refuse(state, 'EMPTY_PACKAGE', 'the current package is empty');
  if (remainingToPack(state).length === 0) return refuse(state, 'NOTHING_LEFT', 'everything is packed');
  const packages = [...state.packages, { items: [] }];
  return notice({ ...state, packages, current: packages.length - 1 }, 'NEW_PACKAGE', { package: packages.length });
}

export function selectPackage(state: PackState, n: number): PackState {
  if (!Number.isInteger(n) || n < 1 || n > state.packages.length) return refuse(state, 'NO_SUCH_PACKAGE', `there is no package ${n}`, { package: n });
  return notice({ ...state, current: n - 1 }, 'PACKAGE_SELECTED', { package: n });
}

export function canFinish(state: PackState): boolean {
  return state.expected.length > 0 && remainingToPack(state).length === 0;
}

export type { PackedPackage } from './order-event.js';

export type FinishResult =
  | { ok: true; packages: PackedPackage[] }
  | { ok: false; code: 'NOT_ALL_PACKED' | 'NOTHING_PICKED'; remaining: PackItem[] };

/** The packages to record on the `packed` event and to print one label each for. */
export function finishPacking(state: PackState): FinishResult {
  if (state.expected.length === 0) return { ok: false, code: 'NOTHING_PICKED', remaining: [] };
  if (!canFinish(state)) return { ok: false, code: 'NOT_ALL_PACKED', remaining: remainingToPack(state) };
  const filled = state.packages.filter((p) => p.items.length > 0);
  return { ok: true, packages: filled.map((p, i) => ({ id: packageId(state.orderId, i + 1), n: i + 1, of: filled.length, items: p.items })) };
}

/** What packing expects for an order, from its pick facts: picked units plus substitutes. */
export function packItemsFromPick(lines: readonly { sku: string; picked: number; substitute: { sku: string; qty: number } | null }[]): PackItem[] {
  const items: PackItem[] = [];
  for (const l of lines) {
    items.push({ sku: l.sku, qty: l.picked });
    if (l.substitute) items.push({ sku: l.substitute.sku, qty: l.substitute.qty });
  }
  return items.filter((i) => i.qty > 0);
}
