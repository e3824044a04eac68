import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Order } from '../../model/order.js';
import { ProtocolError } from '../../protocol/errors.js';
import {
  MAX_ORDER_BATCH_BYTES,
  orderBatchRequestSchema,
  orderBatchResponseSchema,
  orderInputExample,
  orderInputSchema,
  type OrderBatchRequest,
  type OrderBatchResponse,
  type OrderBatchResult,
  type OrderInput,
} from '../../protocol/platform.js';
import type { ServerContext } from '../context.js';
import type { Db } from '../db/index.js';
import { jsonEqual } from '../equal.js';
import { serviceAreas } from '../routing.js';
import { assertSameSubmission, chooseStore, normaliseOrder, storedOrders, takeNewOrders } from '../store/order-intake.js';
import { assertPaymentProvider, recordExpectedPayments } from '../reconciliation/expected.js';
import { describe } from '../openapi/describe.js';
import { compileBodySchema, describeError, errorPath } from '../validation.js';

type Result = OrderBatchResult;
const validateOrder = compileBodySchema(orderInputSchema);

function idOf(item: unknown): string | null {
  const id = typeof item === 'object' && item !== null ? (item as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : null;
}

function refused(index: number, id: string | null, err: unknown): Result {
  if (!(err instanceof ProtocolError)) throw err;
  return { index, id, outcome: 'refused', status: err.status, error: err.toBody() };
}

/** Runs one order's judgement: its ProtocolError refuses that order alone; anything else fails the request. */
function judged(index: number, id: string, fn: () => Result): Result {
  try {
    return fn();
  } catch (err) {
    return refused(index, id, err);
  }
}

/**
 * Takes up to MAX_ORDER_BATCH orders with the rules of a single POST /orders, each order judged on its own: read
 * what the batch needs in three queries (the orders already taken, the stores), then one statement per store
 * takes that store's new orders (store/order-intake.ts).
 */
export async function ingestOrders(db: Db, items: readonly unknown[]): Promise<Result[]> {
  const results = new Array<Result | undefined>(items.length);
  const inputs: { index: number; input: OrderInput }[] = [];
  const firstOf = new Map<string, number>();
  for (const [index, item] of items.entries()) {
    if (!validateOrder(item)) {
      const first = validateOrder.errors?.[0];
      const prefix = `body/orders/${index}`;
      const err = new ProtocolError('VALIDATION_FAILED', first ? describeError(prefix, first) : 'invalid order', 400, { path: first ? errorPath(prefix, first) : prefix });
      results[index] = refused(index, idOf(item), err);
      continue;
    }
    const input = item as OrderInput;
    // A repeated id is judged against its first occurrence once that one is decided (below).
    if (!firstOf.has(input.id)) {
      firstOf.set(input.id, index);
      inputs.push({ index, input });
    }
  }

  const stored = await storedOrders(db, inputs.map((x) => x.input.id));
  const areas = await serviceAreas(db);
  const now = new Date().toISOString();
  const byStore = new Map<string, { index: number; input: OrderInput; order: Order }[]>();
  for (const { index, input } of inputs) {
    const before = stored.get(input.id);
    if (before) {
      results[index] = judged(index, input.id, () => {
        assertSameSubmission(before, input);
        return { index, id: input.id, outcome: 'unchanged', storeId: before.storeId };
      });
      continue;
    }
    try {
      assertPaymentProvider(input, `body/orders/${index}/payment/provider`);
      const storeId = chooseStore(areas, input);
      const order = normaliseOrder(input, storeId, now);
      const list = byStore.get(storeId) ?? [];
      list.push({ index, input, order });
      byStore.set(storeId, list);
    } catch (err) {
      results[index] = refused(index, input.id, err);
    }
  }

  const raced: { index: number; input: OrderInput }[] = [];
  for (const [storeId, list] of byStore) {
    const claimed = await takeNewOrders(db, storeId, list.map((x) => x.order));
    for (const x of list) {
      if (claimed.has(x.input.id)) results[x.index] = { index: x.index, id: x.input.id, outcome: 'created', storeId };
      else raced.push(x);
    }
  }
  // Taken meanwhile by a concurrent submission of the same id: judged as a resubmission.
  const again = await storedOrders(db, raced.map((x) => x.input.id));
  for (const { index, input } of raced) {
    const current = again.get(input.id);
    results[index] = judged(index, input.id, () => {
      if (!current) throw new ProtocolError('INTERNAL', `order "${input.id}" vanished`, 500);
      assertSameSubmission(current, input);
      return { index, id: input.id, outcome: 'unchanged', storeId: current.storeId };
    });
  }

  // What the reconciliation matches with (reconciliation/expected.ts), for each order taken now or before.
  const placedAt = new Map<string, string>();
  for (const o of [...stored.values(), ...again.values()]) placedAt.set(o.id, o.placedAt);
  for (const list of byStore.values()) for (const x of list) if (!placedAt.has(x.order.id)) placedAt.set(x.order.id, x.order.placedAt);
  const taken = inputs.flatMap(({ index, input }) => {
    const r = results[index];
    const at = placedAt.get(input.id);
    return r && r.outcome !== 'refused' && at ? [{ input, storeId: r.storeId, placedAt: at }] : [];
  });
  await recordExpectedPayments(db, taken);

  for (const [index, item] of items.entries()) {
    if (results[index]) continue;
    const id = idOf(item)!;
    const firstIndex = firstOf.get(id)!;
    const first = results[firstIndex]!;
    if (!jsonEqual(item, items[firstIndex])) {
      results[index] = refused(index, id, new ProtocolError('CONFLICT', `order "${id}" appears twice in the batch with different content`, 409, { documentId: id }));
    } else {
      results[index] = first.outcome === 'created' ? { ...first, index, outcome: 'unchanged' } : { ...first, index };
    }
  }
  return results as Result[];
}

export async function orderBatchRoutes(app: FastifyInstance, ctx: ServerContext, platform: (req: FastifyRequest) => Promise<void>): Promise<void> {
  app.post<{ Body: OrderBatchRequest }>('/orders/batch', {
    onRequest: platform,
    bodyLimit: MAX_ORDER_BATCH_BYTES,
    schema: describe({
      operationId: 'submitOrderBatch',
      tags: ['orders'],
      summary: 'Submit up to 500 orders; each is judged on its own and answered in request order (platform key)',
      description: 'Each element is an OrderInput (see submitOrder), validated on its own so one bad order refuses only itself.',
      access: 'platform',
      body: orderBatchRequestSchema,
      bodyExamples: [{ orders: [orderInputExample] }],
      responses: { 200: { description: 'One result per order, in request order', ...orderBatchResponseSchema } },
    }),
  }, async (req): Promise<OrderBatchResponse> => ({ results: await ingestOrders(ctx.db, req.body.orders) }));
}
