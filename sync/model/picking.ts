import { skuOfCode, type Batch, type PickLine, type ProductIndex } from './batch.js';
import {
  addPutBack,
  CONFIRM_CODE,
  freshProgress,
  locationCode,
  withNotice,
  parseShortReason,
  withRefusal,
  type AllocationOutcome,
  type PickState,
  type ShortReason,
  type StopOutcome,
} from './pick-state.js';
import { finishWalk, putScan } from './put-wall.js';

/**
 * The pick walk of one batch as a pure reducer, so the screen can be driven by a scanner alone. At each stop the
 * picker scans the product (each scan is one unit; or scan once and type the count), then confirms. Confirming fewer
 * than asked is a short pick and needs a reason; where a short order line accepts substitutes, a different product
 * may then be scanned in its place. A wrong product is refused, never counted.
 */

export function startPicking(batchId: string, batch: Pick<Batch, 'orderIds' | 'lines'>): PickState {
  const state: PickState = {
    batchId,
    totes: batch.orderIds.map((orderId, i) => ({ tote: i + 1, orderId })),
    stops: batch.lines,
    stop: 0,
    current: freshProgress(),
    outcomes: [],
    phase: 'walk',
    putTasks: [],
    pendingPut: null,
    withdrawn: [],
    putBack: [],
    feedback: { ok: true, code: 'STARTED', params: { stops: batch.lines.length } },
  };
  return batch.lines.length === 0 ? finishWalk(state) : state;
}

export function currentStop(state: PickState): PickLine | null {
  return state.phase === 'walk' ? (state.stops[state.stop] ?? null) : null;
}

export type PickAction =
  | { type: 'scan'; code: string }
  | { type: 'quantity'; qty: number }
  | { type: 'confirm' }
  | { type: 'short'; reason: ShortReason };

export function pickReducer(state: PickState, action: PickAction, products: ProductIndex): PickState {
  switch (action.type) {
    case 'scan':
      return scan(state, action.code, products);
    case 'quantity':
      return setQuantity(state, action.qty);
    case 'confirm':
      return confirm(state);
    case 'short':
      return shortPick(state, action.reason);
  }
}

const matchesStop = (stop: PickLine, code: string) => code === stop.sku || stop.barcodes.includes(code);

export function scan(state: PickState, code: string, products: ProductIndex): PickState {
  const text = code.trim();
  if (text === CONFIRM_CODE) return confirm(state);
  const reason = parseShortReason(text);
  if (reason) return shortPick(state, reason);
  if (state.phase === 'put') return putScan(state, text, products);
  const stop = currentStop(state);
  if (!stop) return withRefusal(state, 'NOT_NOW', 'the walk is finished');
  const cur = state.current;
  if (cur.mode === 'short') return withRefusal(state, 'REASON_REQUIRED', 'a short pick needs a reason: scan a reason code');
  if (text.startsWith('LOC:')) {
    if (stop.location && text === locationCode(stop.location)) return withNotice({ ...state, current: { ...cur, atLocation: true } }, 'AT_LOCATION', { sku: stop.sku });
    return withRefusal(state, 'WRONG_LOCATION', `wrong location: go to ${stop.location ? locationCode(stop.location).slice(4) : 'the unlisted item'}`, { expected: stop.location ? locationCode(stop.location) : '', got: text });
  }
  if (text.startsWith('TOTE:')) return withRefusal(state, 'NOT_NOW', 'totes are scanned at the put-wall, after the walk');
  const sku = matchesStop(stop, text) ? stop.sku : skuOfCode(products, text);
  if (sku === null) return withRefusal(state, 'UNKNOWN_CODE', `unknown code ${text}`, { code: text });
  if (cur.mode === 'pick') {
    if (sku !== stop.sku) return withRefusal(state, 'WRONG_PRODUCT', `wrong product: take ${stop.name} (${stop.sku}), not ${sku}`, { expected: stop.sku, got: sku });
    if (cur.counted >= stop.qty) return withRefusal(state, 'TOO_MANY', `only ${stop.qty} of ${stop.sku} are needed`, { qty: stop.qty });
    const counted = cur.counted + 1;
    return withNotice({ ...state, current: { ...cur, counted, scanned: true } }, counted === stop.qty ? 'CONFIRM_QTY' : 'COUNTED', { counted, qty: stop.qty });
  }
  if (sku === stop.sku) return withRefusal(state, 'NOT_A_SUBSTITUTE', `${sku} is the product that was short; scan a different product or confirm`, { sku });
  if (cur.substituteSku !== null && sku !== cur.substituteSku) {
    return withRefusal(state, 'WRONG_PRODUCT', `one substitute per stop: keep scanning ${cur.substituteSku}`, { expected: cur.substituteSku, got: sku });
  }
  const max = substitutableShortfall(stop, cur.counted);
  if (cur.substituted >= max) return withRefusal(state, 'TOO_MANY', `only ${max} may be substituted`, { qty: max });
  const substituted = cur.substituted + 1;
  return withNotice({ ...state, current: { ...cur, substituteSku: sku, substituted } }, 'COUNTED', { counted: substituted, qty: max });
}

