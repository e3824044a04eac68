import type { FastifyInstance, FastifyRequest } from 'fastify';
import { BILL_PROVIDERS, type BillProvider } from '../../model/money/bill.js';
import type { ConsoleUser } from '../../protocol/console.js';
import { ProtocolError } from '../../protocol/errors.js';
import {
  EXCEPTION_STATUSES,
  EXCEPTION_TYPES,
  MAX_EXCEPTION_PAGE_SIZE,
  RESOLUTION_KINDS,
  type BillListResponse,
  type ExceptionListResponse,
  type ExceptionStatus,
  type ExceptionType,
  type MatchRunRequest,
  type OrderReconciliationResponse,
  type ResolutionAuditResponse,
  type ResolveRequest,
} from '../../protocol/reconciliation.js';
import { canSeeStore, consoleUserOf, requireConsoleRole } from '../console-auth/guard.js';
import type { ServerContext } from '../context.js';
import { importBillFile, listBills } from './bills-store.js';
import { eachException, exceptionByKey, listExceptions, orderStandings, resolutionsOf, resolveException, type ExceptionFilter } from './exceptions.js';
import { EXCEPTION_COLUMNS, exceptionRows } from './export.js';
import { EXPORT_LANGS, sendExport, type ExportLang } from '../exports/index.js';
import { BILL_CONTENT_TYPES, MAX_BILL_BYTES, rawBody } from './platform-routes.js';
import { runMatching, type ReconciliationOptions } from './run.js';

const DAY = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;
const STORE = { type: 'string', minLength: 1, maxLength: 64 } as const;
const MAX_RUN_DAYS = 62;

const exceptionQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    type: { type: 'string', enum: EXCEPTION_TYPES },
    storeId: STORE,
    status: { type: 'string', enum: EXCEPTION_STATUSES },
    from: DAY,
    to: DAY,
    page: { type: 'integer', minimum: 1, maximum: 1_000_000, default: 1 },
    pageSize: { type: 'integer', minimum: 1, maximum: MAX_EXCEPTION_PAGE_SIZE, default: 50 },
    format: { type: 'string', enum: ['csv', 'xlsx'] },
    lang: { type: 'string', enum: [...EXPORT_LANGS] },
  },
} as const;

interface ExceptionQuery {
  type?: ExceptionType;
  storeId?: string;
  status?: ExceptionStatus;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
  format?: 'csv' | 'xlsx';
  lang?: ExportLang;
}

/** A manager sees their own stores only: asked for another, refused; asked for none, given theirs. */
function scope(user: ConsoleUser, storeId: string | undefined): Pick<ExceptionFilter, 'storeId' | 'storeIds'> {
  if (storeId !== undefined && !canSeeStore(user, storeId)) throw new ProtocolError('CONSOLE_ROLE_FORBIDDEN', `store "${storeId}" is not one of yours`, 403, { storeId });
  return { ...(storeId !== undefined ? { storeId } : {}), ...(user.role === 'manager' ? { storeIds: user.storeIds } : {}) };
}

const filterOf = (req: FastifyRequest<{ Querystring: ExceptionQuery }>): ExceptionFilter => {
  const { type, status, from, to, storeId } = req.query;
  return { ...(type ? { type } : {}), ...(status ? { status } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}), ...scope(consoleUserOf(req), storeId) };
};

/**
 * The reconciliation console's JSON API (protocol/reconciliation.ts), under /console/api/reconciliation. Writes
 * (import, run, resolve) need finance or admin; reads also let a store manager in, scoped to their stores. The
 * console session and CSRF token are console-auth's (guard.ts).
 */
