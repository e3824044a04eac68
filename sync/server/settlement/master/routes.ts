import type { FastifyInstance } from 'fastify';
import { ProtocolError } from '../../../protocol/errors.js';
import {
  createContractRequestSchema,
  createCounterRequestSchema,
  createFeeBillRequestSchema,
  createPromotionRequestSchema,
  createSupplierRequestSchema,
  createSuppliesRequestSchema,
  MASTER_CODE_PATTERN,
  MAX_POS_BYTES,
  POS_CONTENT_TYPES,
  setCounterSkusRequestSchema,
  updateCounterRequestSchema,
  updateFeeBillRequestSchema,
  updatePromotionRequestSchema,
  updateSupplierRequestSchema,
  updateSuppliesRequestSchema,
  type ContractsResponse,
  type Counter,
  type CountersResponse,
  type CounterSkusResponse,
  type CreateContractRequest,
  type CreateCounterRequest,
  type CreateFeeBillRequest,
  type CreatePromotionRequest,
  type CreateSupplierRequest,
  type CreateSuppliesRequest,
  type FeeBillsResponse,
  type PosImportsResponse,
  type PromotionsResponse,
  type SetCounterSkusRequest,
  type SuppliesResponse,
  type SuppliersResponse,
  type UpdateCounterRequest,
  type UpdateFeeBillRequest,
  type UpdatePromotionRequest,
  type UpdateSupplierRequest,
  type UpdateSuppliesRequest,
} from '../../../protocol/settlement-master.js';
import { assertConsoleStore, canSeeStore, consoleUserOf, requireConsoleRole } from '../../console-auth/guard.js';
import type { ServerContext } from '../../context.js';
import { addContract, contractsOf } from './contracts.js';
import { counterById, createCounter, listCounters, updateCounter } from './counters.js';
import { createFeeBill, listFeeBills, updateFeeBill } from './fee-bills.js';
import { importPosFile, listPosImports } from './pos-import.js';
import { createPromotion, listPromotions, updatePromotion } from './promotions.js';
import { counterSkus, setCounterSkus } from './skus.js';
import { createSupplier, listSuppliers, updateSupplier } from './suppliers.js';
import { createSupplies, listSupplies, updateSupplies } from './supplies.js';

const CODE = { type: 'string', pattern: MASTER_CODE_PATTERN } as const;
const DAY = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;
const STORE = { type: 'string', minLength: 1, maxLength: 64 } as const;
const idParams = { type: 'object', properties: { id: CODE }, required: ['id'] } as const;
const feeBillParams = { type: 'object', properties: { id: { type: 'string', minLength: 1, maxLength: 100 } }, required: ['id'] } as const;
const serialParams = { type: 'object', properties: { id: { type: 'integer', minimum: 1 } }, required: ['id'] } as const;
const query = (properties: Record<string, unknown>) => ({ type: 'object', additionalProperties: false, properties }) as const;

/**
 * The settlement master data's console API (protocol/settlement-master.ts), under /console/api/settlement/master.
 * admin and finance read and write; a store manager reads the counters of their own stores (and those counters'
 * SKUs), nothing else: contracts, fees and suppliers are the chain's commercial terms. CSRF and the session are
 * console-auth's guard; every write is audited in its own transaction (audit.ts).
 */
