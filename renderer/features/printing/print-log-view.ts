import type { PrintLogEntry } from '../../../main/contract.js';

export interface PrintedPackage {
  packageId: string;
  packageNo: number;
  packageCount: number;
  /** The printer that last printed it: the default for a reprint. */
  printerId: string;
}

/** The packages of an order that have a label on paper, by package number, from the print log (newest first). */
export function printedPackages(log: readonly PrintLogEntry[]): PrintedPackage[] {
  const seen = new Map<string, PrintedPackage>();
  for (const e of log) {
    if (e.outcome !== 'sent' || seen.has(e.packageId)) continue;
    seen.set(e.packageId, { packageId: e.packageId, packageNo: e.label.packageNo, packageCount: e.label.packageCount, printerId: e.printerId });
  }
  return [...seen.values()].sort((a, b) => a.packageNo - b.packageNo);
}

/** How many packages to offer when printing: what the last printed labels said, else one. */
export function knownPackageCount(log: readonly PrintLogEntry[]): number {
  for (const e of log) if (e.outcome === 'sent') return e.label.packageCount;
  return 1;
}

export const MAX_PACKAGES = 99;

export function parsePackageCount(text: string): number | null {
  const n = Number(text.trim());
  return /^\d{1,2}$/.test(text.trim()) && n >= 1 && n <= MAX_PACKAGES ? n : null;
}
