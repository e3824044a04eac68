import type { FastifyInstance } from 'fastify';
import type { Order } from '../../model/order.js';
import { cancellationOutcome } from '../../model/status.js';
import { ProtocolError } from '../../protocol/errors.js';
import {
  cancelRequestSchema,
  orderInputSchema,
  type CancelRequest,
  type CancelResponse,
  type OrderInput,
  type OrderStatusResponse,
} from '../../protocol/platform.js';
import { requireSecret } from '../auth.js';
import type { ServerContext } from '../context.js';
import type { Queryable } from '../db/index.js';
import { routeByLocation } from '../routing.js';
import { loadOrderState, recordStatusChange, storeOfOrder, type OrderState } from '../store/orders.js';
import { writeStore } from '../store/store-tx.js';
import { jsonEqual } from '../equal.js';
import { describeError, docValidator, emptyBodyAsObject } from '../validation.js';

const idParams = { type: 'object', properties: { id: { type: 'string', maxLength: 64 } }, required: ['id'] } as const;
const utc = (t: string) => new Date(t).toISOString();

/** The platform's body as the `orders` document: times in UTC, dueAt lifted to the top for the queue's index. */
export function normaliseOrder(input: OrderInput, storeId: string, now: string): Order {
  const dueAt = utc(input.fulfilment.slot.dueAt);
  const order: Order = {
    id: input.id,
    storeId,
    placedAt: utc(input.placedAt),
    dueAt,
    fulfilment: { ...input.fulfilment, slot: { ...input.fulfilment.slot, dueAt } },
    customer: input.customer,
    payment: input.payment,
    lines: input.lines,
    receivedAt: now,
    updatedAt: now,
  };
  const validate = docValidator('orders');
  if (!validate(order)) {
    const first = validate.errors?.[0];
    throw new ProtocolError('VALIDATION_FAILED', first ? describeError('body', first) : 'invalid order', 400);
  }
  return order;
}

/**
 * A resubmission is idempotent only if it is the same order: the platform must not believe that a changed body
 * was taken when the stored order is what the store is working on.
 */
function assertSameSubmission(stored: Order, input: OrderInput): void {
  const again = normaliseOrder(input, stored.storeId, stored.receivedAt);
  const submitted = ({ updatedAt: _u, cancel: _c, ...rest }: Order) => rest;
  const sameStore = input.storeId === undefined || input.storeId === stored.storeId;
  if (!sameStore || !jsonEqual(submitted(again), submitted(stored))) {
    throw new ProtocolError('CONFLICT', `order "${input.id}" was already submitted with different content`, 409, { documentId: input.id });
  }
}

async function chooseStore(q: Queryable, input: OrderInput): Promise<string> {
  if (input.storeId !== undefined) {
    const rows = await q.query('SELECT 1 FROM stores WHERE id = $1', [input.storeId]);
    if (rows.length === 0) throw new ProtocolError('UNKNOWN_STORE', `store "${input.storeId}" does not exist`, 422, { path: 'body/storeId' });
    return input.storeId;
  }
  const addr = input.fulfilment.address;
  if (addr?.lat === undefined || addr.lon === undefined) {
    throw new ProtocolError('NO_STORE_FOR_LOCATION', 'without storeId, fulfilment.address needs lat and lon to route the order', 422, { path: 'body/fulfilment/address' });
  }
  const storeId = await routeByLocation(q, { lat: addr.lat, lon: addr.lon });
  if (!storeId) throw new ProtocolError('NO_STORE_FOR_LOCATION', `no store serves (${addr.lat}, ${addr.lon})`, 422, { path: 'body/fulfilment/address' });
  return storeId;
}

async function existingOrder(q: Queryable, id: string): Promise<OrderState | undefined> {
  const storeId = await storeOfOrder(q, id);
  return storeId ? loadOrderState(q, storeId, id) : undefined;
}

