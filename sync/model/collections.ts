import type { DocumentSchema } from './json-schema.js';
import { productSchema, type Product } from './product.js';
import { orderSchema, type Order } from './order.js';
import { orderEventSchema, type OrderEvent } from './order-event.js';
import { operatorSchema, type Operator } from './operator.js';
import { stockMoveSchema, type StockMove } from './stock.js';
import { storeDocSchema, type StoreDoc } from './store.js';
import { stockLevelSchema, type StockLevel } from './stock-level.js';
import { pickupPassSchema, type PickupPassDoc } from './pickup-pass-doc.js';
import { paymentDocSchema, type Payment } from './payment.js';
import { tillEventSchema, type TillEvent } from './money/till.js';

/** Who may write a collection's documents (rule 1 of the design: single writer per document). */
export type Writer = 'centre' | 'terminal';

export interface CollectionSpec<Doc> {
  name: string;
  schema: DocumentSchema;
  writer: Writer;
  /** Type witness only; never read at run time. */
  readonly _doc?: Doc;
}

/** Every synced collection. Free RxDB caps open collections at 13: keep this list well below that. */
export const COLLECTIONS = {
  products: { name: 'products', schema: productSchema, writer: 'centre' } satisfies CollectionSpec<Product>,
  orders: { name: 'orders', schema: orderSchema, writer: 'centre' } satisfies CollectionSpec<Order>,
  order_events: { name: 'order_events', schema: orderEventSchema, writer: 'terminal' } satisfies CollectionSpec<OrderEvent>,
  stores: { name: 'stores', schema: storeDocSchema, writer: 'centre' } satisfies CollectionSpec<StoreDoc>,
  operators: { name: 'operators', schema: operatorSchema, writer: 'centre' } satisfies CollectionSpec<Operator>,
  stock_moves: { name: 'stock_moves', schema: stockMoveSchema, writer: 'terminal' } satisfies CollectionSpec<StockMove>,
  stock_levels: { name: 'stock_levels', schema: stockLevelSchema, writer: 'centre' } satisfies CollectionSpec<StockLevel>,
  pickup_passes: { name: 'pickup_passes', schema: pickupPassSchema, writer: 'centre' } satisfies CollectionSpec<PickupPassDoc>,
  payments: { name: 'payments', schema: paymentDocSchema, writer: 'terminal' } satisfies CollectionSpec<Payment>,
  /** The cash drawer's facts for the day close (money/till.ts); never windowed: a few a day per terminal. */
  till_events: { name: 'till_events', schema: tillEventSchema, writer: 'terminal' } satisfies CollectionSpec<TillEvent>,
} as const;

export type CollectionName = keyof typeof COLLECTIONS;
export const COLLECTION_NAMES = Object.keys(COLLECTIONS) as CollectionName[];

export interface DocTypes {
  products: Product;
  orders: Order;
  order_events: OrderEvent;
  stores: StoreDoc;
  operators: Operator;
  stock_moves: StockMove;
  stock_levels: StockLevel;
  pickup_passes: PickupPassDoc;
  payments: Payment;
  till_events: TillEvent;
}

export function isCollectionName(name: string): name is CollectionName {
  return Object.prototype.hasOwnProperty.call(COLLECTIONS, name);
}

export function primaryKeyOf(name: CollectionName, doc: DocTypes[CollectionName]): string {
  const key = COLLECTIONS[name].schema.primaryKey as keyof typeof doc;
  return String(doc[key]);
}
