import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { openTerminalDb, type TerminalDb } from '../db/index.js';
import { hashPin, type Operator, type Product, type Role } from '../../sync/model/index.js';

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

/** The lowest iteration count the operator schema accepts: still the real PBKDF2, just quicker for tests. */
export const TEST_ITERATIONS = 100_000;

export async function operator(id: string, roles: Role[], pin: string | null, patch: Partial<Operator> = {}): Promise<Operator> {
  return {
    id, storeId: 'S001', name: `Name of ${id}`, roles, active: true, updatedAt: '2026-11-27T08:00:00.000Z',
    ...(pin ? { pinHash: await hashPin(pin, TEST_ITERATIONS) } : {}),
    ...patch,
  };
}

export function product(sku: string, name: string, barcodes: string[] = [], aisle = 'A1'): Product {
  return {
    sku, storeId: 'S001', name, barcodes, location: { aisle, shelf: 'S1', bin: 'B1' }, locationKey: `${aisle}|S1|B1`, unitPrice: 100, unit: 'pc',
    updatedAt: '2026-11-27T08:00:00.000Z',
  };
}
