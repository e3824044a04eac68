import { describe, expect, it } from 'vitest';
import { checkPackages, checkPickedLines, pickedUnits } from './fulfilment-rules.js';
import type { PickedLine } from './order-event.js';

const order = {
  id: 'EO-1',
  lines: [
    { sku: 'A', name: 'A', qty: 3, unitPrice: 100 },
    { sku: 'B', name: 'B', qty: 2, unitPrice: 100, substitutable: true },
  ],
};
const full: PickedLine[] = [
  { lineIndex: 0, sku: 'A', ordered: 3, picked: 3, substitute: null, shortReason: null },
  { lineIndex: 1, sku: 'B', ordered: 2, picked: 2, substitute: null, shortReason: null },
];
const edit = (i: number, patch: Partial<PickedLine>) => full.map((l, j) => (j === i ? { ...l, ...patch } : l));

describe('picked lines', () => {
  it('accepts every line as ordered, and a short line with its reason and an allowed substitute', () => {
    expect(checkPickedLines(order, full)).toEqual({ ok: true });
    expect(checkPickedLines(order, edit(1, { picked: 1, shortReason: 'out_of_stock', substitute: { sku: 'C', qty: 1 } }))).toEqual({ ok: true });
  });

  it('refuses a missing or doubled line, a wrong product or quantity, more than ordered, and a short without reason', () => {
    const problems = [
      full.slice(0, 1),
      [full[0], full[0]] as PickedLine[],
      edit(0, { sku: 'Z' }),
      edit(0, { ordered: 4 }),
      edit(0, { picked: 4 }),
      edit(0, { picked: 2 }),
      edit(0, { shortReason: 'damaged' }),
      edit(0, { lineIndex: 7 }),
    ];
    for (const lines of problems) expect(checkPickedLines(order, lines).ok).toBe(false);
  });

  it('allows a substitute only where the customer accepts one, and never the same product', () => {
    expect(checkPickedLines(order, edit(0, { picked: 2, shortReason: 'damaged', substitute: { sku: 'C', qty: 1 } })).ok).toBe(false);
    expect(checkPickedLines(order, edit(1, { picked: 1, shortReason: 'damaged', substitute: { sku: 'B', qty: 1 } })).ok).toBe(false);
  });
});

describe('packages', () => {
  const lines = edit(1, { picked: 1, shortReason: 'out_of_stock', substitute: { sku: 'C', qty: 1 } });
  it('counts picked units with substitutes', () => {
    expect(Object.fromEntries(pickedUnits(lines))).toEqual({ A: 3, B: 1, C: 1 });
  });

  it('accepts packages numbered 1..m that hold exactly what was picked', () => {
    const packages = [
      { id: 'EO-1-P1', n: 1, of: 2, items: [{ sku: 'A', qty: 3 }] },
      { id: 'EO-1-P2', n: 2, of: 2, items: [{ sku: 'B', qty: 1 }, { sku: 'C', qty: 1 }] },
    ];
    expect(checkPackages('EO-1', lines, packages)).toEqual({ ok: true });
  });

  it('refuses a unit too many or too few, an item never picked, and a wrong number or id', () => {
    const ok = { id: 'EO-1-P1', n: 1, of: 1, items: [{ sku: 'A', qty: 3 }, { sku: 'B', qty: 1 }, { sku: 'C', qty: 1 }] };
    expect(checkPackages('EO-1', lines, [{ ...ok, items: [{ sku: 'A', qty: 2 }, { sku: 'B', qty: 1 }, { sku: 'C', qty: 1 }] }]).ok).toBe(false);
    expect(checkPackages('EO-1', lines, [{ ...ok, items: [...ok.items, { sku: 'D', qty: 1 }] }]).ok).toBe(false);
    expect(checkPackages('EO-1', lines, [{ ...ok, of: 2 }]).ok).toBe(false);
    expect(checkPackages('EO-1', lines, [{ ...ok, id: 'EO-2-P1' }]).ok).toBe(false);
    expect(checkPackages('EO-1', lines, [ok])).toEqual({ ok: true });
  });
});
