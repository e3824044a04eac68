/**
 * Realistic demo data, deterministic where it must be (the catalogue is the same on every run, so restarts upsert
 * it) and fresh where it must be (order ids never repeat). Used by the demo, the bench and the e2e tests.
 */
import type { OperatorInput, OrderInput, ProductInput, StoreInput } from '../sync/protocol/platform.js';
import type { OrderLine, SlotKind } from '../sync/model/order.js';
import { CATEGORIES } from './demo-catalogue.js';

export const DEMO_STORE: StoreInput = {
  id: 'S001',
  name: 'Demo Store',
  timezone: 'Asia/Shanghai',
  // Jing'an, Shanghai; delivery covers 5 km around it.
  location: { lat: 31.2243, lon: 121.4468 },
  serviceRadiusKm: 5,
  settings: { idleLockSeconds: 300 },
};

/** A demo operator, with the PIN a person types to sign in (the server keeps only its slow hash). */
export type DemoOperator = OperatorInput & { pin: string; badge: string };

/**
 * The demo store's staff, one per role. The server accepts a terminal's events only from an active operator of
 * its store, so the demo cannot run without them. The same PINs every run: the server then keeps their hashes.
 * The manager's PIN has 6 digits, as the server requires of every manager (MANAGER_PIN_MIN_DIGITS).
 */
export const DEMO_OPERATORS: readonly DemoOperator[] = [
  { id: 'S001-wang-fang', name: '王芳 Wang Fang', roles: ['manager'], pin: '361945', badge: 'OP-0001', active: true },
  { id: 'S001-li-lei', name: '李雷 Li Lei', roles: ['picker'], pin: '2468', badge: 'OP-0002', active: true },
  { id: 'S001-zhang-wei', name: '张伟 Zhang Wei', roles: ['packer'], pin: '1357', badge: 'OP-0003', active: true },
  { id: 'S001-chen-jing', name: '陈静 Chen Jing', roles: ['counter'], pin: '9753', badge: 'OP-0004', active: true },
  // Scanned on Couriers (F8) to dispatch a run and to take it back; not a badge that signs in (see OperatorGate).
  { id: 'S001-zhao-qiang', name: '赵强 Zhao Qiang', roles: ['courier'], pin: '8642', badge: 'OP-0005', active: true },
];

/** mulberry32: small, seeded, good enough for demo data; the same generator the model's test kit uses. */
export { seeded as createRng } from '../sync/model/fulfilment.testkit.js';

export type Rng = () => number;
export const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
const int = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));

