import { describe, expect, it } from 'vitest';
import type { Availability } from '../../../sync/model/index.js';
import { product } from '../../testing/db.js';
import { lowStock, parseThreshold } from './low-stock.js';
import { modeForKey } from './ui-state.js';

const level = (onHand: number, reserved: number): Availability => ({ onHand, reserved, available: onHand - reserved });

describe('the low-stock list', () => {
  const products = [product('A', 'a', [], 'A2'), product('B', 'b', [], 'A1'), product('C', 'c', [], 'A3'), product('D', 'd', [], 'A4'), product('E', 'e', [], 'A5')];
  const stock = new Map([['A', level(5, 0)], ['B', level(5, 0)], ['C', level(9, 6)], ['D', level(20, 2)], ['E', level(1, 4)]]);

  it('lists products at or below the threshold by available, emptiest first, then in walking order', () => {
    expect(lowStock(products, stock, 5).map((r) => [r.product.sku, r.available])).toEqual([['E', -3], ['C', 3], ['B', 5], ['A', 5]]);
    expect(lowStock(products, stock, 0).map((r) => r.product.sku)).toEqual(['E']);
    expect(lowStock(products, stock, 18).map((r) => r.product.sku)).toEqual(['E', 'C', 'B', 'A', 'D']);
  });

  it('counts a product without stock data as empty', () => {
    expect(lowStock([product('NEW', 'new')], new Map(), 0)).toEqual([expect.objectContaining({ onHand: 0, reserved: 0, available: 0 })]);
  });

  it('reads a typed threshold as a whole number', () => {
    expect(['5', ' 0 ', '-2', '-0', '120'].map(parseThreshold)).toEqual([5, 0, -2, 0, 120]);
    expect(['', '-', '1.5', 'five', '99999999'].map(parseThreshold)).toEqual([null, null, null, null, null]);
  });
});

describe('mode letters', () => {
  it('maps S, R, C and L in either case, and nothing else', () => {
    expect(['s', 'R', 'c', 'L', 'x', 'Enter', 'Shift'].map(modeForKey)).toEqual(['stock', 'receive', 'count', 'low', null, null, null]);
  });
});
