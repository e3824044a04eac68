import type { FastifyInstance } from 'fastify';
import type { Order } from '../../model/order.js';
import { cancellationOutcome, statusOfFold } from '../../model/status.js';
import { placeOrders } from '../window/membership.js';
import { ProtocolError } from '../../protocol/errors.js';
import {
  cancelRequestSchema,
  cancelResponseSchema,
  orderInputExample,
  orderInputSchema,
  orderStatusResponseSchema,
  type CancelRequest,
  type CancelResponse,
  type OrderInput,
  type OrderStatusResponse,
} from '../../protocol/platform.js';
import { requireSecret } from '../auth.js';
import type { ServerContext } from '../context.js';
import type { Queryable } from '../db/index.js';
import { currentFold, loadOrderFacts } from '../store/order-folds.js';
import { areasFor, assertSameSubmission, chooseStore, normaliseOrder, storedOrders, takeNewOrders } from '../store/order-intake.js';
import { appendPlatformEvents, loadOrderState, statusChanged, storeOfOrder, type OrderState } from '../store/orders.js';
import { writeStore } from '../store/store-tx.js';
import { emptyBodyAsObject } from '../validation.js';
import { orderBatchRoutes } from './orders-batch.js';
import { describe, ref } from '../openapi/describe.js';
import { assertPaymentProvider, recordExpectedPayments } from '../reconciliation/expected.js';

const idParams = { type: 'object', properties: { id: { type: 'string', maxLength: 64 } }, required: ['id'] } as const;

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
    schema: describe({
      operationId: 'submitOrder',
      tags: ['orders'],
      summary: 'Submit an order; idempotent by id (platform key)',
      description: 'Without storeId the order goes to the store whose service area holds its address.',
      access: 'platform',
      body: orderInputSchema,
      bodyExamples: [orderInputExample],
      responses: { 200: { description: 'Already taken, the same', ...ref('Order') }, 201: { description: 'Taken', ...ref('Order') } },
      errors: { 400: ['VALIDATION_FAILED'], 409: ['CONFLICT'], 422: ['UNKNOWN_STORE', 'NO_STORE_FOR_LOCATION'] },
    }),
  }, async (req, reply) => {
    const input = req.body;
    assertPaymentProvider(input);
    const expect = (o: Order) => recordExpectedPayments(ctx.db, [{ input, storeId: o.storeId, placedAt: o.placedAt }]);
    const before = (await storedOrders(ctx.db, [input.id])).get(input.id);
    if (before) {
      assertSameSubmission(before, input);
      await expect(before);
      return reply.status(200).send(before);
    }
    const storeId = chooseStore(await areasFor(ctx.db, input), input);
    const order = normaliseOrder(input, storeId, new Date().toISOString());
    // The index row makes the id unique across stores, even for two racing submissions of one order.
    if ((await takeNewOrders(ctx.db, storeId, [order])).has(order.id)) {
      await expect(order);
      return reply.status(201).send(order);
    }
    const raced = (await storedOrders(ctx.db, [input.id])).get(input.id);
    if (!raced) throw new ProtocolError('INTERNAL', `order "${input.id}" vanished`, 500);
    assertSameSubmission(raced, input);
    await expect(raced);
    return reply.status(200).send(raced);
  });

  await orderBatchRoutes(app, ctx, platform);

  app.get<{ Params: { id: string } }>('/orders/:id', {
    onRequest: platform,
    schema: describe({
      operationId: 'getOrder',
      readOnly: true,
      tags: ['orders'],
      summary: 'The order with its fulfilment status and history (platform key)',
      access: 'platform',
      params: idParams,
      responses: { 200: { description: 'The order, its status and history', ...orderStatusResponseSchema } },
      errors: { 404: ['NOT_FOUND'] },
    }),
  }, async (req) => {
    const state = await existingOrder(ctx.db, req.params.id);
    if (!state) throw new ProtocolError('NOT_FOUND', `order "${req.params.id}" does not exist`, 404);
    return statusResponse(state);
  });

  app.post<{ Params: { id: string }; Body: CancelRequest | undefined }>('/orders/:id/cancel', {
    onRequest: platform,
    preValidation: emptyBodyAsObject,
    schema: describe({
      operationId: 'cancelOrder',
      tags: ['orders'],
      summary: 'Cancel an order, subject to the merge rule (platform key)',
      access: 'platform',
      params: idParams,
      body: cancelRequestSchema,
      bodyOptional: true,
      bodyExamples: [{ reason: 'customer changed their mind' }],
      responses: { 200: { description: 'What the cancellation became', ...cancelResponseSchema } },
      errors: { 404: ['NOT_FOUND'] },
    }),
  }, async (req) => {
    const orderId = req.params.id;
    const storeId = await storeOfOrder(ctx.db, orderId);
    if (!storeId) throw new ProtocolError('NOT_FOUND', `order "${orderId}" does not exist`, 404);
    const { value } = await writeStore(ctx.db, storeId, async (st): Promise<CancelResponse> => {
      const facts = (await loadOrderFacts(st.q, storeId, [orderId])).get(orderId);
      if (!facts) throw new ProtocolError('NOT_FOUND', `order "${orderId}" does not exist`, 404);
      const before = facts.before;
      const outcome = cancellationOutcome(before.status);
      // A repeated cancel changes nothing: the first requestedAt stays, so the merge stays the same everywhere.
      if (outcome === 'already_final' || facts.order.cancel) return { orderId, outcome, status: before.status };
      const now = new Date().toISOString();
      const reason = req.body?.reason;
      const order: Order = { ...facts.order, cancel: reason !== undefined ? { requestedAt: now, reason } : { requestedAt: now }, updatedAt: now };
      await st.put('orders', orderId, order);
      // A return reopens an order the window had let go: it comes back to the terminals with its facts.
      if (!facts.inWindow) await placeOrders(st, [orderId]);
      const after = statusOfFold(order, currentFold(facts));
      if (statusChanged(before, after)) {
        await appendPlatformEvents(st.q, [{ orderId, storeId, status: after.status, returnRequested: after.returnRequested }]);
      }
      return { orderId, outcome, status: after.status };
    });
    return value;
  });
}
