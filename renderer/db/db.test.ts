import { afterEach, describe, expect, it } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { openTerminalDb, quarantineId, type TerminalDb } from './index.js';
import type { Order, OrderEvent, Product } from '../../sync/model/index.js';
import { COLLECTION_NAMES } from '../../sync/model/collections.js';

const opened: TerminalDb[] = [];
let n = 0;
async function open(devMode = true): Promise<TerminalDb> {
  const db = await openTerminalDb({ name: `dbtest${++n}${Date.now()}`, indexedDB, IDBKeyRange, devMode, multiInstance: false });
  opened.push(db);
  return db;
}
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.close()));
});

const product: Product = {
  sku: 'SKU-1', storeId: 'S001', name: 'Milk 1L', barcodes: ['6901234567890'],
  location: { aisle: 'A2', shelf: 'S1', bin: 'B3' }, locationKey: 'A0002|S0001|B0003', unitPrice: 1290, unit: 'pc',
  updatedAt: '2026-11-27T09:00:00.000Z',
};
const order: Order = {
  id: 'EO-1', storeId: 'S001', placedAt: '2026-11-27T09:12:00.000Z', dueAt: '2026-11-27T10:12:00.000Z',
  fulfilment: { type: 'delivery', slot: { kind: '1h', dueAt: '2026-11-27T10:12:00.000Z' }, address: { line1: 'x', city: 'Shenzhen' } },
  customer: { name: 'Li', phone: '13800000000' }, payment: { method: 'cod', amount: 2580, currency: 'CNY', paid: false },
  lines: [{ sku: 'SKU-1', name: 'Milk 1L', qty: 2, unitPrice: 1290 }],
  receivedAt: '2026-11-27T09:12:01.000Z', updatedAt: '2026-11-27T09:12:01.000Z',
};
const event: OrderEvent = {
  id: '0190b6a0-0000-7000-8000-000000000001', storeId: 'S001', orderId: 'EO-1', type: 'accepted',
  at: '2026-11-27T09:13:00.000Z', operatorId: 'op1', deviceId: 'dev1',
};

describe('openTerminalDb', () => {
  it('creates every collection from sync/model with dev-mode schema checks, plus quarantine', async () => {
    const db = await open();
    expect(Object.keys(db.collections).sort()).toEqual([...COLLECTION_NAMES, 'quarantine'].sort());
    await db.products.insert(product);
    await db.orders.insert(order);
    await db.order_events.insert(event);
    await db.quarantine.insert({
      id: quarantineId('order_events', event.id), collectionName: 'order_events', documentId: event.id,
      code: 'STORE_MISMATCH', message: 'no', document: JSON.stringify(event), at: '2026-11-27T09:14:00.000Z',
    });
    const sorted = await db.orders.find({ sort: [{ dueAt: 'asc' }] }).exec();
    expect(sorted.map((d) => d.id)).toEqual(['EO-1']);
    expect((await db.order_events.find({ selector: { orderId: 'EO-1' } }).exec()).length).toBe(1);
    expect((await db.products.find({ sort: [{ locationKey: 'asc' }] }).exec())[0]?.sku).toBe('SKU-1');
  });

  it('refuses a document that breaks its schema in dev mode', async () => {
    const db = await open();
    await expect(db.order_events.insert({ ...event, id: 'not-a-uuid' })).rejects.toThrow();
    await expect(db.orders.insert({ ...order, lines: [] })).rejects.toThrow();
  });

  it('keeps data across a reopen of the same name', async () => {
    const name = `persist${Date.now()}`;
    const first = await openTerminalDb({ name, indexedDB, IDBKeyRange, multiInstance: false });
    await first.order_events.insert(event);
    await first.close();
    const second = await openTerminalDb({ name, indexedDB, IDBKeyRange, multiInstance: false });
    opened.push(second);
    expect((await second.order_events.findOne(event.id).exec())?.type).toBe('accepted');
  });
});

