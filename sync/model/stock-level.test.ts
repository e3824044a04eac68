import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extendsLevel, levelAfter, levelFromMoves, levelWithLateMove, shortagesAfter, type StockLevel } from './stock-level.js';
import { compareMoves, type StockMove, type StockMoveKind } from './stock.js';

const moveArb = fc.record({
  kind: fc.constantFrom<StockMoveKind>('receive', 'pick', 'adjust', 'count', 'return'),
  qty: fc.integer({ min: 0, max: 50 }),
  second: fc.integer({ min: 0, max: 60 }),
});

function toMoves(specs: ReadonlyArray<{ kind: StockMoveKind; qty: number; second: number }>): StockMove[] {
  return specs.map((m, i) => ({
    id: `0190a000-0000-7000-8000-${i.toString(16).padStart(12, '0')}`,
    storeId: 'S001',
    sku: 'SKU-A',
    kind: m.kind,
    qty: m.kind === 'pick' ? -m.qty : m.qty,
    at: new Date(Date.UTC(2026, 10, 27, 9, 0, m.second)).toISOString(),
    operatorId: 'op-1',
    deviceId: 'D1',
  }));
}

describe('the stock snapshot extended one move at a time', () => {
  it('equals the fold of every move when the moves come in (at, id) order', () => {
    fc.assert(
      fc.property(fc.array(moveArb, { minLength: 1, maxLength: 30 }), (specs) => {
        const moves = toMoves(specs);
        let level: StockLevel | null = null;
        for (const m of [...moves].sort(compareMoves)) {
          if (level) expect(extendsLevel(level, m)).toBe(true);
          level = levelAfter(level, m, 'now');
        }
        expect(level).toEqual(levelFromMoves('S001', 'SKU-A', moves, 'now'));
      }),
      { numRuns: 300 },
    );
  });

  it('does not extend with a move older than its point (it must be folded in at its place)', () => {
    const [early, late] = toMoves([{ kind: 'receive', qty: 5, second: 1 }, { kind: 'count', qty: 2, second: 9 }]) as [StockMove, StockMove];
    const level = levelAfter(null, late, 'now');
    expect(extendsLevel(level, early)).toBe(false);
    // Folded at its place, the early receive is overruled by the later count.
    expect(levelFromMoves('S001', 'SKU-A', [late, early], 'now')?.qty).toBe(2);
  });
});

describe('a late move folded into the snapshot', () => {
  it('gives what folding every move gives, knowing only the moves after the late one', () => {
    fc.assert(
      fc.property(fc.array(moveArb, { minLength: 1, maxLength: 25 }), fc.nat(), (specs, pick) => {
        const all = toMoves(specs);
        const late = all[pick % all.length]!;
        const held = all.filter((m) => m !== late);
        const level = levelFromMoves('S001', 'SKU-A', held, 'now');
        if (!level || extendsLevel(level, late)) return; // not late: levelAfter's case
        const later = held.filter((m) => compareMoves(m, late) > 0);
        expect(levelWithLateMove(level, late, later, 'now')).toEqual(levelFromMoves('S001', 'SKU-A', all, 'now'));
      }),
      { numRuns: 500 },
    );
  });
});

describe('shortages after accepting or picking', () => {
  it('names each SKU the lines would take below zero available, counting the other open orders first', () => {
    const onHand = new Map([['milk', 5], ['tea', 2], ['rice', 0]]);
    const others = new Map([['milk', 3], ['tea', 1]]);
    // milk: 5 - 3 - 2 = 0 (enough, just); tea: 2 - 1 - 1 - 1 = -1 (two lines of it); rice: 0 - 0 - 1; soap unknown: 0 - 1.
    const lines = [{ sku: 'milk', qty: 2 }, { sku: 'tea', qty: 1 }, { sku: 'tea', qty: 1 }, { sku: 'rice', qty: 1 }, { sku: 'soap', qty: 1 }];
    expect(shortagesAfter(lines, onHand, others)).toEqual([
      { sku: 'tea', needed: 2, onHand: 2, availableAfter: -1 },
      { sku: 'rice', needed: 1, onHand: 0, availableAfter: -1 },
      { sku: 'soap', needed: 1, onHand: 0, availableAfter: -1 },
    ]);
    expect(shortagesAfter([{ sku: 'milk', qty: 2 }], onHand, others)).toEqual([]);
    expect(shortagesAfter([{ sku: 'milk', qty: 3 }], onHand, others)).toEqual([{ sku: 'milk', needed: 3, onHand: 5, availableAfter: -1 }]);
  });
});
