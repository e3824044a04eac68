import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  consoleCreateOperatorRequestSchema,
  consoleCreateStoreRequestSchema,
  consoleCreateUserRequestSchema,
  consoleResetPasswordRequestSchema,
  consoleResetPinRequestSchema,
  consoleUpdateStoreRequestSchema,
  consoleUpdateUserRequestSchema,
  type ConsoleAuditResponse,
  type ConsoleCreateOperatorRequest,
  type ConsoleCreateStoreRequest,
  type ConsoleCreateUserRequest,
  type ConsoleCreateUserResponse,
  type ConsoleDevicesResponse,
  type ConsoleEnrollmentCodeRequest,
  type ConsoleEnrollmentCodeResponse,
  type ConsoleOperator,
  type ConsoleOperatorsResponse,
  type ConsoleResetPasswordRequest,
  type ConsoleResetPasswordResponse,
  type ConsoleResetPinRequest,
  type ConsoleRevokeDeviceResponse,
  type ConsoleStore,
  type ConsoleStoresResponse,
  type ConsoleUpdateStoreRequest,
  type ConsoleUpdateUserRequest,
  type ConsoleUserView,
  type ConsoleUsersResponse,
} from '../../protocol/console.js';
import { ProtocolError } from '../../protocol/errors.js';
import { enrollmentCodeRequestSchema, type OperatorInput } from '../../protocol/platform.js';
import type { Operator } from '../../model/operator.js';
import type { ServerContext } from '../context.js';
import type { Queryable } from '../db/index.js';
import { listDevices, revokeDevice } from '../admin/devices.js';
import { listOperators, storeOperators, upsertOperators } from '../admin/operators.js';
import { DEFAULT_CODE_TTL_MINUTES, issueEnrollmentCode, listStores, writeStore } from '../admin/stores.js';
import { emptyBodyAsObject } from '../validation.js';
import { audit, latestAudit } from './audit.js';
import { assertConsoleStore, consoleUserOf, requireConsoleRole } from './guard.js';
import { createConsoleUser, listConsoleUsers, resetConsolePassword, updateConsoleUser } from './users.js';

const storeParams = { type: 'object', properties: { storeId: { type: 'string', maxLength: 32 } }, required: ['storeId'] } as const;
const operatorParams = {
  type: 'object',
  properties: { storeId: { type: 'string', maxLength: 32 }, operatorId: { type: 'string', maxLength: 64 } },
  required: ['storeId', 'operatorId'],
} as const;

/** The store as the console shows it; UNKNOWN_STORE when it does not exist. */
async function oneStore(q: Queryable, storeId: string): Promise<ConsoleStore> {
  const [store] = await listStores(q, [storeId]);
  if (!store) throw new ProtocolError('UNKNOWN_STORE', `store "${storeId}" does not exist`, 404, { storeId });
  return store;
}

async function oneOperator(q: Queryable, storeId: string, operatorId: string): Promise<Operator> {
  const op = (await storeOperators(q, storeId)).get(operatorId);
  if (!op) throw new ProtocolError('UNKNOWN_OPERATOR', `operator "${operatorId}" is not on the staff of store "${storeId}"`, 404, { storeId, operatorId });
  return op;
}

function asInput(op: Operator): OperatorInput {
  return { id: op.id, name: op.name, roles: op.roles, active: op.active, ...(op.badge !== undefined ? { badge: op.badge } : {}) };
}

async function operatorView(q: Queryable, storeId: string, operatorId: string): Promise<ConsoleOperator> {
  const op = (await listOperators(q, storeId)).find((o) => o.id === operatorId);
  if (!op) throw new ProtocolError('UNKNOWN_OPERATOR', `operator "${operatorId}" is not on the staff of store "${storeId}"`, 404, { storeId, operatorId });
  return op;
}

/**
 * The console's admin API, under CONSOLE_API_BASE. Every change goes through the same functions as the Platform
 * API's admin-token routes (admin/stores.ts, admin/operators.ts, admin/devices.ts) and writes one console_audit
 * row in its transaction. Reads: admin everything; a manager their own stores; finance the store list.
 */
