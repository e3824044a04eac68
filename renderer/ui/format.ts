import { zonedParts } from '../../sync/model/zoned-time.js';
/** Display formatting shared by the screens. Pure, so the rules (masking, money) are tested without a DOM. */

/** Fen (integer minor units) to a yuan amount: 12850 → "¥128.50". Integer arithmetic, no float rounding. */
export function formatYuan(fen: number, currency = 'CNY'): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  const body = `${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  return currency === 'CNY' ? `${sign}¥${body}` : `${sign}${body} ${currency}`;
}

/** Shows only the last four digits of a phone number, so the queue never displays a customer's number. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length <= 4) return '•'.repeat(digits.length);
  return `${'•'.repeat(Math.min(digits.length - 4, 7))}${digits.slice(-4)}`;
}

/**
 * Date and time in the store's time zone, as "2026-11-27 18:12:00" in every language: unambiguous, where
 * 11/12 could be read either way.
 */
export function formatStoreTime(iso: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const p = zonedParts(date, timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** "5 minutes ago" / "5分钟前": the coarsest unit that is at least 1. Under 5 seconds is null ("just now"). */
export function formatRelative(iso: string, nowMs: number, locale: string): string | null {
  const seconds = Math.round((Date.parse(iso) - nowMs) / 1000);
  if (Math.abs(seconds) < 5) return null;
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'always' });
  const abs = Math.abs(seconds);
  if (abs < 60) return format.format(seconds, 'second');
  if (abs < 3600) return format.format(Math.trunc(seconds / 60), 'minute');
  if (abs < 86_400) return format.format(Math.trunc(seconds / 3600), 'hour');
  return format.format(Math.trunc(seconds / 86_400), 'day');
}

/**
 * The part of an order id that tells it apart on a list of the same day's orders: platforms number orders as
 * `PREFIX-YYYYMMDD-SERIAL`, so the prefix and the date repeat on every row and the serial is what a person reads.
 * Other ids are shown whole when short, else by their last 12 characters.
 */
export function orderIdTail(id: string): string {
  const dated = /^[A-Za-z]*-?\d{8}-(.+)$/.exec(id);
  if (dated?.[1]) return dated[1];
  return id.length <= 16 ? id : `…${id.slice(-12)}`;
}
