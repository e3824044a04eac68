import { fenToYuan, yuanToFen } from '../../../sync/model/money/yuan.js';

/**
 * What the master data forms type and show: yuan for money (exact, money/yuan.ts) and percent for rates, which the
 * server keeps as fen and basis points. Percent text to basis points is exact too: "25.5" is 2550, never a float.
 */
const PERCENT = /^\s*(\d{1,3})(?:\.(\d{1,2}))?\s*%?\s*$/;

export function percentToBp(text: string): number | null {
  const m = PERCENT.exec(text);
  if (!m) return null;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return bp <= 10_000 ? bp : null;
}

/** 2500 → "25%", 2550 → "25.5%", 1 → "0.01%". */
export function bpToPercent(bp: number): string {
  const whole = Math.floor(bp / 100);
  const frac = String(bp % 100).padStart(2, '0').replace(/0+$/, '');
  return `${whole}${frac ? `.${frac}` : ''}%`;
}

/** A non-negative amount in yuan to fen, or null. */
export function yuanInput(text: string): number | null {
  const fen = yuanToFen(text);
  return fen === null || fen < 0 ? null : fen;
}

export const fenInput = (fen: number): string => fenToYuan(fen);

/** antd Form rules, so a field is judged by the same converter the request will use. */
export const yuanRule = (message: string) => ({ validator: async (_: unknown, v: unknown) => { if (typeof v !== 'string' || yuanInput(v) === null) throw new Error(message); } });
export const percentRule = (message: string) => ({ validator: async (_: unknown, v: unknown) => { if (typeof v !== 'string' || percentToBp(v) === null) throw new Error(message); } });
