import type { TerminalDb } from '../../db/index.js';
import { deriveStatus, type OrderStatus } from '../../../sync/model/index.js';
import { verifyPassToken } from '../../../sync/model/pickup-pass.js';
import { checkPassRelease, checkTypedCode, type PassRefusal, type Release } from '../../../sync/model/pickup-release.js';
import { normalizePassCode, passCodeLookup } from '../../../sync/model/pickup-code.js';
import { CODE_FAILURES_BEFORE_LOCK, keepAttempts, type CodeAttempt } from '../../../sync/model/pickup-lockout.js';

/**
 * The kiosk's checks of what a customer presents, against the terminal's own database only: they hold with the
 * server down (issue 10). The QR's signature is checked with the store's public keys (stores document); a typed
 * code against the pass's slow hash (pickup_passes); both then against the order's facts (used, revoked, ready).
 */

export type Presented = { kind: 'qr'; token: string } | { kind: 'code'; code: string };

export type KioskCheck = (Release & { proof: 'qr' | 'code' }) | (PassRefusal & { triesLeft?: number });

/** Where the kiosk keeps its typed-code attempts: a local document, never synced, kept across reloads. */
const ATTEMPTS_DOC = 'kiosk-code-attempts';

export async function loadAttempts(db: TerminalDb): Promise<CodeAttempt[]> {
  const doc = await db.getLocal<{ attempts: CodeAttempt[] }>(ATTEMPTS_DOC);
  return doc ? [...doc.toJSON().data.attempts] : [];
}

async function saveAttempts(db: TerminalDb, attempts: readonly CodeAttempt[]): Promise<void> {
  await db.upsertLocal<{ attempts: CodeAttempt[] }>(ATTEMPTS_DOC, { attempts: [...attempts] });
}

/** The order's status from its facts here, or undefined when this terminal does not hold the order. */
export async function orderStatus(db: TerminalDb, orderId: string): Promise<OrderStatus | undefined> {
  const order = await db.orders.findOne(orderId).exec();
  if (!order) return undefined;
  const events = await db.order_events.find({ selector: { orderId } }).exec();
  return deriveStatus(order.toJSON(), events.map((e) => e.toJSON())).status;
}

/** A release the kiosk may not make although the pass holds: money is still due (cash on delivery, paid at the counter). */
async function moneyDue(db: TerminalDb, orderId: string): Promise<boolean> {
  const order = (await db.orders.findOne(orderId).exec())?.toJSON();
  return order !== undefined && order.payment.method === 'cod' && !order.payment.paid;
}

const COUNTER_PAYS: PassRefusal = { ok: false, code: 'NOT_READY', message: 'cash on delivery: the order is paid and handed over at the counter' };

/** `cashDue: 'counter'` (the kiosk) sends an order with cash still due to the counter; the counter itself allows it. */
export async function checkPresented(db: TerminalDb, storeId: string, presented: Presented, now: number, opts: { cashDue: 'counter' | 'allowed' } = { cashDue: 'counter' }): Promise<KioskCheck> {
  const cashDue = async (orderId: string) => opts.cashDue === 'counter' && (await moneyDue(db, orderId));
  if (presented.kind === 'qr') {
    const store = await db.stores.findOne(storeId).exec();
    const verified = verifyPassToken(presented.token, { storeId, keys: store?.toJSON().passKeys ?? [], now });
    if (!verified.ok) return verified;
    const { claims } = verified;
    const doc = (await db.pickup_passes.findOne(claims.orderId).exec())?.toJSON();
    const release = checkPassRelease(claims, { status: await orderStatus(db, claims.orderId), doc });
    if (!release.ok) return release;
    return (await cashDue(release.orderId)) ? COUNTER_PAYS : { ...release, proof: 'qr' };
  }
  const code = normalizePassCode(presented.code);
  // Only the passes a code could be for are read and hashed (its lookup digits); the rest stay untouched.
  const passes = code ? (await db.pickup_passes.find({ selector: { storeId } }).exec()).map((d) => d.toJSON()).filter((p) => p.lookup === passCodeLookup(code)) : [];
  const statuses = new Map<string, OrderStatus | undefined>();
  for (const pass of passes) statuses.set(pass.orderId, await orderStatus(db, pass.orderId));
  const attempts = await loadAttempts(db);
  const { outcome, attempt } = await checkTypedCode(presented.code, { passes, statusOf: (id) => statuses.get(id), attempts, now });
  if (attempt) await saveAttempts(db, keepAttempts([...attempts, attempt], now));
  if (outcome.ok) return (await cashDue(outcome.orderId)) ? COUNTER_PAYS : { ...outcome, proof: 'code' };
  if (outcome.code !== 'WRONG_CODE') return outcome;
  return { ...outcome, triesLeft: triesLeft(attempt ? [...attempts, attempt] : attempts) };
}

/** Wrong codes left on this kiosk before it locks: what the screen tells the customer. */
function triesLeft(attempts: readonly CodeAttempt[]): number {
  const lastOk = attempts.findLastIndex((a) => a.ok);
  const failures = attempts.length - lastOk - 1;
  return Math.max(0, CODE_FAILURES_BEFORE_LOCK - failures);
}
