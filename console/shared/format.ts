import { fenToYuan } from '../../sync/model/money/yuan.js';

/** Fen as yuan for the screen: ¥1,234.50 — exact (money/yuan.ts), grouped for reading. */
export function yuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  const [whole = '0', cents = '00'] = fenToYuan(fen).split('.');
  const neg = whole.startsWith('-');
  const digits = neg ? whole.slice(1) : whole;
  return `${neg ? '-' : ''}¥${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

export function dateTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}

/** A rate in basis points as a percentage: 2500 → 25%, 2050 → 20.5% (exact: bp are hundredths of a percent). */
export function percentOfBp(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const rest = Math.abs(bp % 100);
  return `${whole}${rest ? `.${String(rest).padStart(2, '0').replace(/0$/, '')}` : ''}%`;
}
