import type { FulfilmentType, SlotKind } from './order.js';
import { FULFILMENT_TYPES, SLOT_KINDS } from './order.js';

/**
 * The one package-label model (design §7). Everything here is pure: the label's content, its validation, and a
 * device-independent layout in printer dots. Renderers (ZPL II, TSPL, PDF) live in main/devices/printer and
 * only translate this layout; they never decide where things go.
 */

export const LABEL_SIZES = ['100x150', '60x40'] as const;
/** Width × height in millimetres, as the label stock is sold. */
export type LabelSize = (typeof LABEL_SIZES)[number];
export const DPIS = [203, 300] as const;
export type Dpi = (typeof DPIS)[number];

export interface PackageLabel {
  orderId: string;
  /** 1-based number of this package within the order. */
  packageNo: number;
  packageCount: number;
  storeName: string;
  storeId: string;
  /** dueText is already formatted in the store's time zone (see formatSlotDue). */
  slot: { kind: SlotKind; dueText: string };
  customerName: string;
  /** Never the raw number: see maskPhone. */
  maskedPhone: string;
  fulfilmentType: FulfilmentType;
  /** The exact text of the Code 128; what a courier's scanner must read back. */
  packageId: string;
  qrText: string;
}

export interface LayoutText {
  x: number;
  y: number;
  /** Cap-to-descender height of the font in dots. */
  height: number;
  maxWidth: number;
  text: string;
}

export interface LayoutBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Positions and sizes in printer dots, origin top-left, y down. */
export interface LabelLayout {
  size: LabelSize;
  dpi: Dpi;
  widthDots: number;
  heightDots: number;
  texts: LayoutText[];
  /** The box includes the quiet zones; the renderer fits whole modules inside it. */
  code128: LayoutBox & { text: string };
  qr: LayoutBox & { text: string };
}

export type LabelErrorCode = 'INVALID_LABEL' | 'BARCODE_DOES_NOT_FIT';

export class LabelError extends Error {
  constructor(
    readonly code: LabelErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'LabelError';
  }
}

export const LABEL_SIZE_MM: Record<LabelSize, { width: number; height: number }> = {
  '100x150': { width: 100, height: 150 },
  '60x40': { width: 60, height: 40 },
};

/**
 * Package ids go into printer commands and a Code 128: a conservative ASCII set keeps both unambiguous. 68 = the
 * longest order id (64) + "-P" + two digits. Whether such a long code fits a small label is the layout's call
 * (BARCODE_DOES_NOT_FIT), not a reason to refuse the id.
 */
export const PACKAGE_ID_PATTERN = /^[A-Za-z0-9._:/-]{1,68}$/;
/** QR payloads stay printable ASCII so every decoder agrees on the bytes (no charset guessing). */
export const QR_TEXT_PATTERN = /^[\x20-\x7E]{1,300}$/;
// Control characters would break printer command streams.
const CONTROL = /[\u0000-\u001F\u007F]/;

export function mmToDots(mm: number, dpi: Dpi): number {
  return Math.round((mm * dpi) / 25.4);
}