/** EAN-13 check digit over the first 12 digits. */
export function ean13(first12: string): string {
  if (!/^\d{12}$/.test(first12)) throw new Error(`ean13 needs 12 digits, got "${first12}"`);
  const sum = [...first12].reduce((acc, d, i) => acc + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return `${first12}${(10 - (sum % 10)) % 10}`;
}

export function isValidEan13(code: string): boolean {
  return /^\d{13}$/.test(code) && ean13(code.slice(0, 12)) === code;
}

/**
 * The catalogue: every item on the shelves (200+), SKU = its EAN-13 (690–699 is China's GS1 prefix range).
 * Items fill an aisle shelf by shelf, a few bins per shelf, the way a store lays them out.
 */
export function demoCatalogue(): ProductInput[] {
  return CATEGORIES.flatMap(({ aisle, company, items }) =>
    items.map(([name, unit, unitPrice], i) => {
      const barcode = ean13(`69${company}${String(i + 1).padStart(5, '0')}`);
      return {
        sku: barcode,
        name,
        barcodes: [barcode],
        location: { aisle, shelf: `S${Math.floor(i / 4) + 1}`, bin: `B${String((i % 4) + 1).padStart(2, '0')}` },
        unitPrice,
        unit,
      };
    }),
  );
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴', '徐', '孙', '朱', '马', '胡', '郭'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '艳', '杰', '婷', '浩然', '子涵', '欣怡', '宇轩', '梓萱'];
const ENGLISH = ['Emily Chen', 'David Wang', 'Sophie Li', 'Michael Zhang', 'Olivia Zhou', 'James Liu', 'Grace Huang', 'Lucas Wu'];
const STREETS: ReadonlyArray<[string, number, number]> = [
  ['南京西路', 31.2297, 121.4555], ['静安寺 愚园路', 31.2232, 121.4402], ['常德路', 31.2268, 121.4493], ['延安中路', 31.2221, 121.4584],
  ['胶州路', 31.2301, 121.4426], ['West Beijing Road', 31.2335, 121.4571], ['Huashan Road', 31.2186, 121.4398], ['武定路', 31.2353, 121.4452],
  ['Xinzha Road', 31.2382, 121.4617], ['长寿路', 31.2412, 121.4391],
];
/** Slot mix of a typical city store: mostly express, some scheduled. */
const SLOT_WEIGHTS: ReadonlyArray<[SlotKind, number]> = [['1h', 0.35], ['2h', 0.25], ['3h', 0.2], ['scheduled', 0.2]];
const SLOT_MINUTES: Record<Exclude<SlotKind, 'scheduled'>, number> = { '1h': 60, '2h': 120, '3h': 180 };

function slotKind(rng: Rng): SlotKind {
  let r = rng();
  for (const [kind, w] of SLOT_WEIGHTS) {
    if ((r -= w) < 0) return kind;
  }
  return 'scheduled';
}

function customer(rng: Rng): OrderInput['customer'] {
  const name = rng() < 0.75 ? `${pick(rng, SURNAMES)}${pick(rng, GIVEN)}` : pick(rng, ENGLISH);
  const phone = `+86 1${pick(rng, ['38', '39', '58', '86', '88', '35'])} ${String(int(rng, 0, 9999)).padStart(4, '0')} ${String(int(rng, 0, 9999)).padStart(4, '0')}`;
  return { name, phone };
}

export interface DemoOrderOptions {
  catalogue: readonly ProductInput[];
  rng: Rng;
  /** When the order was placed. */
  placedAt: Date;
  /** Unique within the run; with runId it makes the order id. */
  seq: number;
  /** Distinguishes runs so a restarted demo never reuses an id. */
  runId: string;
  storeId?: string;
}

/** One order as the platform would post it: 1–6 lines from the catalogue, due by its slot. */
export function makeDemoOrder({ catalogue, rng, placedAt, seq, runId, storeId = DEMO_STORE.id }: DemoOrderOptions): OrderInput {
  const kind = slotKind(rng);
  const placed = placedAt.getTime();
  let due: number;
  if (kind === 'scheduled') {
    // A half-hour slot 3 to 26 hours ahead.
    due = Math.ceil((placed + int(rng, 3 * 60, 26 * 60) * 60_000) / 1_800_000) * 1_800_000;
  } else {
    due = placed + SLOT_MINUTES[kind] * 60_000;
  }
  const products = new Set<ProductInput>();
  const lineCount = int(rng, 1, 6);
  while (products.size < lineCount) products.add(pick(rng, catalogue));
  const lines: OrderLine[] = [...products].map((p) => ({
    sku: p.sku,
    name: p.name,
    qty: rng() < 0.7 ? 1 : int(rng, 2, 4),
    unitPrice: p.unitPrice,
    ...(rng() < 0.3 ? { substitutable: true } : {}),
  }));
  const amount = lines.reduce((sum, l) => sum + l.qty * l.unitPrice, 0);
  const delivery = rng() < 0.7;
  const [street, lat, lon] = pick(rng, STREETS);
  const method = rng() < 0.75 ? 'online' : 'cod';
  const day = placedAt.toISOString().slice(0, 10).replaceAll('-', '');
  return {
    id: `EO-${day}-${runId}-${String(seq).padStart(4, '0')}`,
    storeId,
    placedAt: placedAt.toISOString(),
    fulfilment: {
      type: delivery ? 'delivery' : 'pickup',
      slot: { kind, dueAt: new Date(due).toISOString() },
      ...(delivery
        ? { address: { line1: `${street} ${int(rng, 1, 1500)}号`, line2: `${int(rng, 1, 30)}0${int(rng, 1, 9)}室`, city: '上海', lat: lat + (rng() - 0.5) * 0.004, lon: lon + (rng() - 0.5) * 0.004 } }
        : {}),
    },
    customer: customer(rng),
    // Online orders alternate between the two providers (by number, so the random sequence is unchanged); the
    // merchant order number sent to the provider is the order's id, which the demo's bill files carry.
    payment: { method, amount, currency: 'CNY', paid: method === 'online', provider: method === 'online' ? (seq % 2 === 0 ? 'wechat' : 'alipay') : 'cod' },
    lines,
  };
}

/**
 * A backlog as the store would find it: orders placed over the last `spanMinutes`, so some are late, some at risk
 * and most on time.
 */
export function makeDemoBacklog(count: number, opts: Omit<DemoOrderOptions, 'placedAt' | 'seq'> & { now: Date; spanMinutes?: number; firstSeq?: number }): OrderInput[] {
  const span = (opts.spanMinutes ?? 70) * 60_000;
  return Array.from({ length: count }, (_, i) => {
    const placedAt = new Date(opts.now.getTime() - span + Math.floor((span * i) / count));
    return makeDemoOrder({ ...opts, placedAt, seq: (opts.firstSeq ?? 1) + i });
  });
}
