import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { openTerminalDb, type TerminalDb } from '../db/index.js';
import type { Operator, Product, Role } from '../../sync/model/index.js';

/** Real RxDB databases on fake-indexeddb for renderer tests; close them all after each test. */
const opened: TerminalDb[] = [];
let n = 0;

export async function openTestDb(name = `rtest${++n}x${Date.now()}`): Promise<TerminalDb> {
  const db = await openTerminalDb({ name, indexedDB, IDBKeyRange, devMode: true, multiInstance: false });
  opened.push(db);
  return db;
}

export async function closeTestDbs(): Promise<void> {
  await Promise.all(opened.splice(0).map((db) => db.close()));
}

/**
 * An operator document as the terminal holds it. Only whether there is a PIN is in it: the PIN's verifier lives on
 * the main side (main/pins), so a test that signs in goes through the contract (see signin/pin-attempts.test.ts).
 */
export async function operator(id: string, roles: Role[], pin: string | null, patch: Partial<Operator> = {}): Promise<Operator> {
  return { id, storeId: 'S001', name: `Name of ${id}`, roles, hasPin: pin !== null, active: true, updatedAt: '2026-11-27T08:00:00.000Z', ...patch };
}

export function product(sku: string, name: string, barcodes: string[] = [], aisle = 'A1'): Product {
  return {
    sku, storeId: 'S001', name, barcodes, location: { aisle, shelf: 'S1', bin: 'B1' }, locationKey: `${aisle}|S1|B1`, unitPrice: 100, unit: 'pc',
    updatedAt: '2026-11-27T08:00:00.000Z',
  };
}
