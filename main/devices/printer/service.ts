import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LabelError, labelProblems, layoutLabel, type PackageLabel } from '../../../sync/model/label.js';
import { PrinterError } from './errors.js';
import { renderPdf } from './pdf.js';
import { findCjkFont, systemPdfHandoff, type PdfHandoff } from './pdf-route.js';
import { PrintLog } from './print-log.js';
import { PrinterStore } from './printer-store.js';
import { RAW_PORT, printRaw, type PrintRawOptions } from './raw-tcp.js';
import { renderTspl } from './tspl.js';
import type { PrintLabelsInput, PrintLogEntry, PrintLogQuery, PrintResult, PrinterConfig, ReprintInput } from './types.js';
import { renderZpl } from './zpl.js';

export interface PrinterServiceOptions {
  dataDir: string;
  pdfHandoff?: PdfHandoff;
  /** Font for Chinese text in PDFs; by default the first CJK font found on the OS (see CJK_FONT_CANDIDATES). */
  cjkFont?: () => Promise<Uint8Array | null>;
  raw?: PrintRawOptions;
  now?: () => Date;
}

/**
 * The printing half of the renderer↔main contract: printers in settings, one job per package label, and an
 * append-only audit log in which every reprint shows up. Method names and shapes are the proposed contract ones.
 */
export function createPrinterService(opts: PrinterServiceOptions) {
  const printers = new PrinterStore(opts.dataDir);
  const log = new PrintLog(opts.dataDir);
  const handoff = opts.pdfHandoff ?? systemPdfHandoff();
  const now = opts.now ?? (() => new Date());
  let font: Promise<Uint8Array | null> | null = null;
  const cjkFont = () => (font ??= (opts.cjkFont ?? (() => findCjkFont()))());

  /** Renders and sends one label; logs the attempt whatever happens. */
  async function printOne(printer: PrinterConfig, label: PackageLabel, operatorId: string, reprint: boolean, reason?: string): Promise<PrintResult> {
    const jobId = randomUUID();
    const at = now().toISOString();
    const entry: PrintLogEntry = {
      jobId, at, packageId: label.packageId, orderId: label.orderId, printerId: printer.id, operatorId, reprint,
      ...(reason ? { reason } : {}), outcome: 'sent', label,
    };
    try {
      const layout = layoutLabel(label, printer.size, printer.dpi);
      if (printer.kind === 'pdf') {
        const pdf = await renderPdf(layout, { cjkFont: (await cjkFont()) ?? undefined });
        const dir = join(opts.dataDir, 'labels');
        await mkdir(dir, { recursive: true });
        const pdfPath = join(dir, `${label.packageId.replace(/[^A-Za-z0-9._-]/g, '_')}-${jobId}.pdf`);
        await writeFile(pdfPath, pdf);
        entry.pdfPath = pdfPath;
        const handedTo = await handoff.submit(pdfPath, printer.osPrinter);
        await log.append(entry);
        return { jobId, packageId: label.packageId, printerId: printer.id, reprint, pdfPath, handedTo, at };
      }
      const bytes =
        printer.language === 'tspl'
          ? renderTspl(layout, printer.printerFont ? { font: printer.printerFont } : {})
          : new TextEncoder().encode(renderZpl(layout, printer.printerFont ? { cjkFont: printer.printerFont } : {}));
      if (!printer.host) throw new PrinterError('PRINTER_CONFIG_INVALID', `Printer ${printer.id} has no host`);
      await printRaw(printer.host, printer.port ?? RAW_PORT, bytes, opts.raw);
      await log.append(entry);
      return { jobId, packageId: label.packageId, printerId: printer.id, reprint, at };
    } catch (err) {
      const failure = err instanceof LabelError ? new PrinterError('LABEL_INVALID', err.message, { cause: err }) : err;
      await log.append({ ...entry, outcome: 'failed', errorCode: failure instanceof PrinterError ? failure.code : 'INTERNAL' });
      throw failure;
    }
  }

  return {
    listPrinters: (): Promise<PrinterConfig[]> => printers.list(),
    savePrinter: (config: PrinterConfig): Promise<PrinterConfig[]> => printers.save(config),
    deletePrinter: (id: string): Promise<PrinterConfig[]> => printers.remove(id),

    /**
     * One job per label, in order; stops at the first failure (the printer is likely down for the rest too) and
     * throws it. A package that was printed before is printed again and logged as a reprint.
     */
    async printLabels(input: PrintLabelsInput): Promise<PrintResult[]> {
      requireOperator(input.operatorId);
      if (!Array.isArray(input.labels) || input.labels.length === 0 || input.labels.length > 100) {
        throw new PrinterError('LABEL_INVALID', 'labels must hold 1-100 labels');
      }
      // Refuse the whole batch before anything prints, so a bad label never leaves half a batch on the printer.
      input.labels.forEach((label, i) => {
        const problems = typeof label === 'object' && label !== null ? labelProblems(label) : ['not an object'];
        if (problems.length) throw new PrinterError('LABEL_INVALID', `Label ${i + 1}: ${problems.join('; ')}`);
      });
      const printer = await printers.get(input.printerId);
      const results: PrintResult[] = [];
      for (const label of input.labels) {
        const before = await log.lastSent(label.packageId);
        results.push(await printOne(printer, label, input.operatorId, before !== undefined));
      }
      return results;
    },

    /** Prints the label last printed for a package again, with a reason, on the same or another printer. */
    async reprintLabel(input: ReprintInput): Promise<PrintResult> {
      requireOperator(input.operatorId);
      if (typeof input.reason !== 'string' || input.reason.trim() === '' || input.reason.length > 200) {
        throw new PrinterError('LABEL_INVALID', 'A reprint needs a reason of 1-200 characters');
      }
      const last = await log.lastSent(input.packageId);
      if (!last) throw new PrinterError('PRINT_JOB_NOT_FOUND', `Package ${input.packageId} was never printed; print it first`);
      const printer = await printers.get(input.printerId ?? last.printerId);
      return printOne(printer, last.label, input.operatorId, true, input.reason.trim());
    },

    listPrintLog: (query: PrintLogQuery = {}): Promise<PrintLogEntry[]> => log.query(query),
  };
}

export type PrinterService = ReturnType<typeof createPrinterService>;

function requireOperator(operatorId: unknown): void {
  if (typeof operatorId !== 'string' || operatorId.trim() === '' || operatorId.length > 64) {
    throw new PrinterError('LABEL_INVALID', 'operatorId is required for the print audit log');
  }
}
