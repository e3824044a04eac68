import type { PrintLogEntry, PrintLogQuery } from '../../../main/contract.js';
import type { PackedPackage } from '../../../sync/model/index.js';
import { toCodedError, type CodedError } from '../../ui/errors.js';
import type { LabelOrder } from '../printing/labels.js';
import { printedPackages } from '../printing/print-log-view.js';
import type { PrintPackageLabels } from '../printing/use-print-labels.js';
import { labelPackages, unprinted } from './pack-order.js';

export type PackPrintOutcome =
  | { ok: true; printedIds: string[]; pdfPath: string | null }
  | { ok: false; printedIds: string[]; error: CodedError };

/**
 * Prints the labels of the packages that have none yet. The contract prints in order and stops at the first
 * failure without saying how far it got, so after a failure the print log (every attempt is in it) tells which
 * labels went out; a retry then prints only the rest, and nobody sticks two labels "1 of 3" on the parcels.
 */
export async function printPackedLabels(
  print: PrintPackageLabels,
  listPrintLog: (query: PrintLogQuery) => Promise<PrintLogEntry[]>,
  order: LabelOrder,
  packages: readonly PackedPackage[],
  alreadyPrinted: readonly string[],
  printerId: string,
  operatorId: string,
): Promise<PackPrintOutcome> {
  const done = new Set(alreadyPrinted);
  const todo = unprinted(packages, done);
  if (todo.length === 0) return { ok: true, printedIds: [...done], pdfPath: null };
  try {
    const results = await print(order, labelPackages(todo), printerId, operatorId);
    for (const r of results) done.add(r.packageId);
    return { ok: true, printedIds: [...done], pdfPath: results.find((r) => r.pdfPath)?.pdfPath ?? null };
  } catch (err) {
    const error = toCodedError(err, 'INTERNAL');
    try {
      const ours = new Set(packages.map((p) => p.id));
      for (const p of printedPackages(await listPrintLog({ orderId: order.id }))) if (ours.has(p.packageId)) done.add(p.packageId);
    } catch (logErr) {
      // Without the log, count nothing new as printed: a retry may print a label twice, never skip one.
      console.error('reading the print log after a failed print failed', logErr);
    }
    return { ok: false, printedIds: [...done], error };
  }
}
