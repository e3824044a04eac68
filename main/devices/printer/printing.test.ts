import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { layoutLabel } from '../../../sync/model/label.js';
import { PRINT_LOG_FILE } from './print-log.js';
import { printRaw } from './raw-tcp.js';
import { createPrinterService } from './service.js';
import { startPrinterSimulator, type PrinterSimulator } from './simulator.js';
import { CJK_TEST_FONT, decodeBarcode, parseTspl, rasterizePdf, rasterizeZpl, sampleLabel } from './test-support.js';
import { renderZpl } from './zpl.js';

let sim: PrinterSimulator;
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'printer-test-'));
  sim = await startPrinterSimulator({ dir: join(dir, 'sim') });
});

afterEach(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('printRaw + simulator', () => {
  it('delivers the exact bytes, and the barcodes decode from what the printer received', async () => {
    const label = sampleLabel();
    const zpl = renderZpl(layoutLabel(label, '60x40', 203));
    await printRaw(sim.host, sim.port, new TextEncoder().encode(zpl));
    const [job] = await sim.waitForJobs(1);
    expect(job?.language).toBe('zpl');
    const received = new TextDecoder().decode(job?.bytes);
    expect(received).toBe(zpl);
    expect(decodeBarcode(rasterizeZpl(received), 'code128')).toBe(label.packageId);
    expect(job?.file && (await readFile(job.file, 'utf8'))).toBe(zpl);
  });

  it('reports PRINTER_UNREACHABLE when nothing listens', async () => {
    const port = await freePort();
    await expect(printRaw('127.0.0.1', port, new Uint8Array([1]))).rejects.toMatchObject({ code: 'PRINTER_UNREACHABLE' });
  });

  it('reports PRINTER_TIMEOUT when the printer stops taking data', async () => {
    // A printer that accepts the connection but never reads (out of paper, head open).
    const held = new Set<Socket>();
    const stuck: Server = createServer((s) => {
      held.add(s);
      s.pause();
    });
    await new Promise<void>((r) => stuck.listen(0, '127.0.0.1', r));
    const { port } = stuck.address() as AddressInfo;
    try {
      const huge = new Uint8Array(64 * 1024 * 1024);
      await expect(printRaw('127.0.0.1', port, huge, { timeoutMs: 300 })).rejects.toMatchObject({ code: 'PRINTER_TIMEOUT' });
    } finally {
      for (const s of held) s.destroy();
      await new Promise<void>((r) => stuck.close(() => r()));
    }
  });
});

describe('printer service', () => {
  const service = () =>
    createPrinterService({
      dataDir: dir,
      cjkFont: async () => (existsSync(CJK_TEST_FONT) ? new Uint8Array(await readFile(CJK_TEST_FONT)) : null),
      pdfHandoff: { submit: async (path) => (handedOff.push(path), null) },
    });
  let handedOff: string[] = [];
  beforeEach(() => {
    handedOff = [];
  });

  it('keeps printers in settings and refuses invalid ones', async () => {
    const svc = service();
    await svc.savePrinter({ id: 'pack-1', name: 'Packing 1', kind: 'raw-tcp', host: '127.0.0.1', language: 'tspl', size: '60x40', dpi: 203 });
    await expect(svc.savePrinter({ id: 'bad', name: 'x', kind: 'raw-tcp', size: '60x40', dpi: 203 })).rejects.toMatchObject({ code: 'PRINTER_CONFIG_INVALID' });
    await expect(svc.savePrinter({ id: 'bad', name: 'x', kind: 'pdf', size: '60x40', dpi: 600 } as never)).rejects.toMatchObject({ code: 'PRINTER_CONFIG_INVALID' });
    // Another service instance (an app restart) reads the same file; the port defaulted to 9100.
    expect(await service().listPrinters()).toEqual([
      { id: 'pack-1', name: 'Packing 1', kind: 'raw-tcp', host: '127.0.0.1', port: 9100, language: 'tspl', size: '60x40', dpi: 203 },
    ]);
    expect(await svc.deletePrinter('pack-1')).toEqual([]);
    await expect(svc.deletePrinter('pack-1')).rejects.toMatchObject({ code: 'PRINTER_NOT_FOUND' });
  });

  it('prints one TSPL job per package to the raw printer, each scanning back to its package id', async () => {
    const svc = service();
    await svc.savePrinter({ id: 'p', name: 'TSC', kind: 'raw-tcp', host: sim.host, port: sim.port, language: 'tspl', size: '100x150', dpi: 203 });
    const labels = [1, 2].map((n) => sampleLabel({ packageNo: n, packageCount: 2, packageId: `EO-1-P${n}` }));
    const results = await svc.printLabels({ printerId: 'p', operatorId: 'op-7', labels });
    expect(results.map((r) => [r.packageId, r.reprint])).toEqual([['EO-1-P1', false], ['EO-1-P2', false]]);
    const jobs = await sim.waitForJobs(2);
    expect(jobs.map((j) => decodeBarcode(parseTspl(j.bytes, 203).raster, 'code128'))).toEqual(['EO-1-P1', 'EO-1-P2']);
    expect(jobs.map((j) => decodeBarcode(parseTspl(j.bytes, 203).raster, 'qr'))).toEqual(labels.map((l) => l.qrText));
  });

  it('allows reprints and audits them in an append-only log that survives a restart', async () => {
    const svc = service();
    await svc.savePrinter({ id: 'z', name: 'Zebra', kind: 'raw-tcp', host: sim.host, port: sim.port, language: 'zpl', size: '60x40', dpi: 300 });
    const label = sampleLabel({ packageId: 'EO-9-P1' });
    await svc.printLabels({ printerId: 'z', operatorId: 'op-1', labels: [label] });
    await expect(svc.reprintLabel({ packageId: 'EO-404', operatorId: 'op-2', reason: 'torn' })).rejects.toMatchObject({ code: 'PRINT_JOB_NOT_FOUND' });
    await expect(svc.reprintLabel({ packageId: 'EO-9-P1', operatorId: 'op-2', reason: ' ' })).rejects.toMatchObject({ code: 'LABEL_INVALID' });

    const restarted = service();
    const again = await restarted.reprintLabel({ packageId: 'EO-9-P1', operatorId: 'op-2', reason: 'label torn' });
    expect(again.reprint).toBe(true);
    // Printing the same package through the normal path is also marked as a reprint.
    const [third] = await restarted.printLabels({ printerId: 'z', operatorId: 'op-3', labels: [label] });
    expect(third?.reprint).toBe(true);

    const jobs = await sim.waitForJobs(3);
    for (const j of jobs) expect(decodeBarcode(rasterizeZpl(new TextDecoder().decode(j.bytes)), 'code128')).toBe('EO-9-P1');
    const entries = await restarted.listPrintLog({ packageId: 'EO-9-P1' });
    expect(entries.map((e) => [e.operatorId, e.reprint, e.reason ?? null, e.outcome])).toEqual([
      ['op-3', true, null, 'sent'],
      ['op-2', true, 'label torn', 'sent'],
      ['op-1', false, null, 'sent'],
    ]);
    const lines = (await readFile(join(dir, PRINT_LOG_FILE), 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ packageId: 'EO-9-P1', printerId: 'z', operatorId: 'op-1', reprint: false });
  });

  it('logs a failed print with its code when the printer is down, and it is not counted as printed', async () => {
    const svc = service();
    await svc.savePrinter({ id: 'down', name: 'Off', kind: 'raw-tcp', host: '127.0.0.1', port: await freePort(), language: 'zpl', size: '60x40', dpi: 203 });
    const label = sampleLabel({ packageId: 'EO-5-P1' });
    await expect(svc.printLabels({ printerId: 'down', operatorId: 'op-1', labels: [label] })).rejects.toMatchObject({ code: 'PRINTER_UNREACHABLE' });
    expect(await svc.listPrintLog({ packageId: 'EO-5-P1' })).toMatchObject([{ outcome: 'failed', errorCode: 'PRINTER_UNREACHABLE' }]);
    await expect(svc.reprintLabel({ packageId: 'EO-5-P1', operatorId: 'op-1', reason: 'retry' })).rejects.toMatchObject({ code: 'PRINT_JOB_NOT_FOUND' });
  });

  it('refuses a batch with an invalid label before printing any of it', async () => {
    const svc = service();
    await svc.savePrinter({ id: 'z', name: 'Zebra', kind: 'raw-tcp', host: sim.host, port: sim.port, language: 'zpl', size: '60x40', dpi: 203 });
    const labels = [sampleLabel(), sampleLabel({ maskedPhone: '13812345678' })];
    await expect(svc.printLabels({ printerId: 'z', operatorId: 'op-1', labels })).rejects.toMatchObject({ code: 'LABEL_INVALID' });
    await expect(svc.printLabels({ printerId: 'nope', operatorId: 'op-1', labels: [sampleLabel()] })).rejects.toMatchObject({ code: 'PRINTER_NOT_FOUND' });
    expect(sim.jobs()).toHaveLength(0);
  });

  it('writes a PDF into the data dir for the OS route, and it scans back', async () => {
    const svc = service();
    await svc.savePrinter({ id: 'office', name: 'Office laser', kind: 'pdf', size: '100x150', dpi: 300 });
    const label = sampleLabel({ packageId: 'EO-7/P1' });
    const [res] = await svc.printLabels({ printerId: 'office', operatorId: 'op-1', labels: [label] });
    expect(res?.handedTo).toBeNull();
    expect(handedOff).toEqual([res?.pdfPath]);
    expect(res?.pdfPath?.startsWith(join(dir, 'labels'))).toBe(true);
    expect(await readdir(join(dir, 'labels'))).toHaveLength(1);
    const raster = await rasterizePdf(await readFile(res?.pdfPath ?? ''), 300);
    expect(decodeBarcode(raster, 'code128')).toBe('EO-7/P1');
    expect(decodeBarcode(raster, 'qr')).toBe(label.qrText);
  });
});