function statusResponse(state: OrderState): OrderStatusResponse {
  return {
    order: state.order,
    status: state.derived.status,
    returnRequested: state.derived.returnRequested,
    history: state.derived.history.map((h) => ({
      eventId: h.event.id,
      type: h.event.type,
      at: h.event.at,
      operatorId: h.event.operatorId,
      deviceId: h.event.deviceId,
      applied: h.applied,
      ...(h.ignoredReason !== undefined ? { ignoredReason: h.ignoredReason } : {}),
    })),
  };
}

export async function ordersRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const platform = async (req: Parameters<typeof requireSecret>[0]) => requireSecret(req, ctx.platformApiKey, 'platform API key');

  app.post<{ Body: OrderInput }>('/orders', {
    onRequest: platform,
    schema: { tags: ['orders'], summary: 'Submit an order; idempotent by id (platform key)', body: orderInputSchema },
  }, async (req, reply) => {
    const input = req.body;
    const before = await existingOrder(ctx.db, input.id);
    if (before) {
      assertSameSubmission(before.order, input);
      return reply.status(200).send(before.order);
    }
    const storeId = await chooseStore(ctx.db, input);
    const order = normaliseOrder(input, storeId, new Date().toISOString());
    const { value: created } = await writeStore(ctx.db, storeId, async (st) => {
      // The index row makes the id unique across stores, even for two racing submissions of one order.
      const claimed = await st.q.query('INSERT INTO order_index (id, store_id) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING RETURNING id', [order.id, storeId]);
      if (claimed.length === 0) return false;
      await st.put('orders', order.id, order);
      const state = await loadOrderState(st.q, storeId, order.id);
      if (state) await recordStatusChange(st.q, storeId, undefined, state);
      return true;
    });
    if (created) return reply.status(201).send(order);
    const raced = await existingOrder(ctx.db, input.id);
    if (!raced) throw new ProtocolError('INTERNAL', `order "${input.id}" vanished`, 500);
    assertSameSubmission(raced.order, input);
    return reply.status(200).send(raced.order);
  });

  app.get<{ Params: { id: string } }>('/orders/:id', {
    onRequest: platform,
    schema: { tags: ['orders'], summary: 'The order with its fulfilment status and history (platform key)', params: idParams },
  }, async (req) => {
    const state = await existingOrder(ctx.db, req.params.id);
    if (!state) throw new ProtocolError('NOT_FOUND', `order "${req.params.id}" does not exist`, 404);
    return statusResponse(state);
  });

  app.post<{ Params: { id: string }; Body: CancelRequest | undefined }>('/orders/:id/cancel', {
    onRequest: platform,
    preValidation: emptyBodyAsObject,
    schema: { tags: ['orders'], summary: 'Cancel an order, subject to the merge rule (platform key)', params: idParams, body: cancelRequestSchema },
  }, async (req) => {
    const orderId = req.params.id;
    const storeId = await storeOfOrder(ctx.db, orderId);
    if (!storeId) throw new ProtocolError('NOT_FOUND', `order "${orderId}" does not exist`, 404);
    const { value } = await writeStore(ctx.db, storeId, async (st): Promise<CancelResponse> => {
      const before = await loadOrderState(st.q, storeId, orderId);
      if (!before) throw new ProtocolError('NOT_FOUND', `order "${orderId}" does not exist`, 404);
      const outcome = cancellationOutcome(before.derived.status);
      // A repeated cancel changes nothing: the first requestedAt stays, so the merge stays the same everywhere.
      if (outcome === 'already_final' || before.order.cancel) return { orderId, outcome, status: before.derived.status };
      const now = new Date().toISOString();
      const reason = req.body?.reason;
      const order: Order = { ...before.order, cancel: reason !== undefined ? { requestedAt: now, reason } : { requestedAt: now }, updatedAt: now };
      await st.put('orders', orderId, order);
      const after = await loadOrderState(st.q, storeId, orderId);
      if (!after) throw new ProtocolError('INTERNAL', `order "${orderId}" vanished`, 500);
      await recordStatusChange(st.q, storeId, before.derived, after);
      return { orderId, outcome, status: after.derived.status };
    });
    return value;
  });
}
