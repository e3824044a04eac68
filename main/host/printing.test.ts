import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { httpPlatform } from '../../renderer/platform/index.js';
import { buildPackageLabels, packagesOf } from '../../renderer/features/printing/labels.js';
import { type PrinterConfig, type StoreOpsContract } from '../contract.js';
import { startPrinterSimulator, type PrinterSimulator } from '../devices/printer/simulator.js';
import { decodeBarcode, parseTspl, rasterizeZpl, sampleLabel } from '../devices/printer/test-support.js';
import { PRINTERS_FILE } from '../devices/printer/printer-store.js';
import { createStoreOps } from '../service.js';
import { SettingsStore } from '../settings/index.js';
import { startWebHost, type WebHost } from './server.js';
import { closedPort, contractError, tempDirs } from './test-support.js';

/** The printing half of the contract, as the renderer calls it: over HTTP to the web host, out to a printer on TCP. */

let dirs: Awaited<ReturnType<typeof tempDirs>>;
let host: WebHost;
let client: StoreOpsContract;
/** Who changes the printers: the change log names them. */
const by = { operatorId: 'mgr-1' };
let sim: PrinterSimulator;

async function startHost(): Promise<void> {
  const settings = new SettingsStore(dirs.dataDir);
  // Raw-TCP timeouts short enough that a wrong test fails fast; the PDF route is not exercised here.
  const ops = createStoreOps({ settings, mode: 'web', version: '0.0.0-test', printing: { raw: { timeoutMs: 5_000, closeGraceMs: 200 } } });
  host = await startWebHost({ ops, settings, rendererDir: dirs.rendererDir, port: 0 });
  client = httpPlatform(host.url.replace(/\/$/, ''));
}

beforeAll(async () => {
  dirs = await tempDirs();
  await startHost();
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
});


const zebra = (): PrinterConfig => ({ id: 'pack-1', name: 'Packing 1', kind: 'raw-tcp', host: sim.host, port: sim.port, language: 'zpl', size: '60x40', dpi: 203 });

