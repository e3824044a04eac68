import { labelProblems, type PackageLabel } from '../sync/model/label.js';
import { ContractError, type PrintLabelsInput, type PrintLogQuery, type PrinterConfig, type ReprintInput } from './contract.js';
import { PrinterError } from './devices/printer/errors.js';
import { validPrinter } from './devices/printer/printer-store.js';

/**
 * Edge parsers of the printing methods: the web host gets these arguments as JSON from a page, IPC from another
 * process. Shape problems are INVALID_INPUT; a printer or label that is well-formed but wrong keeps the printer's
 * own code (PRINTER_CONFIG_INVALID, LABEL_INVALID) so the settings screen can say which field to fix.
 */

type Fields = Record<string, unknown>;

function objectArg(method: string, v: unknown, allowed: readonly string[]): Fields {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ContractError('INVALID_INPUT', `${method}: input must be an object`);
  const extra = Object.keys(v).filter((k) => !allowed.includes(k));
  if (extra.length) throw new ContractError('INVALID_INPUT', `${method}: unknown field(s) ${extra.join(', ')}`);
  return v as Fields;
}

function text(method: string, name: string, v: unknown, max: number): string {
  if (typeof v !== 'string' || v.length === 0 || v.length > max) throw new ContractError('INVALID_INPUT', `${method}: ${name} must be a string of 1-${max} characters`);
  return v;
}

export function parsePrinterConfig(v: unknown): PrinterConfig {
  return validPrinter(v);
}

export function parsePrinterId(method: string, v: unknown): string {
  return text(method, 'id', v, 40);
}

const LABEL_KEYS = [
  'orderId', 'packageNo', 'packageCount', 'storeName', 'storeId', 'slot', 'customerName', 'maskedPhone', 'fulfilmentType', 'packageId', 'qrText',
] as const;

function parseLabel(v: unknown, i: number): PackageLabel {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new PrinterError('LABEL_INVALID', `Label ${i + 1}: not an object`);
  const extra = Object.keys(v).filter((k) => !(LABEL_KEYS as readonly string[]).includes(k));
  const slot: unknown = (v as Fields).slot;
  if (typeof slot === 'object' && slot !== null) extra.push(...Object.keys(slot).filter((k) => k !== 'kind' && k !== 'dueText').map((k) => `slot.${k}`));
  if (extra.length) throw new PrinterError('LABEL_INVALID', `Label ${i + 1}: unknown field(s) ${extra.join(', ')}`);
  // labelProblems reads each field defensively and reports every problem at once.
  const problems = labelProblems(v as PackageLabel);
  if (problems.length) throw new PrinterError('LABEL_INVALID', `Label ${i + 1}: ${problems.join('; ')}`);
  return v as PackageLabel;
}

export function parsePrintLabelsInput(v: unknown): PrintLabelsInput {
  const o = objectArg('printLabels', v, ['printerId', 'operatorId', 'labels']);
  if (!Array.isArray(o.labels) || o.labels.length === 0 || o.labels.length > 100) {
    throw new ContractError('INVALID_INPUT', 'printLabels: labels must be an array of 1-100 labels');
  }
  return {
    printerId: text('printLabels', 'printerId', o.printerId, 40),
    operatorId: text('printLabels', 'operatorId', o.operatorId, 64),
    labels: o.labels.map(parseLabel),
  };
}

export function parseReprintInput(v: unknown): ReprintInput {
  const o = objectArg('reprintLabel', v, ['packageId', 'operatorId', 'reason', 'printerId']);
  return {
    packageId: text('reprintLabel', 'packageId', o.packageId, 48),
    operatorId: text('reprintLabel', 'operatorId', o.operatorId, 64),
    reason: text('reprintLabel', 'reason', o.reason, 200),
    ...(o.printerId === undefined ? {} : { printerId: text('reprintLabel', 'printerId', o.printerId, 40) }),
  };
}

export function parsePrintLogQuery(args: unknown[]): PrintLogQuery | undefined {
  if (args.length > 1) throw new ContractError('INVALID_INPUT', 'listPrintLog takes at most one argument');
  // JSON turns an explicit undefined argument into null.
  if (args[0] === undefined || args[0] === null) return undefined;
  const o = objectArg('listPrintLog', args[0], ['packageId', 'orderId', 'limit']);
  const q: PrintLogQuery = {};
  if (o.packageId !== undefined) q.packageId = text('listPrintLog', 'packageId', o.packageId, 48);
  if (o.orderId !== undefined) q.orderId = text('listPrintLog', 'orderId', o.orderId, 64);
  if (o.limit !== undefined) {
    if (typeof o.limit !== 'number' || !Number.isInteger(o.limit) || o.limit < 1 || o.limit > 5000) {
      throw new ContractError('INVALID_INPUT', 'listPrintLog: limit must be an integer 1-5000');
    }
    q.limit = o.limit;
  }
  return q;
}
