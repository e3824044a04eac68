import { v7 as uuidv7 } from 'uuid';
import type { OrderEvent } from '../../sync/model/index.js';
import { schemaVersionOf, syncRoutes, type DeviceInfo, type PushResponse } from '../../sync/protocol/index.js';
import type { OrderInput } from '../../sync/protocol/index.js';
import { isRecord, SyncHttp } from '../../sync/client/http.js';
import { isPushResponse } from '../../sync/client/wire.js';
import { SettingsStore } from '../../main/settings/index.js';
import type { Terminal } from './terminal.js';

/**
 * Brings orders to where a handover starts (packed, and ready for a pickup) with the facts a terminal would have
 * pushed, through the sync API with a terminal's own device token: the handover screens are what the tests drive.
 */
export async function bringOrdersTo(terminal: Terminal, operatorId: string, orders: readonly OrderInput[]): Promise<void> {
  const { serverUrl, token } = await new SettingsStore(terminal.dataDir).load();
  if (!serverUrl || !token) throw new Error(`terminal in ${terminal.dataDir} is not enrolled`);
  const http = new SyncHttp({ serverUrl, token });
  const me: DeviceInfo = await http.get(syncRoutes.whoami(), isDeviceInfo);
  const start = Date.now() - 60_000;
  const events: OrderEvent[] = orders.flatMap((o, k) => {
    let n = 0;
    const fact = (type: OrderEvent['type'], extra: Partial<OrderEvent> = {}): OrderEvent => ({
      id: uuidv7(), storeId: me.storeId, orderId: o.id, type, at: new Date(start + k * 1000 + n++ * 10).toISOString(), operatorId, deviceId: me.deviceId, ...extra,
    });
    const items = o.lines.map((l) => ({ sku: l.sku, qty: l.qty }));
    return [
      fact('accepted'),
      fact('picking_started'),
      fact('picked', { lines: o.lines.map((l, i) => ({ lineIndex: i, sku: l.sku, ordered: l.qty, picked: l.qty, substitute: null, shortReason: null })) }),
      fact('packed', { packages: [{ id: `${o.id}-P1`, n: 1, of: 1, items }] }),
      ...(o.fulfilment.type === 'pickup' ? [fact('ready')] : []),
    ];
  });
  const res: PushResponse = await http.post(`${syncRoutes.push('order_events')}?schemaVersion=${schemaVersionOf('order_events')}`, { rows: events.map((e) => ({ newDocumentState: { ...e, _deleted: false } })) }, isPushResponse);
  const first = res.rejected[0];
  if (first) throw new Error(`the centre refused ${res.rejected.length} fact(s), e.g. ${first.documentId}: ${first.code} ${first.message}`);
}

function isDeviceInfo(v: unknown): v is DeviceInfo {
  return isRecord(v) && typeof v.deviceId === 'string' && typeof v.storeId === 'string';
}

/** The payments the centre holds for the terminal's store (pulled with its device token, as a terminal would). */
export async function centrePayments(terminal: Terminal): Promise<Record<string, unknown>[]> {
  const { serverUrl, token } = await new SettingsStore(terminal.dataDir).load();
  if (!serverUrl || !token) throw new Error(`terminal in ${terminal.dataDir} is not enrolled`);
  const http = new SyncHttp({ serverUrl, token });
  const body = await http.get(`${syncRoutes.pull('payments')}?schemaVersion=${schemaVersionOf('payments')}&limit=1000`, (v): v is { documents: Record<string, unknown>[] } => isRecord(v) && Array.isArray(v.documents));
  return body.documents;
}
