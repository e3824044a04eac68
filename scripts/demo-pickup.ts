import { v7 as uuidv7 } from 'uuid';
import { SyncHttp } from '../sync/client/http.js';
import { isPushResponse } from '../sync/client/wire.js';
import { schemaVersionOf, syncRoutes } from '../sync/protocol/sync.js';
import type { OrderInput } from '../sync/protocol/platform.js';
import type { OrderEvent, OrderEventType } from '../sync/model/index.js';
import type { PlatformClient } from './demo-api.js';

export interface LockerOrderOptions {
  api: PlatformClient;
  serverUrl: string;
  token: string;
  deviceId: string;
  operatorId: string;
  /** A paid pickup order from the demo's generator. */
  order: OrderInput;
  compartment: { bankId: string; number: number };
}

/**
 * A paid pickup order already waiting in a locker compartment, so a newcomer can try the kiosk at once: the platform
 * posts it, the terminal's facts (as staff would record them) bring it to `ready` in the compartment, and the
 * centre's pass gives the code to type. Returns the code.
 */
export async function orderWaitingInLocker(opts: LockerOrderOptions): Promise<string> {
  await opts.api.postOrder(opts.order);
  const http = new SyncHttp({ serverUrl: opts.serverUrl, token: opts.token });
  const start = Date.now() - 3_000;
  const fact = (type: OrderEventType, i: number, extra: Partial<OrderEvent> = {}): OrderEvent => ({
    id: uuidv7(), storeId: opts.order.storeId ?? '', orderId: opts.order.id, type, at: new Date(start + i * 1000).toISOString(),
    operatorId: opts.operatorId, deviceId: opts.deviceId, ...extra,
  });
  const facts = [fact('accepted', 0), fact('picking_started', 1), fact('ready', 2, { compartment: opts.compartment })];
  const rows = facts.map((f) => ({ newDocumentState: { ...f, _deleted: false } }));
  const res = await http.post(`${syncRoutes.push('order_events')}?schemaVersion=${schemaVersionOf('order_events')}`, { rows }, isPushResponse);
  const refused = res.rejected[0];
  if (refused) throw new Error(`the centre refused the demo's locker order: ${refused.code} ${refused.message}`);
  return (await opts.api.pickupPass(opts.order.id)).code;
}
