import { locationCode, type PickState } from '../../../sync/model/index.js';
import type { PickListInput } from '../../../main/contract.js';

export interface PickListHeader {
  operatorId: string;
  operatorName: string;
  storeName: string;
  /** When the batch was built (ISO). */
  createdAt: string;
  /** The store's time zone, in which the list prints its times. */
  timeZone: string;
}

/**
 * The paper pick list of a walk: every stop in walking order, with the shelf label's scan code and each order's
 * share and tote, so a picker whose terminal dies can finish on paper. Stops still ahead reflect withdrawals.
 */
export function pickListInput(state: Pick<PickState, 'batchId' | 'stops' | 'totes' | 'withdrawn'>, header: PickListHeader): PickListInput {
  const toteOf = new Map(state.totes.map((t) => [t.orderId, t.tote]));
  const live = (orderId: string) => !state.withdrawn.includes(orderId);
  return {
    operatorId: header.operatorId,
    operatorName: header.operatorName,
    batchId: state.batchId,
    storeName: header.storeName,
    createdAt: header.createdAt,
    timeZone: header.timeZone,
    stops: state.stops.map((stop) => {
      const orders = stop.allocations.filter((a) => live(a.orderId)).map((a) => ({ orderId: a.orderId, tote: toteOf.get(a.orderId) ?? 0, qty: a.qty }));
      return {
        location: stop.location ? locationLabel(stop.location) : '',
        locationCode: stop.location ? locationCode(stop.location) : '',
        sku: stop.sku,
        name: stop.name,
        barcode: stop.barcodes[0] ?? stop.sku,
        qty: orders.reduce((n, o) => n + o.qty, 0),
        orders,
      };
    }).filter((s) => s.qty > 0),
    totes: state.totes.filter((t) => live(t.orderId)).map((t) => ({ tote: t.tote, orderId: t.orderId })),
  };
}

/** "A1-S2-B3": what the shelf label prints and the screen shows (the scan code without its "LOC:" prefix). */
export function locationLabel(loc: { aisle: string; shelf: string; bin: string }): string {
  return locationCode(loc).slice('LOC:'.length);
}