export async function reconciliationConsoleRoutes(app: FastifyInstance, ctx: ServerContext, opts: ReconciliationOptions): Promise<void> {
  const write = requireConsoleRole('finance', 'admin');
  const read = requireConsoleRole('finance', 'admin', 'manager');

  await app.register(async (raw) => {
    raw.addContentTypeParser(BILL_CONTENT_TYPES, { parseAs: 'buffer', bodyLimit: MAX_BILL_BYTES }, (_req, body, done) => done(null, body));
    raw.post<{ Querystring: { provider: BillProvider; billDate?: string } }>('/bills', {
      onRequest: write,
      bodyLimit: MAX_BILL_BYTES,
      schema: {
        hide: true,
        querystring: { type: 'object', additionalProperties: false, properties: { provider: { type: 'string', enum: BILL_PROVIDERS }, billDate: DAY }, required: ['provider'] },
      },
    }, async (req) => importBillFile(ctx.db, req.query.provider, rawBody(req.body), consoleUserOf(req).name, req.query.billDate));
  });

  app.get<{ Querystring: { provider?: BillProvider; from?: string; to?: string } }>('/bills', {
    onRequest: read,
    schema: { hide: true, querystring: { type: 'object', additionalProperties: false, properties: { provider: { type: 'string', enum: BILL_PROVIDERS }, from: DAY, to: DAY } } },
  }, async (req): Promise<BillListResponse> => ({ bills: await listBills(ctx.db, req.query) }));

  app.post<{ Body: MatchRunRequest }>('/runs', {
    onRequest: write,
    schema: { hide: true, body: { type: 'object', additionalProperties: false, properties: { from: DAY, to: DAY }, required: ['from', 'to'] } },
  }, async (req) => {
    const { from, to } = req.body;
    const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
    if (!(days >= 0 && days <= MAX_RUN_DAYS)) throw new ProtocolError('VALIDATION_FAILED', `from must not be after to, and a run covers at most ${MAX_RUN_DAYS + 1} days`, 400, { path: 'body/to' });
    return runMatching(ctx.db, { from, to }, opts);
  });

  app.get<{ Querystring: ExceptionQuery }>('/exceptions', {
    onRequest: read,
    schema: { hide: true, querystring: exceptionQuery },
  }, async (req): Promise<ExceptionListResponse> => {
    const { page, pageSize } = req.query;
    return { ...(await listExceptions(ctx.db, filterOf(req), { page, pageSize })), page, pageSize };
  });

  app.get<{ Querystring: ExceptionQuery }>('/exceptions/export', {
    onRequest: read,
    schema: { hide: true, querystring: exceptionQuery },
  }, async (req, reply) => {
    return sendExport(reply, {
      format: req.query.format ?? 'xlsx',
      lang: req.query.lang ?? 'zh-CN',
      filename: `exceptions-${new Date().toISOString().slice(0, 10)}`,
      sheetName: 'exceptions',
      columns: EXCEPTION_COLUMNS,
      rows: exceptionRows(eachException(ctx.db, filterOf(req))),
      onError: (err) => req.log.error({ err }, 'exceptions export failed'),
    });
  });

  const keyParams = { type: 'object', properties: { key: { type: 'string', minLength: 1, maxLength: 300 } }, required: ['key'] } as const;
  app.post<{ Params: { key: string }; Body: ResolveRequest }>('/exceptions/:key/resolutions', {
    onRequest: write,
    schema: {
      hide: true,
      params: keyParams,
      body: { type: 'object', additionalProperties: false, properties: { kind: { type: 'string', enum: RESOLUTION_KINDS }, reason: { type: 'string', maxLength: 500 } }, required: ['kind'] },
    },
  }, async (req, reply) => {
    const user = consoleUserOf(req);
    const resolution = await resolveException(ctx.db, req.params.key, req.body.kind, req.body.reason, { id: user.id, name: user.name });
    return reply.status(201).send(resolution);
  });

  app.get<{ Params: { key: string } }>('/exceptions/:key/resolutions', {
    onRequest: read,
    schema: { hide: true, params: keyParams },
  }, async (req): Promise<ResolutionAuditResponse> => {
    const e = await exceptionByKey(ctx.db, req.params.key);
    if (!e) throw new ProtocolError('NOT_FOUND', `exception "${req.params.key}" does not exist`, 404);
    if (e.storeId !== null) scope(consoleUserOf(req), e.storeId);
    else if (consoleUserOf(req).role === 'manager') throw new ProtocolError('CONSOLE_ROLE_FORBIDDEN', 'this exception belongs to no store of yours', 403);
    return { exceptionKey: e.key, resolutions: await resolutionsOf(ctx.db, e.key) };
  });

  app.get<{ Querystring: { from?: string; to?: string; storeId?: string } }>('/orders', {
    onRequest: read,
    schema: { hide: true, querystring: { type: 'object', additionalProperties: false, properties: { from: DAY, to: DAY, storeId: STORE } } },
  }, async (req): Promise<OrderReconciliationResponse> => ({ orders: await orderStandings(ctx.db, { ...req.query, ...scope(consoleUserOf(req), req.query.storeId) }) }));
}