/** A typed count, after the product (or the substitute) has been verified by one scan. */
export function setQuantity(state: PickState, qty: number): PickState {
  const stop = currentStop(state);
  if (!stop) return withRefusal(state, 'NOT_NOW', 'no stop is open');
  const cur = state.current;
  if (cur.mode === 'short') return withRefusal(state, 'REASON_REQUIRED', 'a short pick needs a reason');
  const substituting = cur.mode === 'substitute';
  if (substituting ? cur.substituteSku === null : !cur.scanned) return withRefusal(state, 'SCAN_PRODUCT_FIRST', 'scan the product once before typing a quantity');
  const max = substituting ? substitutableShortfall(stop, cur.counted) : stop.qty;
  if (!Number.isInteger(qty) || qty < 0) return withRefusal(state, 'BAD_QUANTITY', 'the quantity must be a whole number', { qty });
  if (qty > max) return withRefusal(state, 'TOO_MANY', `at most ${max} here`, { qty: max });
  const current = substituting ? { ...cur, substituted: qty } : { ...cur, counted: qty };
  return withNotice({ ...state, current }, 'CONFIRM_QTY', { counted: qty, qty: max });
}

export function confirm(state: PickState): PickState {
  const stop = currentStop(state);
  if (!stop) return withRefusal(state, 'NOT_NOW', 'nothing to confirm');
  const cur = state.current;
  if (cur.mode === 'short') return withRefusal(state, 'REASON_REQUIRED', 'a short pick needs a reason');
  if (cur.mode === 'substitute' || cur.counted === stop.qty) return finishStop(state, stop);
  return withNotice({ ...state, current: { ...cur, mode: 'short' } }, 'REASON_NEEDED', { missing: stop.qty - cur.counted });
}

/** Records the current count as final, with the reason for the rest. Offers a substitution where one is allowed. */
export function shortPick(state: PickState, reason: ShortReason): PickState {
  const stop = currentStop(state);
  if (!stop) return withRefusal(state, 'NOT_NOW', 'no stop is open');
  const cur = state.current;
  if (cur.mode === 'substitute') return withRefusal(state, 'NOT_NOW', 'the short is recorded; scan a substitute or confirm');
  if (cur.counted >= stop.qty) return withRefusal(state, 'NOTHING_SHORT', 'every unit is counted: confirm instead');
  const next = { ...state, current: { ...cur, mode: 'substitute' as const, reason } };
  const max = substitutableShortfall(stop, cur.counted);
  if (max > 0) return withNotice(next, 'SUBSTITUTION_OFFERED', { max, missing: stop.qty - cur.counted });
  return finishStop(next, stop);
}

/** Picked units go to the most urgent orders first (allocations are in batch order). */
function allocate(stop: PickLine, counted: number, substituted: number): AllocationOutcome[] {
  let left = counted;
  let subLeft = substituted;
  return stop.allocations.map((a) => {
    const picked = Math.min(a.qty, left);
    left -= picked;
    const sub = a.substitutable ? Math.min(a.qty - picked, subLeft) : 0;
    subLeft -= sub;
    return { orderId: a.orderId, lineIndex: a.lineIndex, ordered: a.qty, picked, substituted: sub };
  });
}

