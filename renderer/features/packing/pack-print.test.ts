import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { filter, firstValueFrom } from 'rxjs';
import { v7 as uuidv7 } from 'uuid';
import type { PrinterConfig, StoreOpsContract } from '../../../main/contract.js';
import { startPrinterSimulator, type PrinterSimulator } from '../../../main/devices/printer/simulator.js';
import { decodeBarcode, rasterizeZpl } from '../../../main/devices/printer/test-support.js';
import { createStoreOps } from '../../../main/service.js';
import { SettingsStore } from '../../../main/settings/index.js';
import { startWebHost, type WebHost } from '../../../main/host/server.js';
import { closedPort, tempDirs } from '../../../main/host/test-support.js';
import { httpPlatform } from '../../platform/index.js';
import { indexProducts, newPackage, scanItem, startPacking, type OrderEvent, type PackState } from '../../../sync/model/index.js';
import type { TerminalDb } from '../../db/index.js';
import { closeTestDbs, openTestDb, operator, product } from '../../testing/db.js';
import { queueRow$ } from '../orders/live.js';
import { printPackageLabels } from '../printing/use-print-labels.js';
import type { PrintPackageLabels } from '../printing/use-print-labels.js';
import { packSource } from './pack-order.js';
import { printPackedLabels } from './pack-print.js';
import { finishAndRecord } from './pack-store.js';
import { packOrder, PICKED_LINES, pickedEvents } from './packing.testkit.js';

/**
 * Finish → packed event → one label per package, as the packing screen does it: through the contract over HTTP to
 * the web host, out on TCP to the printer simulator, each job decoded back to its package id.
 */

let dirs: Awaited<ReturnType<typeof tempDirs>>;
let host: WebHost;
let client: StoreOpsContract;
/** Who changes the printers: the change log names them. */
const by = { operatorId: 'mgr-1' };
let sim: PrinterSimulator;

beforeAll(async () => {
  dirs = await tempDirs();
  const settings = new SettingsStore(dirs.dataDir);
  const ops = createStoreOps({ settings, mode: 'web', version: '0.0.0-test', printing: { raw: { timeoutMs: 5_000, closeGraceMs: 200 } } });
  host = await startWebHost({ ops, settings, rendererDir: dirs.rendererDir, port: 0 });
  client = httpPlatform(host.url.replace(/\/$/, ''));
});
afterAll(async () => {
  await host?.close();
  await dirs?.cleanup();
});
beforeEach(async () => {
  sim = await startPrinterSimulator();
  for (const p of await client.listPrinters()) await client.deletePrinter(p.id, by);
});
afterEach(async () => {
  await sim.close();
  await closeTestDbs();
});

const zebra = (): PrinterConfig => ({ id: 'pack-1', name: 'Packing 1', kind: 'raw-tcp', host: sim.host, port: sim.port, language: 'zpl', size: '60x40', dpi: 203 });
const catalogue = [product('TEA', 'Green tea', ['690001']), product('MILK', 'Milk 1L', ['690002']), product('OATMILK', 'Oat milk', ['690003'])];
const products = indexProducts(catalogue);
const scans = (s: PackState, ...codes: string[]) => codes.reduce((st, c) => scanItem(st, c, products), s);

/** An order packed into three packages and recorded; returns its packages. The host's print log outlives a test: one order id per test. */
async function packedOrder(db: TerminalDb, orderId: string) {
  await db.operators.insert(await operator('pack-1', ['packer'], null));
  await db.products.bulkInsert(catalogue);
  await db.orders.insert(packOrder(orderId));
  await db.order_events.bulkInsert(pickedEvents(PICKED_LINES, orderId));
  const row = await firstValueFrom(queueRow$(db, orderId).pipe(filter((r) => r !== null)));
  const s = scans(newPackage(scans(newPackage(scans(startPacking(orderId, packSource(row).expected), '690001', '690001')), '690002')), '690003');
  const actor = { operatorId: 'pack-1', roles: ['packer' as const], deviceId: 'dev-1', storeId: 'S001' };
  const outcome = await finishAndRecord(db, row, s, actor, uuidv7, () => new Date('2026-11-27T09:40:00.000Z'));
  if (!outcome.ok) throw new Error(`packing refused: ${outcome.code} ${outcome.message}`);
  return outcome.packages;
}

