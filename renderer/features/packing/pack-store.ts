import type { TerminalDb } from '../../db/index.js';
import {
  checkPackages,
  finishPacking,
  STOCK_MOVE_ACTION,
  type OrderEvent,
  type PackedPackage,
  type PackItem,
  type PackState,
  type StockMove,
} from '../../../sync/model/index.js';
import { checkAuthority } from '../approval/check.js';
import type { Actor, AuthorityCode } from '../approval/authorize.js';
import { recordOrderEvent } from '../orders/record-event.js';
import type { QueueRow } from '../orders/queue.js';
import { netPickedBySku, packSource, sameItems } from './pack-order.js';

/**
 * Packing's crash safety: the packages in progress live in RxDB local documents (this terminal only, never
 * synced), written after every change. A restart, a crash or a switch to another screen resumes where it stopped.
 */
const CURRENT_DOC = 'packing-current';
const stateDoc = (orderId: string) => `packing-state-${orderId}`;
const PRINTER_DOC = 'packing-printer';

interface CurrentDoc {
  orderId: string | null;
}
interface StateDoc {
  state: PackState;
}
interface PrinterDoc {
  printerId: string | null;
}

export async function loadCurrentOrder(db: TerminalDb): Promise<string | null> {
  const doc = await db.getLocal<CurrentDoc>(CURRENT_DOC);
  const id = doc?.get('orderId');
  return typeof id === 'string' && id !== '' ? id : null;
}

/** A saved packing only counts when it is for the same order and the same pick, and is whole. */
function isUsable(saved: unknown, orderId: string, expected: readonly PackItem[]): saved is PackState {
  if (typeof saved !== 'object' || saved === null) return false;
  const s = saved as Partial<PackState>;
  if (s.orderId !== orderId || !Array.isArray(s.expected) || !Array.isArray(s.packages) || typeof s.current !== 'number') return false;
  if (!sameItems(s.expected, expected) || s.current < 0 || s.current >= s.packages.length) return false;
  const packed = new Map<string, number>();
  for (const p of s.packages) for (const i of p.items) packed.set(i.sku, (packed.get(i.sku) ?? 0) + i.qty);
  return [...packed].every(([sku, qty]) => qty <= (expected.find((e) => e.sku === sku)?.qty ?? 0));
}

/** The packing saved for this order, or null when there is none or it no longer matches the pick. */
export async function loadPackState(db: TerminalDb, orderId: string, expected: readonly PackItem[]): Promise<PackState | null> {
  const doc = await db.getLocal<StateDoc>(stateDoc(orderId));
  const saved: unknown = doc?.get('state');
  return isUsable(saved, orderId, expected) ? saved : null;
}

export async function loadPrinterChoice(db: TerminalDb): Promise<string | null> {
  const id = (await db.getLocal<PrinterDoc>(PRINTER_DOC))?.get('printerId');
  return typeof id === 'string' ? id : null;
}

/**
 * Writes one after the other: two upserts of a local document racing each other would conflict, and the packer
 * scans faster than IndexedDB commits. Only the newest pending state per document is written.
 */
export class PackSaver {
  private chain: Promise<void> = Promise.resolve();
  private readonly pending = new Map<string, () => Promise<unknown>>();

  constructor(
    private readonly db: TerminalDb,
    private readonly onError: (err: unknown) => void,
  ) {}

  private enqueue(id: string, write: () => Promise<unknown>): Promise<void> {
    const queued = this.pending.has(id);
    this.pending.set(id, write);
    if (queued) return this.chain;
    this.chain = this.chain.then(async () => {
      const next = this.pending.get(id);
      this.pending.delete(id);
      try {
        await next?.();
      } catch (err) {
        this.onError(err);
      }
    });
    return this.chain;
  }

  saveState(state: PackState): Promise<void> {
    return this.enqueue(stateDoc(state.orderId), () => this.db.upsertLocal<StateDoc>(stateDoc(state.orderId), { state }));
  }

