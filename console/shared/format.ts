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
