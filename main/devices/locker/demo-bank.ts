import type { LockerBankConfig } from './types.js';

/** A bank of 16 compartments on one board, sizes mixed like the demo's cabinet: 8 S, 5 M, 3 L. */
export function sampleBank(host: string, port: number, over: Partial<LockerBankConfig> = {}): LockerBankConfig {
  const sizes = ['S', 'S', 'S', 'S', 'S', 'S', 'S', 'S', 'M', 'M', 'M', 'M', 'M', 'L', 'L', 'L'] as const;
  return {
    id: 'front',
    name: 'Front locker',
    transport: { kind: 'tcp', host, port },
    openBit: 1,
    boards: [0],
    compartments: sizes.map((size, i) => ({ number: i + 1, board: 0, lock: i + 1, size })),
    ...over,
  };
}
