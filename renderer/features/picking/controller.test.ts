import { readFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { filter, firstValueFrom } from 'rxjs';
import { v7 as uuidv7 } from 'uuid';
import { batchNumber, currentStop, type Order, type OrderEvent } from '../../../sync/model/index.js';
import { createStoreOps } from '../../../main/service.js';
import { SettingsStore } from '../../../main/settings/index.js';
import { tempDirs } from '../../../main/host/test-support.js';
import { CJK_TEST_FONT, pdfText } from '../../../main/devices/printer/test-support.js';
import { useStoreTimeZone } from '../../ui/store-time-zone.js';
import { closeTestDbs, openTestDb, operator, product } from '../../testing/db.js';
import type { TerminalDb } from '../../db/index.js';
import type { Actor } from '../approval/authorize.js';
import { PickController } from './controller.js';
import { pickSource$ } from './live.js';
import { loadWalk } from './walk-store.js';
import type { PickSource } from './source.js';
import { resetPickUi, usePickUi } from './ui-state.js';

afterEach(closeTestDbs);

const actor: Actor = { operatorId: 'pk-1', roles: ['picker'], deviceId: 'dev-1', storeId: 'S001' };
const BARCODE = { P1: '6900000000011', P2: '6900000000028' } as const;

function order(id: string, sku: 'P1' | 'P2', dueMin: number): Order {
  const dueAt = new Date(Date.now() + dueMin * 60_000).toISOString();
  const placed = new Date(Date.now() - 60_000).toISOString();
  return {
    id, storeId: 'S001', placedAt: placed, dueAt,
    fulfilment: { type: 'delivery', slot: { kind: '1h', dueAt } },
    customer: { name: 'Li', phone: '13911112222' }, payment: { method: 'online', amount: 100, currency: 'CNY', paid: true },
    lines: [{ sku, name: `Item ${sku}`, qty: 1, unitPrice: 100 }],
    receivedAt: placed, updatedAt: placed,
  };
}

const accepted = (orderId: string): OrderEvent => ({
  id: uuidv7(), storeId: 'S001', orderId, type: 'accepted', at: new Date(Date.now() - 30_000).toISOString(), operatorId: 'pk-1', deviceId: 'dev-0',
});

/** The main side as the terminal runs it, in this process, on a temporary data dir; no print system takes PDFs. */
let dirs: Awaited<ReturnType<typeof tempDirs>>;
let ops: ReturnType<typeof createStoreOps>;
beforeAll(async () => {
  dirs = await tempDirs();
  ops = createStoreOps({
    settings: new SettingsStore(dirs.dataDir), mode: 'web', version: '0.0.0-test',
    printing: { pdfHandoff: { submit: () => Promise.resolve(null) }, cjkFont: () => readFile(CJK_TEST_FONT).then((b) => new Uint8Array(b)) },
  });
});
afterAll(() => dirs?.cleanup());

async function started(): Promise<{ db: TerminalDb; controller: PickController }> {
  const db = await openTestDb();
  await db.operators.insert(await operator('pk-1', ['picker'], null));
  await db.products.bulkInsert([product('P1', 'Tea', [BARCODE.P1], 'A1'), product('P2', 'Rice', [BARCODE.P2], 'A2')]);
  await db.orders.bulkInsert([order('O1', 'P1', 30), order('O2', 'P2', 40)]);
  await db.order_events.bulkInsert([accepted('O1'), accepted('O2')]);
  const source = await firstValueFrom(pickSource$(db, 'S001').pipe(filter((s: PickSource) => s.rows.length === 2)));
  resetPickUi();
  const controller = new PickController({ db, actor, operatorName: () => 'Li Picker', platform: ops, newId: uuidv7, source: () => source });
  await controller.restore();
  controller.build();
  await controller.start();
  expect(usePickUi.getState().walk?.claimed).toBe(true);
  return { db, controller };
}

const walk = () => {
  const state = usePickUi.getState().walk?.state;
  if (!state) throw new Error('no walk on screen');
  return state;
};

describe('the pick screen without a working barcode', () => {
  it('takes a damaged barcode typed as digits, or keyed in with K, and a tote typed as its number', async () => {
    const { controller } = await started();
    // Stop 1: the digits under the barcode, typed and Enter: a code, not a quantity of 6.9 trillion.
    const first = currentStop(walk());
    if (!first) throw new Error('no stop');
    controller.keys([...BARCODE[first.sku as 'P1' | 'P2']]);
    controller.enter();
    expect(walk().current.counted).toBe(1);
    controller.enter();
    // Stop 2: K opens the keyed entry; what is typed there is handled as a scan.
    const second = currentStop(walk());
    if (!second) throw new Error('no second stop');
    controller.keys(['k']);
    expect(usePickUi.getState().keyed).toBe(true);
    controller.keyedCode(BARCODE[second.sku as 'P1' | 'P2']);
    expect(usePickUi.getState().keyed).toBe(false);
    expect(walk().current.counted).toBe(1);
    controller.enter();
    expect(walk().phase).toBe('put');

    // The put-wall: the item by its typed barcode, then the tote by its typed number.
    for (const sku of ['P1', 'P2'] as const) {
      controller.keys([...BARCODE[sku]]);
      controller.enter();
      expect(walk().feedback.code).toBe('PUT_TO_TOTE');
      const tote = String(walk().feedback.params.tote);
      controller.keys([...tote]);
      expect(usePickUi.getState().draft).toBe(tote);
      controller.enter();
      expect(walk().feedback.code).toBe(sku === 'P2' ? 'ALL_PUT' : 'PUT_DONE');
    }
    await waitUntil(() => usePickUi.getState().stage.kind === 'summary');
  });

  it('drops what a scan read only in part had typed, so it is never taken for a quantity', async () => {
    const { db, controller } = await started();
    controller.keys([...'1000017']);
    controller.incompleteScan();
    expect(usePickUi.getState().draft).toBe('');
    controller.enter();
    // Enter on an empty draft asks to confirm a stop with nothing counted: no quantity was set.
    expect(walk().current.counted).toBe(0);
    await saved(db);
  });
});

describe('printing the pick list', () => {
  it("says the file was only saved when no print system took it, and prints the operator's name and the store's time", async () => {
    useStoreTimeZone.setState({ timeZone: 'Asia/Shanghai' });
    const { db, controller } = await started();
    await controller.print();
    const note = usePickUi.getState().note;
    expect(note).toMatchObject({ kind: 'printSaved', ok: false });
    const path = String(note?.params.path);
    const text = await pdfText(new Uint8Array(await readFile(path)));
    expect(text).toContain('Li Picker');
    expect(text).toContain('(Asia/Shanghai)');
    expect(text).toContain(`Batch ${batchNumber(walk().batchId)}`);
    expect(text).toMatch(/TOTE:1/);
    await saved(db);
  });
});

/** Waits until the walk on screen is the one saved on disk, so no write is left running when the database closes. */
async function saved(db: TerminalDb): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const onDisk = await loadWalk(db, actor.operatorId);
    if (JSON.stringify(onDisk?.state) === JSON.stringify(usePickUi.getState().walk?.state)) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the walk was never saved');
}

async function waitUntil(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
