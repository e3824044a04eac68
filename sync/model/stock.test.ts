import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkStockMove, onHand, STOCK_MOVE_KINDS, type StockMove } from './stock.js';

let n = 0;
const move = (kind: StockMove['kind'], qty: number, minute: number, device = 'D1'): StockMove => ({
  id: `0190a000-0000-7000-8000-${(++n).toString(16).padStart(12, '0')}`,
  storeId: 'S001',
  sku: 'SKU1',
  kind,
  qty,
  at: `2026-11-27T09:${String(minute).padStart(2, '0')}:00.000Z`,
  operatorId: 'op',
  deviceId: device,
});

describe('stock ledger', () => {
  it('adds receipts and picks and lets a count state the shelf', () => {
    const moves = [move('receive', 10, 1), move('pick', -3, 2), move('count', 5, 3), move('pick', -1, 4)];
    expect(onHand(moves).get('SKU1')).toBe(4);
  });

  it('agrees when two terminals count the same shelf offline', () => {
    const moves = [move('receive', 10, 1), move('count', 8, 5, 'D1'), move('count', 8, 6, 'D2')];
    expect(onHand(moves).get('SKU1')).toBe(8);
  });

  it('is the same for every arrival order and counts a duplicated move once', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ kind: fc.constantFrom(...STOCK_MOVE_KINDS), qty: fc.integer({ min: -50, max: 50 }), minute: fc.integer({ min: 0, max: 59 }) }), { maxLength: 30 }),
        fc.integer({ min: 0, max: 1000 }),
        (specs, seed) => {
          const moves = specs.map((s) => move(s.kind, s.qty, s.minute));
          const shuffled = [...moves, ...moves.slice(0, 3)].sort((a, b) => ((a.id.charCodeAt(35) * seed) % 7) - ((b.id.charCodeAt(35) * seed) % 7));
          expect(onHand(shuffled).get('SKU1')).toBe(onHand(moves).get('SKU1'));
        },
      ),
    );
  });

  it('refuses moves with the wrong sign or without a reason', () => {
    expect(checkStockMove({ kind: 'pick', qty: 2 }).ok).toBe(false);
    expect(checkStockMove({ kind: 'receive', qty: -1 }).ok).toBe(false);
    expect(checkStockMove({ kind: 'adjust', qty: -2 }).ok).toBe(false);
    expect(checkStockMove({ kind: 'adjust', qty: -2, reason: 'damaged' }).ok).toBe(true);
  });
});
