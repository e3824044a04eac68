import type { PrinterConfig, PrinterLanguage } from '../../../main/contract.js';
import { DPIS, LABEL_SIZES, type Dpi, type LabelSize } from '../../../sync/model/label.js';
import { buildPackageLabels, packagesOf, type LabelStore } from '../printing/labels.js';
import type { PackageLabel } from '../../../sync/model/label.js';

/** The printer form as typed: strings where the operator types, so a half-typed port is not lost. */
export interface PrinterForm {
  kind: PrinterConfig['kind'];
  name: string;
  host: string;
  port: string;
  language: PrinterLanguage;
  size: LabelSize;
  dpi: Dpi;
  osPrinter: string;
}

export const RAW_PORT = 9100;
export const LANGUAGES: readonly PrinterLanguage[] = ['zpl', 'tspl'];
export { DPIS, LABEL_SIZES };

export const EMPTY_FORM: PrinterForm = { kind: 'raw-tcp', name: '', host: '', port: String(RAW_PORT), language: 'zpl', size: '100x150', dpi: 203, osPrinter: '' };

export function formOf(p: PrinterConfig): PrinterForm {
  return {
    kind: p.kind,
    name: p.name,
    host: p.host ?? '',
    port: String(p.port ?? RAW_PORT),
    language: p.language ?? 'zpl',
    size: p.size,
    dpi: p.dpi,
    osPrinter: p.osPrinter ?? '',
  };
}

export type FormProblem = 'nameRequired' | 'hostRequired' | 'portInvalid';

/** What the operator must fix before saving; main checks everything again (PRINTER_CONFIG_INVALID). */
export function formProblems(f: PrinterForm): FormProblem[] {
  const p: FormProblem[] = [];
  if (f.name.trim() === '') p.push('nameRequired');
  if (f.kind === 'raw-tcp') {
    if (f.host.trim() === '') p.push('hostRequired');
    const port = Number(f.port.trim());
    if (!/^\d{1,5}$/.test(f.port.trim()) || port < 1 || port > 65535) p.push('portInvalid');
  }
  return p;
}

/**
 * The stored config. Fields of the other connection kind are left out (main refuses a PDF printer with a host),
 * and an existing printer's resident font is kept, since the form does not show it.
 */
export function configOf(f: PrinterForm, id: string, previous?: PrinterConfig): PrinterConfig {
  const common = { id, name: f.name.trim(), size: f.size, dpi: f.dpi, ...(previous?.printerFont ? { printerFont: previous.printerFont } : {}) };
  if (f.kind === 'pdf') return { ...common, kind: 'pdf', ...(f.osPrinter.trim() ? { osPrinter: f.osPrinter.trim() } : {}) };
  return { ...common, kind: 'raw-tcp', host: f.host.trim(), port: Number(f.port.trim()), language: f.language };
}

/** A stable id from the name ("Packing 1" → "packing-1"), unique among the existing ones. */
export function newPrinterId(name: string, taken: readonly string[]): string {
  const base = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 30) || 'printer';
  if (!taken.includes(base)) return base;
  for (let n = 2; ; n++) if (!taken.includes(`${base}-${n}`)) return `${base}-${n}`;
}

/**
 * A test label for a real printer: a package id of its own (so the audit log never counts it as a reprint of a
 * real package), and otherwise what a real label carries, Chinese text included, to show the font works.
 */
export function testLabel(store: LabelStore & { storeId: string }, now: Date): PackageLabel {
  const id = `TEST-${now.getTime().toString(36).toUpperCase()}`;
  const order = {
    id,
    storeId: store.storeId,
    fulfilment: { type: 'delivery' as const, slot: { kind: '1h' as const, dueAt: now.toISOString() } },
    customer: { name: '测试 Test', phone: '000 0000 0000' },
  };
  const [label] = buildPackageLabels(order, packagesOf(1), store);
  if (!label) throw new Error('buildPackageLabels returned no label for one package');
  return label;
}
