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
  for (const p of await client.listPrinters()) await client.deletePrinter(p.id);
});

afterEach(async () => {
  await sim.close();
});


const zebra = (): PrinterConfig => ({ id: 'pack-1', name: 'Packing 1', kind: 'raw-tcp', host: sim.host, port: sim.port, language: 'zpl', size: '60x40', dpi: 203 });

describe('printer settings through the contract', () => {
  it('adds, edits and deletes printers, and they survive a restart of the host', async () => {
    expect(await client.listPrinters()).toEqual([]);
    await client.savePrinter(zebra());
    await client.savePrinter({ id: 'office', name: 'Office', kind: 'pdf', size: '100x150', dpi: 300 });
    // Saving the same id again edits it; a raw printer without a port gets 9100.
    const { port: _port, ...noPort } = zebra();
    const edited = await client.savePrinter({ ...noPort, name: 'Packing 1 (TSC)', language: 'tspl' });
    expect(edited.find((p) => p.id === 'pack-1')).toEqual({ ...noPort, name: 'Packing 1 (TSC)', language: 'tspl', port: 9100 });

    await host.close();
    await startHost();
    expect(await client.listPrinters()).toEqual(edited);
    expect(JSON.parse(await readFile(path.join(dirs.dataDir, PRINTERS_FILE), 'utf8'))).toEqual(edited);

    expect(await client.deletePrinter('office')).toEqual(edited.filter((p) => p.id !== 'office'));
    expect((await contractError(client.deletePrinter('office'))).code).toBe('PRINTER_NOT_FOUND');
  });

  it('refuses an invalid printer with PRINTER_CONFIG_INVALID and bad shapes with INVALID_INPUT', async () => {
    const badPort = await contractError(client.savePrinter({ ...zebra(), port: 70000 }));
    expect(badPort).toMatchObject({ code: 'PRINTER_CONFIG_INVALID', message: expect.stringMatching(/port/) });
    const noHost = await contractError(client.savePrinter({ ...zebra(), host: 'http://x/y' }));
    expect(noHost.code).toBe('PRINTER_CONFIG_INVALID');
    expect((await contractError(client.savePrinter({ ...zebra(), extra: 1 } as PrinterConfig))).code).toBe('PRINTER_CONFIG_INVALID');
    expect((await contractError(client.deletePrinter(42 as unknown as string))).code).toBe('INVALID_INPUT');
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
    await client.savePrinter(zebra());
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
    await client.savePrinter(zebra());
    await client.savePrinter({ id: 'tsc', name: 'TSC', kind: 'raw-tcp', host: sim.host, port: sim.port, language: 'tspl', size: '100x150', dpi: 300 });
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
    await client.savePrinter({ ...zebra(), id: 'down', port: await closedPort() });
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