export async function consoleAdminRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const db = ctx.db;
  const admin = requireConsoleRole('admin');
  const who = (req: FastifyRequest) => consoleUserOf(req);

  // ---- stores
  app.get('/stores', { onRequest: requireConsoleRole() }, async (req): Promise<ConsoleStoresResponse> => {
    const user = who(req);
    return { stores: await listStores(db, user.role === 'manager' ? user.storeIds : undefined) };
  });

  app.get<{ Params: { storeId: string } }>('/stores/:storeId', { onRequest: requireConsoleRole(), schema: { params: storeParams } }, async (req): Promise<ConsoleStore> => {
    assertConsoleStore(req, req.params.storeId);
    return oneStore(db, req.params.storeId);
  });

  app.post<{ Body: ConsoleCreateStoreRequest }>('/stores', { onRequest: admin, schema: { body: consoleCreateStoreRequestSchema } }, async (req, reply) => {
    const user = who(req);
    await writeStore(db, req.body, 'create', (q) => audit(q, user, 'store.create', req.body.id, { store: req.body }));
    return reply.status(201).send(await oneStore(db, req.body.id));
  });

  app.put<{ Params: { storeId: string }; Body: ConsoleUpdateStoreRequest }>('/stores/:storeId', {
    onRequest: admin,
    schema: { params: storeParams, body: consoleUpdateStoreRequestSchema },
  }, async (req): Promise<ConsoleStore> => {
    const user = who(req);
    const { storeId } = req.params;
    const before = await oneStore(db, storeId);
    await writeStore(db, { ...req.body, id: storeId }, 'update', (q) =>
      audit(q, user, 'store.update', storeId, { before: { name: before.name, timezone: before.timezone, settings: before.settings, window: before.window }, change: req.body }),
    );
    return oneStore(db, storeId);
  });

  app.post<{ Params: { storeId: string }; Body: ConsoleEnrollmentCodeRequest | undefined }>('/stores/:storeId/enrollment-codes', {
    onRequest: admin,
    preValidation: emptyBodyAsObject,
    schema: { params: storeParams, body: enrollmentCodeRequestSchema },
  }, async (req, reply) => {
    const user = who(req);
    const { storeId } = req.params;
    const ttlMinutes = req.body?.ttlMinutes ?? DEFAULT_CODE_TTL_MINUTES;
    // The code itself is never audited: it is a credential until used.
    const issued = await issueEnrollmentCode(db, storeId, ttlMinutes, (q, expiresAt) => audit(q, user, 'enrollment-code.issue', storeId, { ttlMinutes, expiresAt: expiresAt.toISOString() }));
    const body: ConsoleEnrollmentCodeResponse = { storeId, ...issued };
    return reply.status(201).send(body);
  });

  // ---- staff
  app.get<{ Params: { storeId: string } }>('/stores/:storeId/operators', {
    onRequest: requireConsoleRole('admin', 'manager'),
    schema: { params: storeParams },
  }, async (req): Promise<ConsoleOperatorsResponse> => {
    const { storeId } = req.params;
    assertConsoleStore(req, storeId);
    await oneStore(db, storeId);
    return { storeId, operators: await listOperators(db, storeId) };
  });

  app.post<{ Params: { storeId: string }; Body: ConsoleCreateOperatorRequest }>('/stores/:storeId/operators', {
    onRequest: admin,
    schema: { params: storeParams, body: consoleCreateOperatorRequestSchema },
  }, async (req, reply) => {
    const user = who(req);
    const { storeId } = req.params;
    const { pin, ...rest } = req.body;
    if ((await storeOperators(db, storeId)).has(rest.id)) {
      throw new ProtocolError('CONFLICT', `operator "${rest.id}" is already on the staff of store "${storeId}"`, 409, { storeId, operatorId: rest.id });
    }
    await upsertOperators(db, storeId, [{ ...rest, pin, active: true }], (q) => audit(q, user, 'operator.create', rest.id, { storeId, ...rest }));
    return reply.status(201).send(await operatorView(db, storeId, rest.id));
  });

  app.post<{ Params: { storeId: string; operatorId: string } }>('/stores/:storeId/operators/:operatorId/deactivate', {
    onRequest: admin,
    schema: { params: operatorParams },
  }, async (req): Promise<ConsoleOperator> => {
    const user = who(req);
    const { storeId, operatorId } = req.params;
    const op = await oneOperator(db, storeId, operatorId);
    await upsertOperators(db, storeId, [{ ...asInput(op), active: false }], (q) => audit(q, user, 'operator.deactivate', operatorId, { storeId, name: op.name, wasActive: op.active }));
    return operatorView(db, storeId, operatorId);
  });

  app.post<{ Params: { storeId: string; operatorId: string }; Body: ConsoleResetPinRequest }>('/stores/:storeId/operators/:operatorId/reset-pin', {
    onRequest: admin,
    schema: { params: operatorParams, body: consoleResetPinRequestSchema },
  }, async (req): Promise<ConsoleOperator> => {
    const user = who(req);
    const { storeId, operatorId } = req.params;
    const op = await oneOperator(db, storeId, operatorId);
    // The PIN is not audited, only that it was set.
    await upsertOperators(db, storeId, [{ ...asInput(op), pin: req.body.pin }], (q) => audit(q, user, 'operator.reset-pin', operatorId, { storeId, name: op.name }));
    return operatorView(db, storeId, operatorId);
  });

  // ---- devices
  app.get<{ Querystring: { storeId?: string } }>('/devices', {
    onRequest: requireConsoleRole('admin', 'manager'),
    schema: { querystring: { type: 'object', additionalProperties: false, properties: { storeId: { type: 'string', maxLength: 32 } } } },
  }, async (req): Promise<ConsoleDevicesResponse> => {
    const user = who(req);
    const { storeId } = req.query;
    if (storeId !== undefined) assertConsoleStore(req, storeId);
    const scope = storeId !== undefined ? [storeId] : user.role === 'manager' ? user.storeIds : undefined;
    return { devices: await listDevices(db, scope) };
  });

  app.post<{ Params: { deviceId: string } }>('/devices/:deviceId/revoke', {
    onRequest: admin,
    schema: { params: { type: 'object', properties: { deviceId: { type: 'string', maxLength: 64 } }, required: ['deviceId'] } },
  }, async (req): Promise<ConsoleRevokeDeviceResponse> => {
    const user = who(req);
    return revokeDevice(db, req.params.deviceId, (q, r) => audit(q, user, 'device.revoke', r.deviceId, { storeId: r.storeId, revokedAt: r.revokedAt }));
  });

  // ---- console users
  app.get('/users', { onRequest: admin }, async (): Promise<ConsoleUsersResponse> => ({ users: await listConsoleUsers(db) }));

  app.post<{ Body: ConsoleCreateUserRequest }>('/users', { onRequest: admin, schema: { body: consoleCreateUserRequestSchema } }, async (req, reply) => {
    const body: ConsoleCreateUserResponse = await createConsoleUser(db, who(req), req.body);
    return reply.status(201).send(body);
  });

  app.patch<{ Params: { userId: string }; Body: ConsoleUpdateUserRequest }>('/users/:userId', {
    onRequest: admin,
    schema: { params: { type: 'object', properties: { userId: { type: 'string', maxLength: 64 } }, required: ['userId'] }, body: consoleUpdateUserRequestSchema },
  }, async (req): Promise<ConsoleUserView> => updateConsoleUser(db, who(req), req.params.userId, req.body));

  app.post<{ Params: { userId: string }; Body: ConsoleResetPasswordRequest | undefined }>('/users/:userId/reset-password', {
    onRequest: admin,
    preValidation: emptyBodyAsObject,
    schema: { params: { type: 'object', properties: { userId: { type: 'string', maxLength: 64 } }, required: ['userId'] }, body: consoleResetPasswordRequestSchema },
  }, async (req): Promise<ConsoleResetPasswordResponse> => resetConsolePassword(db, who(req), req.params.userId, req.body?.password));

  app.get<{ Querystring: { limit?: number } }>('/audit', {
    onRequest: admin,
    schema: { querystring: { type: 'object', additionalProperties: false, properties: { limit: { type: 'integer', minimum: 1, maximum: 500 } } } },
  }, async (req): Promise<ConsoleAuditResponse> => ({ entries: await latestAudit(db, req.query.limit ?? 100) }));
}