  saveCurrent(orderId: string | null): Promise<void> {
    return this.enqueue(CURRENT_DOC, () => this.db.upsertLocal<CurrentDoc>(CURRENT_DOC, { orderId }));
  }

  savePrinter(printerId: string | null): Promise<void> {
    return this.enqueue(PRINTER_DOC, () => this.db.upsertLocal<PrinterDoc>(PRINTER_DOC, { printerId }));
  }

  /** Forgets the order's packing once it is recorded (or no longer packable). */
  clearState(orderId: string): Promise<void> {
    return this.enqueue(stateDoc(orderId), async () => {
      const doc = await this.db.getLocal(stateDoc(orderId));
      if (doc) await doc.remove();
    });
  }

  /** Resolves when everything queued so far is written. */
  flush(): Promise<void> {
    return this.chain;
  }
}

export type FinishCode = 'NOT_ALL_PACKED' | 'NOTHING_PICKED' | 'PACKAGES_INVALID' | 'ILLEGAL_TRANSITION' | AuthorityCode;

export type FinishOutcome =
  | { ok: true; event: OrderEvent; packages: PackedPackage[] }
  | { ok: false; code: FinishCode; message: string; remaining: PackItem[] };

/**
 * Ends packing: refused while anything picked is unpacked; otherwise the packages are checked as the server will
 * check them and recorded on the `packed` event. Printing comes after, so a jammed printer never loses the fact.
 */
export async function finishAndRecord(
  db: TerminalDb,
  row: QueueRow,
  state: PackState,
  actor: Actor,
  newId: () => string,
  now: () => Date = () => new Date(),
): Promise<FinishOutcome> {
  const finished = finishPacking(state);
  if (!finished.ok) return { ok: false, code: finished.code, message: finished.code, remaining: finished.remaining };
  const check = checkPackages(row.order.id, packSource(row).lines, finished.packages);
  if (!check.ok) return { ok: false, code: 'PACKAGES_INVALID', message: check.message, remaining: [] };
  const recorded = await recordOrderEvent(db, row, 'packed', actor, newId, now, { packages: finished.packages });
  if (!recorded.ok) return { ...recorded, remaining: [] };
  return { ok: true, event: recorded.event, packages: finished.packages };
}

export type PutBackOutcome =
  | { ok: true; moves: StockMove[] }
  | { ok: false; code: AuthorityCode; message: string };

/**
 * A cancelled order whose goods were already picked: they go back on the shelf, and the ledger gets an `unpick`
 * per SKU for what the order's moves still hold out. Computed from the moves at this moment, so a second put-back
 * records nothing.
 */
export async function recordPutBack(
  db: TerminalDb,
  orderId: string,
  actor: Actor,
  newId: () => string,
  now: () => Date = () => new Date(),
  /** `unpick`: cancelled in the store, the goods never left. `return`: cancelled after hand-over, the customer sent them back. */
  kind: 'unpick' | 'return' = 'unpick',
): Promise<PutBackOutcome> {
  const authority = await checkAuthority(db, actor, STOCK_MOVE_ACTION[kind]);
  if (!authority.ok) return authority;
  const moves = (await db.stock_moves.find({ selector: { orderId } }).exec()).map((d) => d.toJSON() as StockMove);
  const at = now().toISOString();
  const unpicks: StockMove[] = netPickedBySku(moves, orderId).map(({ sku, qty }) => ({
    id: newId(),
    storeId: actor.storeId,
    sku,
    kind,
    qty,
    at,
    operatorId: actor.operatorId,
    deviceId: actor.deviceId,
    orderId,
    reason: kind === 'unpick' ? 'order cancelled after pick' : 'returned by the customer',
  }));
  if (unpicks.length > 0) {
    const { error } = await db.stock_moves.bulkInsert(unpicks);
    if (error.length > 0) throw new Error(`recording the put-back failed: ${error.map((e) => e.status).join(', ')}`);
  }
  return { ok: true, moves: unpicks };
}