describe('order_events schema migration', () => {
  it('keeps a v0 terminal’s events when the terminal opens with v1', async () => {
    const { createRxDatabase } = await import('rxdb');
    const { getRxStorageDexie } = await import('rxdb/plugins/storage-dexie');
    const { wrappedValidateAjvStorage } = await import('rxdb/plugins/validate-ajv');
    const { orderEventSchema, ORDER_EVENT_TYPES } = await import('../../sync/model/order-event.js');
    // The v0 schema as it shipped: status types only, none of batchId, lines or packages.
    const { batchId: _b, lines: _l, packages: _p, ...v0props } = orderEventSchema.properties;
    const v0 = { ...orderEventSchema, version: 0, properties: { ...v0props, type: { type: 'string', enum: ORDER_EVENT_TYPES, maxLength: 32 } } };
    const name = `migrate${Date.now()}`;
    const old = await createRxDatabase({
      name, multiInstance: false, storage: wrappedValidateAjvStorage({ storage: getRxStorageDexie({ indexedDB, IDBKeyRange }) }),
    });
    await old.addCollections({ order_events: { schema: structuredClone(v0) as never } });
    await old.collections.order_events?.insert(event);
    await old.close();

    const db = await openTerminalDb({ name, indexedDB, IDBKeyRange, devMode: true, multiInstance: false });
    opened.push(db);
    const migrated = await db.order_events.findOne(event.id).exec();
    expect(migrated?.toJSON()).toEqual(event);
    // and the new shape is writable
    await db.order_events.insert({ ...event, id: '0190a000-0000-7000-8000-0000000000ff', type: 'batch_claimed', batchId: 'B-1' });
    expect(await db.order_events.count().exec()).toBe(2);
  });
});

describe('operators schema migration', () => {
  it('drops a v0 terminal’s PIN hashes from IndexedDB when it opens with v1, keeping only hasPin', async () => {
    const { createRxDatabase } = await import('rxdb');
    const { getRxStorageDexie } = await import('rxdb/plugins/storage-dexie');
    const { wrappedValidateAjvStorage } = await import('rxdb/plugins/validate-ajv');
    const { operatorSchema } = await import('../../sync/model/operator.js');
    const { hashPin } = await import('../../sync/model/pin.js');
    const { dumpAllIndexedDb } = await import('../testing/dump.js');
    // The v0 schema as it shipped: an optional pinHash, no hasPin.
    const { hasPin: _h, ...v0props } = operatorSchema.properties;
    const pinHash = {
      type: 'object', additionalProperties: false, required: ['algo', 'iterations', 'salt', 'hash'],
      properties: { algo: { type: 'string', enum: ['pbkdf2-sha256'] }, iterations: { type: 'integer' }, salt: { type: 'string' }, hash: { type: 'string' } },
    };
    const v0 = { ...operatorSchema, version: 0, properties: { ...v0props, pinHash }, required: operatorSchema.required.filter((k) => k !== 'hasPin') };
    const hash = await hashPin('73915286', 100_000);
    const base = { storeId: 'S001', roles: ['manager'], active: true, updatedAt: '2026-11-27T08:00:00.000Z' };
    const name = `migrateops${Date.now()}`;
    const old = await createRxDatabase({
      name, multiInstance: false, storage: wrappedValidateAjvStorage({ storage: getRxStorageDexie({ indexedDB, IDBKeyRange }) }),
    });
    await old.addCollections({ operators: { schema: structuredClone(v0) as never } });
    await old.collections.operators?.bulkInsert([{ ...base, id: 'mgr-1', name: 'Wang', pinHash: hash }, { ...base, id: 'pck-1', name: 'Li' }]);
    expect(await dumpAllIndexedDb()).toContain(hash.salt);
    await old.close();

    const db = await openTerminalDb({ name, indexedDB, IDBKeyRange, devMode: true, multiInstance: false });
    opened.push(db);
    const docs = (await db.operators.find({ sort: [{ id: 'asc' }] }).exec()).map((d) => d.toJSON());
    expect(docs).toEqual([{ ...base, id: 'mgr-1', name: 'Wang', hasPin: true }, { ...base, id: 'pck-1', name: 'Li', hasPin: false }]);
    // Nothing of the hash is left anywhere in IndexedDB: not in the new collection, not in the old one's storage.
    // (The word pinHash is: RxDB keeps the old schema's description in its internal store.)
    const dump = await dumpAllIndexedDb();
    expect(dump).toContain('mgr-1');
    for (const secret of [hash.salt, hash.hash]) expect(dump).not.toContain(secret);
  });
});
