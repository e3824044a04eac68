import type { CompartmentConfig, CompartmentSize } from '../../../main/contract.js';

/** How many rows of the picture a door takes: a large compartment is three small ones high. */
export const SIZE_UNITS: Record<CompartmentSize, number> = { S: 1, M: 2, L: 3 };

/**
 * The bank as the cabinet looks: compartments in number order, stacked top to bottom in columns of about equal
 * height, the way lockers are numbered down each column. Pure, so the kiosk's picture can use it too.
 */
export function columnsOf<T extends Pick<CompartmentConfig, 'number' | 'size'>>(compartments: readonly T[], columns: number): T[][] {
  const sorted = [...compartments].sort((a, b) => a.number - b.number);
  const total = sorted.reduce((n, c) => n + SIZE_UNITS[c.size], 0);
  const perColumn = Math.ceil(total / Math.max(1, columns));
  const out: T[][] = [[]];
  let height = 0;
  for (const c of sorted) {
    const units = SIZE_UNITS[c.size];
    if (height > 0 && height + units > perColumn && out.length < columns) {
      out.push([]);
      height = 0;
    }
    out[out.length - 1]?.push(c);
    height += units;
  }
  return out;
}

/** Columns for a bank: about one per 6-7 units, between 2 and 8, so 16 mixed doors make a four-column cabinet. */
export function columnCount(compartments: readonly Pick<CompartmentConfig, 'size'>[]): number {
  const total = compartments.reduce((n, c) => n + SIZE_UNITS[c.size], 0);
  return Math.min(8, Math.max(2, Math.round(total / 7)));
}