/** How many of the missing units fall on lines whose customer accepts a substitute. */
export function substitutableShortfall(stop: PickLine, counted: number): number {
  return allocate(stop, counted, 0).reduce((n, a, i) => n + (stop.allocations[i]?.substitutable ? a.ordered - a.picked : 0), 0);
}

function finishStop(state: PickState, stop: PickLine): PickState {
  const cur = state.current;
  const outcome: StopOutcome = {
    sku: stop.sku,
    picked: cur.counted,
    reason: cur.counted < stop.qty ? cur.reason : null,
    substitute: cur.substituteSku !== null && cur.substituted > 0 ? { sku: cur.substituteSku, qty: cur.substituted } : null,
    allocations: allocate(stop, cur.counted, cur.substituted),
  };
  const next: PickState = { ...state, outcomes: [...state.outcomes, outcome], stop: state.stop + 1, current: freshProgress() };
  if (next.stop >= next.stops.length) return finishWalk(next);
  const upcoming = next.stops[next.stop];
  return withNotice(next, 'STOP_DONE', { sku: stop.sku, next: upcoming?.sku ?? '' });
}

/**
 * Takes an order out of the batch: its claim lost to another terminal's earlier claim, or the platform cancelled it.
 * Units still to pick for it leave the walk; units already taken for it join the put-back list (back to the shelf).
 * Its tote stays empty so the other totes keep their numbers. Withdrawing twice changes nothing.
 */
export function withdrawOrder(state: PickState, orderId: string): PickState {
  if (!state.totes.some((t) => t.orderId === orderId) || state.withdrawn.includes(orderId)) return withNotice(state, 'WITHDRAWN', { orderId });
  let putBack = state.putBack;
  for (const o of state.outcomes) {
    for (const a of o.allocations) {
      if (a.orderId !== orderId) continue;
      putBack = addPutBack(putBack, o.sku, a.picked);
      if (o.substitute) putBack = addPutBack(putBack, o.substitute.sku, a.substituted);
    }
  }
  let next: PickState = { ...state, withdrawn: [...state.withdrawn, orderId], putBack };
  if (state.phase === 'walk') {
    next = withdrawFromWalk(next, orderId);
  } else {
    const pending = state.pendingPut === null ? undefined : state.putTasks[state.pendingPut];
    const putTasks = state.putTasks.filter((t) => t.orderId !== orderId);
    const pendingPut = pending && pending.orderId !== orderId ? putTasks.indexOf(pending) : null;
    next = { ...next, putTasks, pendingPut, phase: putTasks.every((t) => t.put >= t.qty) ? 'done' : 'put' };
  }
  return withNotice(next, 'WITHDRAWN', { orderId });
}

function withdrawFromWalk(state: PickState, orderId: string): PickState {
  const strip = (s: PickLine): PickLine => {
    const allocations = s.allocations.filter((a) => a.orderId !== orderId);
    return allocations.length === s.allocations.length ? s : { ...s, allocations, qty: allocations.reduce((n, a) => n + a.qty, 0) };
  };
  const done = state.stops.slice(0, state.stop);
  const ahead = state.stops.slice(state.stop + 1).map(strip).filter((s) => s.qty > 0);
  const here = state.stops[state.stop];
  if (!here) return { ...state, stops: [...done, ...ahead] };
  const stop = strip(here);
  const cur = state.current;
  const counted = Math.min(cur.counted, stop.qty);
  const substituted = Math.min(cur.substituted, substitutableShortfall(stop, counted));
  let putBack = addPutBack(state.putBack, stop.sku, cur.counted - counted);
  if (cur.substituteSku !== null) putBack = addPutBack(putBack, cur.substituteSku, cur.substituted - substituted);
  if (stop.qty === 0) {
    const next: PickState = { ...state, stops: [...done, ...ahead], current: freshProgress(), putBack };
    return next.stop >= next.stops.length ? finishWalk(next) : next;
  }
  const mode = counted >= stop.qty ? 'pick' : cur.mode;
  return { ...state, stops: [...done, stop, ...ahead], current: { ...cur, counted, substituted, mode }, putBack };
}