const decodedIds = async (count: number) =>
  (await sim.waitForJobs(count)).map((j) => decodeBarcode(rasterizeZpl(new TextDecoder().decode(j.bytes)), 'code128'));

describe('labels of a finished packing', () => {
  it('reach the printer one per package, each scanning back to its package id', async () => {
    const ORDER_ID = 'EO-PRINT-1';
    const db = await openTestDb();
    const packages = await packedOrder(db, ORDER_ID);
    await client.savePrinter(zebra(), by);
    const print: PrintPackageLabels = (...args) => printPackageLabels(db, client, ...args);
    const outcome = await printPackedLabels(print, (q) => client.listPrintLog(q), packOrder(ORDER_ID), packages, [], 'pack-1', 'pack-1');
    expect(outcome).toEqual({ ok: true, printedIds: [`${ORDER_ID}-P1`, `${ORDER_ID}-P2`, `${ORDER_ID}-P3`], pdfPath: null });
    expect(await decodedIds(3)).toEqual(packages.map((p) => p.id));
    const log = await client.listPrintLog({ orderId: ORDER_ID });
    expect(log.map((e) => [e.packageId, e.label.packageNo, e.label.packageCount, e.operatorId]).reverse()).toEqual(packages.map((p) => [p.id, p.n, 3, 'pack-1']));
  });

  it('keeps the packed event when the printer fails, and a retry prints only the labels not yet on paper', async () => {
    const ORDER_ID = 'EO-PRINT-2';
    const db = await openTestDb();
    const packages = await packedOrder(db, ORDER_ID);
    await client.savePrinter({ ...zebra(), id: 'down', port: await closedPort() }, by);
    await client.savePrinter(zebra(), by);
    const print: PrintPackageLabels = (...args) => printPackageLabels(db, client, ...args);
    const listLog = (q: { orderId?: string }) => client.listPrintLog(q);

    const failed = await printPackedLabels(print, listLog, packOrder(ORDER_ID), packages, [], 'down', 'pack-1');
    expect(failed).toMatchObject({ ok: false, printedIds: [], error: { code: 'PRINTER_UNREACHABLE' } });
    const events = (await db.order_events.find({ selector: { orderId: ORDER_ID } }).exec()).map((d) => d.toJSON() as OrderEvent);
    expect(events.filter((e) => e.type === 'packed').map((e) => e.packages?.length)).toEqual([3]);

    // Package 1's label went out before the printer stopped: the log says so, and the retry leaves it alone.
    await print(packOrder(ORDER_ID), [{ n: 1, of: 3 }], 'pack-1', 'pack-1');
    expect(await decodedIds(1)).toEqual([`${ORDER_ID}-P1`]);
    const stopped = await printPackedLabels(print, listLog, packOrder(ORDER_ID), packages, failed.printedIds, 'down', 'pack-1');
    expect(stopped).toMatchObject({ ok: false, printedIds: [`${ORDER_ID}-P1`] });

    const retried = await printPackedLabels(print, listLog, packOrder(ORDER_ID), packages, stopped.printedIds, 'pack-1', 'pack-1');
    expect(retried).toEqual({ ok: true, printedIds: packages.map((p) => p.id), pdfPath: null });
    expect(await decodedIds(3)).toEqual(packages.map((p) => p.id));
    const sent = (await listLog({ orderId: ORDER_ID })).filter((e) => e.outcome === 'sent').map((e) => e.packageId);
    expect(sent.sort()).toEqual(packages.map((p) => p.id));
  });
});
