import type { Dpi, LabelSize, PackageLabel } from '../../../sync/model/label.js';

/**
 * Types of the printing part of the renderer↔main contract. They import only from sync/model, so
 * main/contract.ts can re-export them (`export type { ... } from './devices/printer/types.js'`).
 */

export type PrinterLanguage = 'zpl' | 'tspl';

export interface PrinterConfig {
  /** Stable key chosen in settings, e.g. "pack-1". */
  id: string;
  name: string;
  /** raw-tcp: the label printer on the LAN at host:port; pdf: a PDF handed to the OS print system. */
  kind: 'raw-tcp' | 'pdf';
  host?: string;
  /** Default 9100. */
  port?: number;
  /** Required for raw-tcp. */
  language?: PrinterLanguage;
  size: LabelSize;
  dpi: Dpi;
  /** Printer-resident font for Chinese text: ZPL default E:SIMSUN.FNT, TSPL default TSS24.BF2. */
  printerFont?: string;
  /** pdf only: the OS printer queue name (lp -d); the default queue otherwise. */
  osPrinter?: string;
}

export interface PrintLabelsInput {
  printerId: string;
  operatorId: string;
  labels: PackageLabel[];
}

export interface ReprintInput {
  packageId: string;
  operatorId: string;
  /** Why the label is printed again (torn, smudged, lost); kept in the audit log. */
  reason: string;
  /** Another printer than the original one. */
  printerId?: string;
}

export interface PrintResult {
  jobId: string;
  packageId: string;
  printerId: string;
  reprint: boolean;
  /** pdf printers: where the PDF was written. */
  pdfPath?: string;
  /** pdf printers: the OS tool that took the file ("lp"), or null when the operator must print it by hand. */
  handedTo?: string | null;
  at: string;
}

/** One line of print-log.jsonl. Append-only: a reprint is a new line with reprint=true, never an edit. */
export interface PrintLogEntry {
  jobId: string;
  at: string;
  packageId: string;
  orderId: string;
  printerId: string;
  operatorId: string;
  reprint: boolean;
  reason?: string;
  outcome: 'sent' | 'failed';
  errorCode?: string;
  pdfPath?: string;
  /** What was printed (the phone is already masked), so a reprint needs nothing but the package id. */
  label: PackageLabel;
}

export interface PrintLogQuery {
  packageId?: string;
  orderId?: string;
  /** Newest first; default 200. */
  limit?: number;
}