export async function settlementMasterRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const write = requireConsoleRole('admin', 'finance');
  const read = requireConsoleRole('admin', 'finance');
  const readCounters = requireConsoleRole('admin', 'finance', 'manager');
  const db = ctx.db;

  // Suppliers
  app.get('/suppliers', { onRequest: read, schema: { hide: true } }, async (): Promise<SuppliersResponse> => ({ suppliers: await listSuppliers(db) }));
  app.post<{ Body: CreateSupplierRequest }>('/suppliers', { onRequest: write, schema: { hide: true, body: createSupplierRequestSchema } },
    async (req, reply) => reply.status(201).send(await createSupplier(db, consoleUserOf(req), req.body)));
  app.put<{ Params: { id: string }; Body: UpdateSupplierRequest }>('/suppliers/:id', { onRequest: write, schema: { hide: true, params: idParams, body: updateSupplierRequestSchema } },
    async (req) => updateSupplier(db, consoleUserOf(req), req.params.id, req.body));

  // Counters: a manager's list is cut to their stores in SQL; asked for another store, refused.
  app.get<{ Querystring: { storeId?: string; supplierId?: string } }>('/counters', {
    onRequest: readCounters, schema: { hide: true, querystring: query({ storeId: STORE, supplierId: CODE }) },
  }, async (req): Promise<CountersResponse> => {
    const user = consoleUserOf(req);
    if (req.query.storeId !== undefined) assertConsoleStore(req, req.query.storeId);
    return { counters: await listCounters(db, { ...req.query, ...(user.role === 'manager' ? { storeIds: user.storeIds } : {}) }) };
  });
  const seenCounter = async (req: Parameters<typeof consoleUserOf>[0], id: string): Promise<Counter> => {
    const counter = await counterById(db, id);
    // A manager learns nothing of another store's counter, not even that it exists.
    if (!counter || !canSeeStore(consoleUserOf(req), counter.storeId)) throw new ProtocolError('UNKNOWN_COUNTER', `counter "${id}" does not exist`, 404, { counterId: id });
    return counter;
  };
  app.get<{ Params: { id: string } }>('/counters/:id', { onRequest: readCounters, schema: { hide: true, params: idParams } }, async (req) => seenCounter(req, req.params.id));
  app.post<{ Body: CreateCounterRequest }>('/counters', { onRequest: write, schema: { hide: true, body: createCounterRequestSchema } },
    async (req, reply) => reply.status(201).send(await createCounter(db, consoleUserOf(req), req.body)));
  app.put<{ Params: { id: string }; Body: UpdateCounterRequest }>('/counters/:id', { onRequest: write, schema: { hide: true, params: idParams, body: updateCounterRequestSchema } },
    async (req) => updateCounter(db, consoleUserOf(req), req.params.id, req.body));
  app.get<{ Params: { id: string } }>('/counters/:id/skus', { onRequest: readCounters, schema: { hide: true, params: idParams } }, async (req): Promise<CounterSkusResponse> => {
    await seenCounter(req, req.params.id);
    return counterSkus(db, req.params.id);
  });
  app.put<{ Params: { id: string }; Body: SetCounterSkusRequest }>('/counters/:id/skus', { onRequest: write, schema: { hide: true, params: idParams, body: setCounterSkusRequestSchema } },
    async (req) => setCounterSkus(db, consoleUserOf(req), req.params.id, req.body.skus));

  // Contracts: append only.
  app.get<{ Params: { id: string } }>('/counters/:id/contracts', { onRequest: read, schema: { hide: true, params: idParams } },
    async (req): Promise<ContractsResponse> => contractsOf(db, req.params.id));
  app.post<{ Params: { id: string }; Body: CreateContractRequest }>('/counters/:id/contracts', { onRequest: write, schema: { hide: true, params: idParams, body: createContractRequestSchema } },
    async (req, reply) => reply.status(201).send(await addContract(db, consoleUserOf(req), req.params.id, req.body)));

  // Promotions
  app.get<{ Querystring: { day?: string } }>('/promotions', { onRequest: read, schema: { hide: true, querystring: query({ day: DAY }) } },
    async (req): Promise<PromotionsResponse> => ({ promotions: await listPromotions(db, req.query.day) }));
  app.post<{ Body: CreatePromotionRequest }>('/promotions', { onRequest: write, schema: { hide: true, body: createPromotionRequestSchema } },
    async (req, reply) => reply.status(201).send(await createPromotion(db, consoleUserOf(req), req.body)));
  app.put<{ Params: { id: string }; Body: UpdatePromotionRequest }>('/promotions/:id', { onRequest: write, schema: { hide: true, params: idParams, body: updatePromotionRequestSchema } },
    async (req) => updatePromotion(db, consoleUserOf(req), req.params.id, req.body));

  // Fee bills and supplies usage
  app.get<{ Querystring: { periodFrom?: string; counterId?: string } }>('/fee-bills', {
    onRequest: read, schema: { hide: true, querystring: query({ periodFrom: DAY, counterId: CODE }) },
  }, async (req): Promise<FeeBillsResponse> => ({ feeBills: await listFeeBills(db, req.query) }));
  app.post<{ Body: CreateFeeBillRequest }>('/fee-bills', { onRequest: write, schema: { hide: true, body: createFeeBillRequestSchema } },
    async (req, reply) => reply.status(201).send(await createFeeBill(db, consoleUserOf(req), req.body)));
  app.put<{ Params: { id: string }; Body: UpdateFeeBillRequest }>('/fee-bills/:id', { onRequest: write, schema: { hide: true, params: feeBillParams, body: updateFeeBillRequestSchema } },
    async (req) => updateFeeBill(db, consoleUserOf(req), req.params.id, req.body));
  app.get<{ Querystring: { periodFrom?: string; storeId?: string; counterId?: string } }>('/supplies', {
    onRequest: read, schema: { hide: true, querystring: query({ periodFrom: DAY, storeId: STORE, counterId: CODE }) },
  }, async (req): Promise<SuppliesResponse> => ({ supplies: await listSupplies(db, req.query) }));
  app.post<{ Body: CreateSuppliesRequest }>('/supplies', { onRequest: write, schema: { hide: true, body: createSuppliesRequestSchema } },
    async (req, reply) => reply.status(201).send(await createSupplies(db, consoleUserOf(req), req.body)));
  app.put<{ Params: { id: number }; Body: UpdateSuppliesRequest }>('/supplies/:id', { onRequest: write, schema: { hide: true, params: serialParams, body: updateSuppliesRequestSchema } },
    async (req) => updateSupplies(db, consoleUserOf(req), req.params.id, req.body));

  // Till sales: the file as it is, in its own scope so the CSV parser applies to this route only.
  app.get('/pos-imports', { onRequest: read, schema: { hide: true } }, async (): Promise<PosImportsResponse> => ({ imports: await listPosImports(db) }));
  await app.register(async (raw) => {
    raw.addContentTypeParser(POS_CONTENT_TYPES, { parseAs: 'buffer', bodyLimit: MAX_POS_BYTES }, (_req, body, done) => done(null, body));
    raw.post<{ Querystring: { fileName?: string } }>('/pos-imports', {
      onRequest: write,
      bodyLimit: MAX_POS_BYTES,
      schema: { hide: true, querystring: query({ fileName: { type: 'string', minLength: 1, maxLength: 200 } }) },
    }, async (req) => {
      if (!Buffer.isBuffer(req.body)) throw new ProtocolError('UNSUPPORTED_MEDIA_TYPE', `send the till sales file as ${POS_CONTENT_TYPES.join(' or ')}`, 415);
      return importPosFile(db, consoleUserOf(req), req.query.fileName ?? 'pos.csv', req.body);
    });
  });
}