/** Keeps the last 4 digits; everything else becomes '*'. Four digits or fewer are masked entirely. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length <= 4) return '****';
  return '*'.repeat(digits.length - 4) + digits.slice(-4);
}

/** "06-01 14:30" in the store's zone: the courier and the picker read the store's clock, not UTC. */
export function formatSlotDue(dueAt: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(dueAt));
  const get = (t: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === t)?.value ?? '??';
  return `${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

export function labelProblems(label: PackageLabel): string[] {
  const p: string[] = [];
  const text = (name: string, v: unknown, max: number) => {
    if (typeof v !== 'string' || v.length === 0 || v.length > max || CONTROL.test(v)) p.push(`${name} must be 1-${max} printable characters`);
  };
  text('orderId', label.orderId, 64);
  text('storeName', label.storeName, 100);
  text('storeId', label.storeId, 32);
  text('customerName', label.customerName, 100);
  text('maskedPhone', label.maskedPhone, 32);
  text('slot.dueText', label.slot?.dueText, 32);
  if (typeof label.maskedPhone === 'string' && /\d{5,}/.test(label.maskedPhone)) p.push('maskedPhone shows more than 4 digits in a row');
  if (!SLOT_KINDS.includes(label.slot?.kind)) p.push('slot.kind is not a slot kind');
  if (!FULFILMENT_TYPES.includes(label.fulfilmentType)) p.push('fulfilmentType must be delivery or pickup');
  const count = label.packageCount;
  if (!Number.isInteger(count) || count < 1 || count > 99) p.push('packageCount must be an integer 1-99');
  if (!Number.isInteger(label.packageNo) || label.packageNo < 1 || label.packageNo > count) p.push('packageNo must be 1..packageCount');
  if (typeof label.packageId !== 'string' || !PACKAGE_ID_PATTERN.test(label.packageId)) p.push(`packageId must match ${PACKAGE_ID_PATTERN}`);
  if (typeof label.qrText !== 'string' || !QR_TEXT_PATTERN.test(label.qrText)) p.push('qrText must be 1-300 printable ASCII characters');
  return p;
}

const SLOT_WORDS: Record<SlotKind, string> = { '1h': '1小时达 1H', '2h': '2小时达 2H', '3h': '3小时达 3H', scheduled: '预约 SCHED' };
const TYPE_WORDS: Record<FulfilmentType, string> = { delivery: '配送 DLV', pickup: '自提 PICKUP' };

/** Estimated advance of a character as a fraction of the font height; CJK glyphs are square. */
function charWidth(ch: string): number {
  return (ch.codePointAt(0) ?? 0) >= 0x2e80 ? 1 : 0.6;
}

export function textWidth(text: string, height: number): number {
  let units = 0;
  for (const ch of text) units += charWidth(ch);
  return units * height;
}

/**
 * Makes a line fit its box so no renderer has to measure text. Identifiers (shrink) get a smaller font, down to
 * minHeight, because a cut-off order id is useless; other lines are cut with "..".
 */
export function fitText(text: string, height: number, maxWidth: number, shrink: boolean, minHeight: number): { text: string; height: number } {
  if (textWidth(text, height) <= maxWidth) return { text, height };
  if (shrink) {
    const h = Math.max(minHeight, Math.floor(maxWidth / textWidth(text, 1)));
    if (textWidth(text, h) <= maxWidth) return { text, height: h };
    height = h;
  }
  const chars = Array.from(text);
  let width = textWidth('..', height);
  let n = 0;
  while (n < chars.length && width + charWidth(chars[n] ?? '') * height <= maxWidth) width += charWidth(chars[n++] ?? '') * height;
  return { text: chars.slice(0, n).join('') + '..', height };
}

type RowName = 'store' | 'order' | 'package' | 'slot' | 'customer';

const LINES: Record<RowName, (l: PackageLabel) => string> = {
  store: (l) => `${l.storeName} ${l.storeId}`,
  order: (l) => l.orderId,
  package: (l) => `${TYPE_WORDS[l.fulfilmentType]} 包裹 ${l.packageNo}/${l.packageCount}`,
  slot: (l) => `${SLOT_WORDS[l.slot.kind]} ${l.slot.dueText}`,
  customer: (l) => `${l.customerName} ${l.maskedPhone}`,
};

/** Identifiers get a smaller font rather than a cut: a cut order id or package count is useless. */
const SHRINK: ReadonlySet<RowName> = new Set(['order', 'package']);

/** One text row in mm: top y, font height, width available. */
type RowMm = [RowName, y: number, height: number, width: number];

interface Geometry {
  rows: RowMm[];
  code: LayoutBoxMm;
  hri: { x: number; height: number; width: number };
  qr: LayoutBoxMm;
}

const GEOMETRY: Record<LabelSize, Geometry> = {
  // Tall label: text on top, a wide Code 128 in the middle, a large QR below.
  '100x150': {
    rows: [['store', 4, 5, 92], ['order', 11, 6.25, 92], ['package', 19.25, 7.5, 92], ['slot', 28.75, 5, 92], ['customer', 35.75, 5, 92]],
    code: { x: 4, y: 46, width: 92, height: 28 },
    hri: { x: 8, height: 4, width: 84 },
    qr: { x: 25, y: 86, width: 50, height: 50 },
  },
  // Small label: four rows left of the QR, the order id across the full width under it, the Code 128 below.
  '60x40': {
    rows: [['store', 1.5, 2.9, 37], ['package', 5, 4.2, 37], ['slot', 9.8, 2.9, 37], ['customer', 13.3, 2.9, 37], ['order', 18.2, 3.2, 56]],
    code: { x: 1, y: 22.3, width: 58, height: 10.5 },
    hri: { x: 2, height: 2.6, width: 56 },
    qr: { x: 41.5, y: 1, width: 17, height: 17 },
  },
};

interface LayoutBoxMm {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function layoutLabel(label: PackageLabel, size: LabelSize, dpi: Dpi): LabelLayout {
  const problems = labelProblems(label);
  if (problems.length) throw new LabelError('INVALID_LABEL', problems.join('; '));
  if (!LABEL_SIZES.includes(size)) throw new LabelError('INVALID_LABEL', `Unknown label size ${String(size)}`);
  if (!DPIS.includes(dpi)) throw new LabelError('INVALID_LABEL', `Unsupported dpi ${String(dpi)}`);
  const g = GEOMETRY[size];
  const d = (mm: number) => mmToDots(mm, dpi);
  const box = (b: LayoutBoxMm): LayoutBox => ({ x: d(b.x), y: d(b.y), width: d(b.width), height: d(b.height) });
  // Below ~1.8 mm a thermal head's text stops being readable.
  const minHeight = d(1.8);
  const margin = d(size === '60x40' ? 2 : 4);
  const texts: LayoutText[] = g.rows.map(([name, y, height, width]) => {
    const fitted = fitText(LINES[name](label), d(height), d(width), SHRINK.has(name), minHeight);
    return { x: margin, y: d(y), height: fitted.height, maxWidth: d(width), text: fitted.text };
  });
  const code128 = { ...box(g.code), text: label.packageId };
  // The human-readable package id sits right under the bars, as couriers expect.
  const hri = fitText(label.packageId, d(g.hri.height), d(g.hri.width), true, minHeight);
  texts.push({ x: d(g.hri.x), y: code128.y + code128.height + d(0.4), height: hri.height, maxWidth: d(g.hri.width), text: hri.text });
  const { width, height } = LABEL_SIZE_MM[size];
  return { size, dpi, widthDots: d(width), heightDots: d(height), texts, code128, qr: { ...box(g.qr), text: label.qrText } };
}

/** The default QR payload: what a courier app needs to book the package without a lookup. */
export function defaultQrText(label: Pick<PackageLabel, 'storeId' | 'orderId' | 'packageNo' | 'packageCount' | 'packageId'>): string {
  return `SOPKG1|${label.storeId}|${label.orderId}|${label.packageNo}/${label.packageCount}|${label.packageId}`;
}
