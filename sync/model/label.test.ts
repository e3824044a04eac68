import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DPIS, LABEL_SIZES, LabelError, defaultQrText, fitText, formatSlotDue, labelProblems, layoutLabel, maskPhone, textWidth,
  type LabelLayout, type LayoutBox, type PackageLabel,
} from './label.js';

function label(overrides: Partial<PackageLabel> = {}): PackageLabel {
  const base = {
    orderId: 'EO-20260601-a1b2c3-0007', packageNo: 1, packageCount: 2, storeName: '静安门店', storeId: 'S001',
    slot: { kind: '2h' as const, dueText: '06-01 14:30' }, customerName: '王小明', maskedPhone: maskPhone('13812345678'),
    fulfilmentType: 'pickup' as const, packageId: 'EO-20260601-a1b2c3-0007-P1', ...overrides,
  };
  return { ...base, qrText: overrides.qrText ?? defaultQrText(base) };
}

const overlaps = (a: LayoutBox, b: LayoutBox) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const textBox = (t: LabelLayout['texts'][number]): LayoutBox => ({ x: t.x, y: t.y, width: textWidth(t.text, t.height), height: t.height });

describe('maskPhone', () => {
  it('keeps only the last four digits', () => {
    expect(maskPhone('13812345678')).toBe('*******5678');
    expect(maskPhone('+86 138-1234-5678')).toBe('*********5678');
    expect(maskPhone('1234')).toBe('****');
    expect(maskPhone('')).toBe('****');
  });

  it('never shows more than four digits of any number', () => {
    fc.assert(fc.property(fc.string(), (phone) => {
      const masked = maskPhone(phone);
      expect(masked.replace(/\*/g, '').length).toBeLessThanOrEqual(4);
      expect(labelProblems(label({ maskedPhone: masked }))).toEqual([]);
    }));
  });
});

describe('formatSlotDue', () => {
  it('formats the due time in the store zone, not UTC', () => {
    expect(formatSlotDue('2026-06-01T06:30:00.000Z', 'Asia/Shanghai')).toBe('06-01 14:30');
    expect(formatSlotDue('2026-06-01T23:59:00.000Z', 'Asia/Shanghai')).toBe('06-02 07:59');
  });
});

describe('labelProblems / layoutLabel validation', () => {
  it('accepts a complete label', () => {
    expect(labelProblems(label())).toEqual([]);
  });

  it.each<[string, Partial<PackageLabel>]>([
    ['package n > m', { packageNo: 3, packageCount: 2 }],
    ['package 0', { packageNo: 0 }],
    ['unmasked phone', { maskedPhone: '13812345678' }],
    ['package id with a space', { packageId: 'P 1' }],
    ['package id with ZPL caret', { packageId: 'P^XZ' }],
    ['non-ASCII QR text', { qrText: '包裹' }],
    ['control character in a name', { customerName: 'A\nB' }],
    ['empty store name', { storeName: '' }],
  ])('refuses %s with INVALID_LABEL', (_, overrides) => {
    expect(labelProblems(label(overrides))).not.toEqual([]);
    expect(() => layoutLabel(label(overrides), '100x150', 203)).toThrow(expect.objectContaining({ code: 'INVALID_LABEL' }) as LabelError);
  });
});

describe('layoutLabel', () => {
  const cases = LABEL_SIZES.flatMap((size) => DPIS.map((dpi) => ({ size, dpi })));

  it.each(cases)('$size at $dpi dpi: everything inside the label, nothing overlapping', ({ size, dpi }) => {
    const l = layoutLabel(label(), size, dpi);
    const page: LayoutBox = { x: 0, y: 0, width: l.widthDots, height: l.heightDots };
    const boxes = [...l.texts.map(textBox), l.code128, l.qr];
    for (const b of boxes) {
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.y).toBeGreaterThanOrEqual(0);
      expect(b.x + b.width).toBeLessThanOrEqual(page.width);
      expect(b.y + b.height).toBeLessThanOrEqual(page.height);
    }
    boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b) => expect(overlaps(a, b), JSON.stringify([a, b])).toBe(false)));
    expect(l.code128.text).toBe(label().packageId);
    expect(l.qr.text).toBe(label().qrText);
  });

  it('scales with dpi: a 300 dpi layout is the 203 dpi one times 300/203', () => {
    const a = layoutLabel(label(), '100x150', 203);
    const b = layoutLabel(label(), '100x150', 300);
    expect(b.widthDots).toBe(1181);
    expect(a.widthDots).toBe(799);
    expect(b.qr.width / a.qr.width).toBeCloseTo(300 / 203, 1);
  });

  it('shows the order id and package count uncut, shrinking the font when a long id needs it', () => {
    const long = label({ orderId: 'EO-20260601-a1b2c3d4e5f6-000000000007', packageNo: 12, packageCount: 12 });
    for (const size of LABEL_SIZES) {
      const texts = layoutLabel(long, size, 203).texts.map((t) => t.text);
      expect(texts).toContain(long.orderId);
      expect(texts.some((t) => t.endsWith('12/12'))).toBe(true);
    }
  });

  it('cuts long free text with ".." inside its width', () => {
    const name = '欧阳'.repeat(40);
    const l = layoutLabel(label({ customerName: name }), '60x40', 203);
    const line = l.texts.find((t) => t.text.startsWith('欧阳'));
    expect(line?.text.endsWith('..')).toBe(true);
    expect(textWidth(line?.text ?? '', line?.height ?? 0)).toBeLessThanOrEqual(line?.maxWidth ?? 0);
  });
});

describe('fitText', () => {
  it('keeps any fitted line within its width', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.integer({ min: 10, max: 60 }), fc.boolean(), (text, h, shrink) => {
      const fitted = fitText(text, h, 400, shrink, 10);
      expect(textWidth(fitted.text, fitted.height)).toBeLessThanOrEqual(400);
      expect(fitted.height).toBeLessThanOrEqual(h);
    }));
  });
});

describe('the longest order id', () => {
  it('is a valid package id and lays out on every size (whether its bars fit is the renderer’s call)', () => {
    const orderId = `EO-${'9'.repeat(61)}`;
    const l = label({ orderId, packageId: `${orderId}-P12` });
    expect(labelProblems(l)).toEqual([]);
    for (const size of LABEL_SIZES) {
      for (const dpi of DPIS) {
        expect(layoutLabel(l, size, dpi).code128.text).toBe(l.packageId);
      }
    }
  });
});