describe('printer settings through the contract', () => {
  it('adds, edits and deletes printers, and they survive a restart of the host', async () => {
    expect(await client.listPrinters()).toEqual([]);
    await client.savePrinter(zebra(), by);
    await client.savePrinter({ id: 'office', name: 'Office', kind: 'pdf', size: '100x150', dpi: 300 }, by);
    // Saving the same id again edits it; a raw printer without a port gets 9100.
    const { port: _port, ...noPort } = zebra();
    const edited = await client.savePrinter({ ...noPort, name: 'Packing 1 (TSC)', language: 'tspl' }, by);
    expect(edited.find((p) => p.id === 'pack-1')).toEqual({ ...noPort, name: 'Packing 1 (TSC)', language: 'tspl', port: 9100 });

    await host.close();
    await startHost();
    expect(await client.listPrinters()).toEqual(edited);
    expect(JSON.parse(await readFile(path.join(dirs.dataDir, PRINTERS_FILE), 'utf8'))).toEqual(edited);

    expect(await client.deletePrinter('office', { operatorId: 'mgr-2' })).toEqual(edited.filter((p) => p.id !== 'office'));
    expect((await contractError(client.deletePrinter('office', by))).code).toBe('PRINTER_NOT_FOUND');
  });

  it('keeps who changed the printers, and how, in the terminal\'s change log, across a restart', async () => {
    const before = (await client.listTerminalChanges()).length;
    await client.savePrinter(zebra(), by);
    await client.savePrinter({ ...zebra(), name: 'Packing 1 (left)' }, by);
    await client.deletePrinter('pack-1', { operatorId: 'mgr-2' });
    // A refused change is no change: nothing is logged.
    await contractError(client.deletePrinter('pack-1', by));
    await host.close();
    await startHost();
    const changes = await client.listTerminalChanges({ limit: 3 });
    expect(changes.map((c) => [c.what, c.subject, c.operatorId, c.before?.name ?? null, c.after?.name ?? null])).toEqual([
      ['printer.deleted', 'pack-1', 'mgr-2', 'Packing 1 (left)', null],
      ['printer.changed', 'pack-1', 'mgr-1', 'Packing 1', 'Packing 1 (left)'],
      ['printer.added', 'pack-1', 'mgr-1', null, 'Packing 1'],
    ]);
    expect((await client.listTerminalChanges()).length).toBe(before + 3);
    expect(changes.every((c) => !Number.isNaN(Date.parse(c.at)))).toBe(true);
  });

  it('refuses a change that does not say who makes it', async () => {
    const call = (method: string, args: unknown[]) =>
      fetch(`${host.url.replace(/\/$/, '')}/contract/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-store-ops': '1' }, body: JSON.stringify({ args }) });
    for (const args of [[zebra()], [zebra(), {}], [zebra(), { operatorId: 'x y' }], [zebra(), { operatorId: 'm', role: 'manager' }]]) {
      const res = await call('savePrinter', args);
      expect(res.status, JSON.stringify(args)).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('INVALID_INPUT');
    }
    expect((await call('deletePrinter', ['pack-1'])).status).toBe(400);
    expect(await client.listPrinters()).toEqual([]);
  });

  it('refuses an invalid printer with PRINTER_CONFIG_INVALID and bad shapes with INVALID_INPUT', async () => {
    const badPort = await contractError(client.savePrinter({ ...zebra(), port: 70000 }, by));
    expect(badPort).toMatchObject({ code: 'PRINTER_CONFIG_INVALID', message: expect.stringMatching(/port/) });
    const noHost = await contractError(client.savePrinter({ ...zebra(), host: 'http://x/y' }, by));
    expect(noHost.code).toBe('PRINTER_CONFIG_INVALID');
    expect((await contractError(client.savePrinter({ ...zebra(), extra: 1 } as PrinterConfig, by))).code).toBe('PRINTER_CONFIG_INVALID');
    expect((await contractError(client.deletePrinter(42 as unknown as string, by))).code).toBe('INVALID_INPUT');
    expect((await contractError(client.listPrintLog({ limit: -1 }))).code).toBe('INVALID_INPUT');
    expect(await client.listPrinters()).toEqual([]);
  });
});

describe('printing labels through the contract to the printer simulator', () => {
  const order = {
    id: 'EO-20260601-0042',
    storeId: 'S001',
    fulfilment: { type: 'delivery' as const, slot: { kind: '2h' as const, dueAt: '2026-06-01T08:00:00.000Z' } },
    customer: { name: '李雷', phone: '139-0000-1234' },
  };
  const store = { name: '静安门店', timeZone: 'Asia/Shanghai' };

  it('prints the labels the order screen builds, and each job scans back to its package id', async () => {
    await client.savePrinter(zebra(), by);
    const labels = buildPackageLabels(order, packagesOf(2), store);
    const results = await client.printLabels({ printerId: 'pack-1', operatorId: 'op-7', labels });
    expect(results.map((r) => [r.packageId, r.printerId, r.reprint])).toEqual([
      ['EO-20260601-0042-P1', 'pack-1', false],
      ['EO-20260601-0042-P2', 'pack-1', false],
    ]);
    const jobs = await sim.waitForJobs(2);
    const rasters = jobs.map((j) => rasterizeZpl(new TextDecoder().decode(j.bytes)));
    expect(rasters.map((r) => decodeBarcode(r, 'code128'))).toEqual(['EO-20260601-0042-P1', 'EO-20260601-0042-P2']);
    expect(rasters.map((r) => decodeBarcode(r, 'qr'))).toEqual(labels.map((l) => l.qrText));

    const log = await client.listPrintLog({ orderId: order.id });
    expect(log.map((e) => [e.packageId, e.operatorId, e.outcome, e.reprint])).toEqual([
      ['EO-20260601-0042-P2', 'op-7', 'sent', false],
      ['EO-20260601-0042-P1', 'op-7', 'sent', false],
    ]);
    expect(log[0]?.label.maskedPhone).toBe('*******1234');
  });

  it('reprints with a reason on another printer (TSPL, 300 dpi), audited', async () => {
    await client.savePrinter(zebra(), by);
    await client.savePrinter({ id: 'tsc', name: 'TSC', kind: 'raw-tcp', host: sim.host, port: sim.port, language: 'tspl', size: '100x150', dpi: 300 }, by);
    const label = sampleLabel({ packageId: 'EO-77-P1', orderId: 'EO-77', packageNo: 1, packageCount: 1 });
    await client.printLabels({ printerId: 'pack-1', operatorId: 'op-1', labels: [label] });
    const again = await client.reprintLabel({ packageId: 'EO-77-P1', operatorId: 'op-2', reason: 'label torn', printerId: 'tsc' });
    expect(again).toMatchObject({ packageId: 'EO-77-P1', printerId: 'tsc', reprint: true });
    const [, tspl] = await sim.waitForJobs(2);
    expect(tspl?.language).toBe('tspl');
    expect(decodeBarcode(parseTspl(tspl?.bytes ?? new Uint8Array(), 300).raster, 'code128')).toBe('EO-77-P1');
    const log = await client.listPrintLog({ packageId: 'EO-77-P1' });
    expect(log.map((e) => [e.operatorId, e.printerId, e.reprint, e.reason ?? null])).toEqual([
      ['op-2', 'tsc', true, 'label torn'],
      ['op-1', 'pack-1', false, null],
    ]);
    expect((await contractError(client.reprintLabel({ packageId: 'EO-NEVER-P1', operatorId: 'op-2', reason: 'lost' }))).code).toBe('PRINT_JOB_NOT_FOUND');
  });

  it('reports an unreachable printer, an unknown printer and an invalid label with their codes', async () => {
    await client.savePrinter({ ...zebra(), id: 'down', port: await closedPort() }, by);
    const label = sampleLabel({ packageId: 'EO-5-P1' });
    const down = await contractError(client.printLabels({ printerId: 'down', operatorId: 'op-1', labels: [label] }));
    expect(down).toMatchObject({ code: 'PRINTER_UNREACHABLE', message: expect.stringMatching(/unreachable/) });
    expect(await client.listPrintLog({ packageId: 'EO-5-P1' })).toMatchObject([{ outcome: 'failed', errorCode: 'PRINTER_UNREACHABLE' }]);

    expect((await contractError(client.printLabels({ printerId: 'nope', operatorId: 'op-1', labels: [label] }))).code).toBe('PRINTER_NOT_FOUND');
    const rawPhone = await contractError(client.printLabels({ printerId: 'down', operatorId: 'op-1', labels: [{ ...label, maskedPhone: '13812345678' }] }));
    expect(rawPhone.code).toBe('LABEL_INVALID');
    const extra = { ...label, note: 'x' };
    expect((await contractError(client.printLabels({ printerId: 'down', operatorId: 'op-1', labels: [extra] }))).code).toBe('LABEL_INVALID');
    expect((await contractError(client.printLabels({ printerId: 'down', operatorId: 'op-1', labels: [] }))).code).toBe('INVALID_INPUT');
    expect((await contractError(client.printLabels({ printerId: 'down', operatorId: '', labels: [label] }))).code).toBe('INVALID_INPUT');
    expect(sim.jobs()).toHaveLength(0);
  });
});
