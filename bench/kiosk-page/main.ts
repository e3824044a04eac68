// The kiosk's path from a typed code to the door, in the browser, with the kiosk's own functions: the terminal's RxDB
// (IndexedDB), checkPresented (the pass's scrypt hash, the lock-out record) and openForCustomer (the pending release,
// then openCompartment over HTTP to the web host, whose driver sends the unlock frame). bench/kiosk.ts drives it.
import { openTerminalDb, type TerminalDb } from '../../renderer/db/index.js';
import { httpPlatform } from '../../renderer/platform/index.js';
import { checkPresented } from '../../renderer/features/pickup/kiosk-check.js';
import { openForCustomer } from '../../renderer/features/pickup/kiosk-release.js';
import { hashPassCode, passCodeMatches } from '../../sync/model/pickup-code.js';
import type { Order, OrderEvent } from '../../sync/model/index.js';
import type { PickupPassDoc } from '../../sync/model/pickup-pass-doc.js';

export interface KioskSetup {
  storeId: string;
  code: string;
  order: Order;
  facts: OrderEvent[];
  pass: Omit<PickupPassDoc, 'code'>;
}

declare global {
  interface Window {
    kioskSetup?: (setup: KioskSetup) => Promise<void>;
    /** One release: returns when the door was confirmed open, with the moment the code was entered (epoch ms). */
    kioskRelease?: () => Promise<{ enteredAt: number; openedAt: number }>;
    /** The slow hash alone, timed in this page. */
    kioskScrypt?: (rounds: number) => Promise<number[]>;
  }
}

const epoch = () => performance.timeOrigin + performance.now();
let db: TerminalDb;
let setup: KioskSetup;
const platform = httpPlatform();

window.kioskSetup = async (s) => {
  setup = s;
  db = await openTerminalDb({ name: `bench-kiosk-${Date.now()}` });
  await db.stores.insert({ storeId: s.storeId, name: 'Bench', timezone: 'Asia/Shanghai', settings: { idleLockSeconds: 300, maxOrdersPerBatch: 8, maxLinesPerBatch: 40 }, updatedAt: new Date().toISOString() });
  await db.orders.insert(s.order);
  await db.order_events.bulkInsert(s.facts);
  await db.pickup_passes.insert({ ...s.pass, code: await hashPassCode(s.code, crypto.getRandomValues(new Uint8Array(16))) });
};

window.kioskRelease = async () => {
  const enteredAt = epoch();
  const check = await checkPresented(db, setup.storeId, { kind: 'code', code: setup.code }, Date.now());
  if (!check.ok) throw new Error(`the code was refused: ${check.code}`);
  const opened = await openForCustomer(db, platform, { storeId: setup.storeId, deviceId: 'bench-kiosk' }, { orderId: check.orderId, compartment: setup.pass.compartment!, proof: 'code' });
  if (!opened.ok) throw new Error(`the door did not open: ${opened.code}`);
  return { enteredAt, openedAt: epoch() };
};

window.kioskScrypt = async (rounds) => {
  const stored = await hashPassCode(setup.code, crypto.getRandomValues(new Uint8Array(16)));
  const out: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    await passCodeMatches(setup.code, stored);
    out.push(performance.now() - t0);
  }
  return out;
};
