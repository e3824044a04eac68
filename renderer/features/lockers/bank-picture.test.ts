import { describe, expect, it } from 'vitest';
import { sampleBank } from '../../../main/devices/locker/demo-bank.js';
import { columnCount, columnsOf } from './bank-picture.js';

describe('the picture of a bank', () => {
  it('stacks the demo cabinet (8 S, 5 M, 3 L) into four columns of about equal height, numbered down each', () => {
    const { compartments } = sampleBank('h', 1);
    expect(columnCount(compartments)).toBe(4);
    const columns = columnsOf(compartments, 4);
    expect(columns.map((col) => col.map((c) => `${c.number}${c.size}`).join(' '))).toEqual(['1S 2S 3S 4S 5S 6S 7S', '8S 9M 10M 11M', '12M 13M 14L', '15L 16L']);
  });

  it('never loses a compartment, whatever the column count', () => {
    const { compartments } = sampleBank('h', 1);
    for (const n of [1, 2, 3, 5, 8, 20]) expect(columnsOf(compartments, n).flat()).toHaveLength(16);
    expect(columnsOf([], 4)).toEqual([[]]);
  });
});
