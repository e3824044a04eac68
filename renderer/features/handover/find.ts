import { parsePackageId } from '../../../sync/model/index.js';
import type { QueueRow } from '../orders/queue.js';

/** The order a scanned package label or a typed order id names, among the terminal's rows (case-insensitive id). */
export function findByLabel(rows: readonly QueueRow[], code: string): QueueRow | null {
  const text = code.trim();
  if (!text) return null;
  const byId = (id: string) => rows.find((r) => r.order.id === id) ?? rows.find((r) => r.order.id.toLowerCase() === id.toLowerCase());
  const pkg = parsePackageId(text);
  return byId(text) ?? (pkg ? byId(pkg.orderId) : undefined) ?? null;
}

export type CounterChoice = { ok: true; row: QueueRow } | { ok: false; code: 'notFound' | 'notReady' | 'notPickup'; params: Record<string, string> };

/** Whether a scanned or typed order can be handed over at the counter: a pickup order that is ready. */
export function chooseForCounter(rows: readonly QueueRow[], code: string): CounterChoice {
  const row = findByLabel(rows, code);
  if (!row) return { ok: false, code: 'notFound', params: { code: code.trim() } };
  if (row.order.fulfilment.type !== 'pickup') return { ok: false, code: 'notPickup', params: { id: row.order.id } };
  if (row.derived.status !== 'ready') return { ok: false, code: 'notReady', params: { id: row.order.id, status: row.derived.status } };
  return { ok: true, row };
}

export type DispatchChoice = { ok: true; row: QueueRow } | { ok: false; code: 'notFound' | 'notPacked' | 'alreadyOnRun'; params: Record<string, string> };

/** Whether a scanned package's order can go out on this run: a packed (or ready) delivery order not already on it. */
export function chooseForRun(rows: readonly QueueRow[], code: string, run: readonly string[]): DispatchChoice {
  const row = findByLabel(rows, code);
  if (!row) return { ok: false, code: 'notFound', params: { code: code.trim() } };
  if (run.includes(row.order.id)) return { ok: false, code: 'alreadyOnRun', params: { id: row.order.id } };
  const { status } = row.derived;
  if (row.order.fulfilment.type !== 'delivery' || (status !== 'packed' && status !== 'ready')) return { ok: false, code: 'notPacked', params: { id: row.order.id, status } };
  return { ok: true, row };
}
