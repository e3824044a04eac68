import { normalizePassCode, passCodeLookup, passCodeMatches } from './pickup-code.js';
import { lockFor, type CodeAttempt } from './pickup-lockout.js';
import type { PickupPassDoc } from './pickup-pass-doc.js';
import type { PassCompartment } from './pickup-pass.js';
import type { OrderStatus } from './status.js';

/**
 * Why a kiosk refuses to release, with stable codes (the screen words them; the customer is sent to the counter):
 * TAMPERED   the QR's signature does not hold, or names a key this store does not know
 * EXPIRED    past the pass's expiry (or its key's)
 * OTHER_STORE a pass of another store
 * USED       the order was already picked up
 * REVOKED    a newer pass replaced this one (the order was loaded again elsewhere)
 * NOT_READY  the order is not waiting for pickup (cancelled, not loaded yet, or not yet known here)
 * WRONG_CODE a typed code that matches no pass
 * LOCKED     too many wrong codes: this kiosk or this order waits until `until`
 */
export type PassRefusalCode = 'TAMPERED' | 'EXPIRED' | 'OTHER_STORE' | 'USED' | 'REVOKED' | 'NOT_READY' | 'WRONG_CODE' | 'LOCKED';

export interface PassRefusal {
  ok: false;
  code: PassRefusalCode;
  message: string;
  /** LOCKED: when the next try is allowed (epoch ms). */
  until?: number;
}

/** What the kiosk may release: this order, from this compartment. */
export interface Release {
  ok: true;
  orderId: string;
  passId: string;
  compartment?: PassCompartment;
}

/**
 * Whether a pass (from a verified QR, or the document a code matched) may release its order now, given what the
 * terminal knows of the order: its status and the current pass document, if it has synced one.
 */
export function checkPassRelease(pass: { passId: string; orderId: string; compartment?: PassCompartment }, known: { status: OrderStatus | undefined; doc: PickupPassDoc | undefined }): Release | PassRefusal {
  if (known.status === 'picked_up') return { ok: false, code: 'USED', message: `order ${pass.orderId} was already picked up` };
  if (known.doc && known.doc.passId !== pass.passId) return { ok: false, code: 'REVOKED', message: `a newer pass replaced this one for order ${pass.orderId}` };
  if (known.status !== 'ready') return { ok: false, code: 'NOT_READY', message: `order ${pass.orderId} is ${known.status ?? 'not known here'}` };
  return { ok: true, orderId: pass.orderId, passId: pass.passId, ...(pass.compartment ? { compartment: pass.compartment } : {}) };
}

export interface TypedCodeResult {
  outcome: Release | PassRefusal;
  /** The attempt to keep (append to the kiosk's attempts), or undefined when nothing was tried (LOCKED). */
  attempt?: CodeAttempt;
}

/**
 * A typed code: the passes with its lookup number are candidates; if the kiosk or one of them
 * is locked, nothing is hashed; otherwise each candidate's slow hash is checked (usually one). The release rules
 * then apply to the pass that matched.
 */
export async function checkTypedCode(
  typed: string,
  ctx: { passes: readonly PickupPassDoc[]; statusOf: (orderId: string) => OrderStatus | undefined; attempts: readonly CodeAttempt[]; now: number },
): Promise<TypedCodeResult> {
  const code = normalizePassCode(typed);
  const lookup = code ? passCodeLookup(code) : undefined;
  const candidates = ctx.passes.filter((p) => p.lookup === lookup);
  const orderIds = candidates.map((p) => p.orderId);
  const until = lockFor(ctx.attempts, orderIds, ctx.now);
  if (until !== null) return { outcome: { ok: false, code: 'LOCKED', message: 'too many wrong codes', until } };
  const wrong = { outcome: { ok: false, code: 'WRONG_CODE', message: 'the code matches no pass' } as const, attempt: { at: ctx.now, ok: false, orderIds } };
  if (!code) return wrong;
  for (const pass of candidates) {
    if (!(await passCodeMatches(code, pass.code))) continue;
    const attempt = { at: ctx.now, ok: true, orderIds: [pass.orderId] };
    if (Date.parse(pass.expiresAt) <= ctx.now) return { outcome: { ok: false, code: 'EXPIRED', message: `the pass expired at ${pass.expiresAt}` }, attempt };
    const outcome = checkPassRelease(pass, { status: ctx.statusOf(pass.orderId), doc: pass });
    return { outcome, attempt };
  }
  return wrong;
}
