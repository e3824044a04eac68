import type { FastifyInstance } from 'fastify';
import { ISSUED_STATUSES, issuingOverdue, statementDueDate } from '../../model/settlement/lifecycle.js';
import type { StatementStatus } from '../../model/settlement/types.js';
import { ProtocolError } from '../../protocol/errors.js';
import {
  correctStatementRequestSchema,
  draftStatementsRequestSchema,
  issuePeriodRequestSchema,
  markPaidRequestSchema,
  resolveStatementRequestSchema,
  statementListQuerySchema,
  type CorrectStatementRequest,
  type DraftStatementsRequest,
  type IssuePeriodRequest,
  type MarkPaidRequest,
  type PeriodStatusResponse,
  type ResolveStatementRequest,
  type StatementDetailResponse,
  type StatementListQuery,
  type StatementListResponse,
  type StatementView,
} from '../../protocol/settlement.js';
import { consoleUserOf, requireConsoleRole } from '../console-auth/guard.js';
import type { ServerContext } from '../context.js';
import { sendExport, type ExportFormat, type ExportLang } from '../exports/index.js';
import { draftStatements, periodStartingOn } from './draft.js';
import { correctStatement, issuePeriod, issueStatement, markStatementPaid, resolveStatement } from './events.js';
import { sendStatementExport, STATEMENT_LIST_COLUMNS } from './export.js';
import { assertQueryDays } from './master/common.js';
import { renderStatementPdf } from './pdf.js';
import { listStatements, statementById, statementEvents, statementVersions } from './statements.js';

const idParams = { type: 'object', properties: { id: { type: 'string', minLength: 1, maxLength: 100 } }, required: ['id'] } as const;
const exportQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { format: { type: 'string', enum: ['csv', 'xlsx'] }, lang: { type: 'string', enum: ['zh-CN', 'en'] } },
} as const;

type ListQuery = StatementListQuery & { format?: ExportFormat; lang?: ExportLang };

/** Today in the chain's zone (Beijing), the day the 5th-of-the-month rule is read against. */
function todayInChina(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/**
 * The settlement console's API (protocol/settlement.ts), under /console/api/settlement. Finance and admin only: a
 * statement is the chain's account with a supplier, not a store's. Writes need the CSRF token (the guard checks).
 */
export async function settlementConsoleRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const guard = requireConsoleRole('finance', 'admin');
  const by = (req: Parameters<typeof consoleUserOf>[0]): string => consoleUserOf(req).name;
  const found = async (id: string): Promise<StatementView> => {
    const s = await statementById(ctx.db, id);
    if (!s) throw new ProtocolError('NOT_FOUND', `statement "${id}" does not exist`, 404);
    return s;
  };

  app.get<{ Querystring: ListQuery }>('/statements', {
    onRequest: guard,
    schema: { hide: true, querystring: statementListQuerySchema },
  }, async (req): Promise<StatementListResponse> => {
    assertQueryDays(req.query, ['period']);
    return { statements: await listStatements(ctx.db, req.query) };
  });

  app.get<{ Querystring: ListQuery }>('/statements/export', {
    onRequest: guard,
    schema: { hide: true, querystring: statementListQuerySchema },
  }, async (req, reply) => {
    assertQueryDays(req.query, ['period']);
    const rows = await listStatements(ctx.db, req.query);
    return sendExport(reply, {
      format: req.query.format ?? 'xlsx', lang: req.query.lang ?? 'zh-CN',
      filename: `statements-${req.query.period ?? 'all'}`, sheetName: 'statements', columns: STATEMENT_LIST_COLUMNS, rows,
      onError: (err) => req.log.error({ err }, 'statements export failed'),
    });
  });

  app.post<{ Body: DraftStatementsRequest }>('/statements/drafts', {
    onRequest: guard,
    schema: { hide: true, body: draftStatementsRequestSchema },
  }, async (req) => draftStatements(ctx.db, req.body.periodFrom, by(req), req.body.counterId));

  app.post<{ Body: IssuePeriodRequest }>('/statements/issue', {
    onRequest: guard,
    schema: { hide: true, body: issuePeriodRequestSchema },
  }, async (req) => issuePeriod(ctx.db, req.body.periodFrom, by(req), req.body.counterId));

  app.get<{ Params: { id: string } }>('/statements/:id', {
    onRequest: guard,
    schema: { hide: true, params: idParams },
  }, async (req): Promise<StatementDetailResponse> => {
    const statement = await found(req.params.id);
    return { statement, events: await statementEvents(ctx.db, statement.id), versions: await statementVersions(ctx.db, statement.number) };
  });

  app.post<{ Params: { id: string } }>('/statements/:id/issue', {
    onRequest: guard,
    schema: { hide: true, params: idParams },
  }, async (req) => issueStatement(ctx.db, req.params.id, by(req)));

  app.post<{ Params: { id: string }; Body: ResolveStatementRequest }>('/statements/:id/resolve', {
    onRequest: guard,
    schema: { hide: true, params: idParams, body: resolveStatementRequestSchema },
  }, async (req) => resolveStatement(ctx.db, req.params.id, req.body.comment.trim(), by(req)));

  app.post<{ Params: { id: string }; Body: CorrectStatementRequest }>('/statements/:id/corrections', {
    onRequest: guard,
    schema: { hide: true, params: idParams, body: correctStatementRequestSchema },
  }, async (req, reply) => reply.status(201).send(await correctStatement(ctx.db, req.params.id, req.body.reason, by(req))));

  app.post<{ Params: { id: string }; Body: MarkPaidRequest | undefined }>('/statements/:id/paid', {
    onRequest: guard,
    schema: { hide: true, params: idParams, body: markPaidRequestSchema },
  }, async (req) => markStatementPaid(ctx.db, req.params.id, by(req), req.body?.comment?.trim()));

  app.get<{ Params: { id: string } }>('/statements/:id/pdf', {
    onRequest: guard,
    schema: { hide: true, params: idParams },
  }, async (req, reply) => {
    const s = await found(req.params.id);
    const pdf = await renderStatementPdf(s);
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="${s.number}-v${s.version}.pdf"`)
      .header('cache-control', 'no-store')
      .send(Buffer.from(pdf));
  });

  app.get<{ Params: { id: string }; Querystring: { format?: ExportFormat; lang?: ExportLang } }>('/statements/:id/export', {
    onRequest: guard,
    schema: { hide: true, params: idParams, querystring: exportQuery },
  }, async (req, reply) => {
    const s = await found(req.params.id);
    return sendStatementExport(reply, s, req.query.format ?? 'xlsx', req.query.lang ?? 'zh-CN', (err) => req.log.error({ err }, 'statement export failed'));
  });

  app.get<{ Querystring: { period: string } }>('/periods/status', {
    onRequest: guard,
    schema: { hide: true, querystring: { type: 'object', additionalProperties: false, properties: { period: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } }, required: ['period'] } },
  }, async (req): Promise<PeriodStatusResponse> => {
    const period = await periodStartingOn(ctx.db, req.query.period);
    const [{ counters }] = (await ctx.db.query<{ counters: string | number }>('SELECT count(*) AS counters FROM concession_counters')) as [{ counters: string | number }];
    const rows = await ctx.db.query<{ status: StatementStatus; n: string | number }>(
      `SELECT status, count(*) AS n FROM statements WHERE period_from = $1::date AND status <> 'superseded' GROUP BY status`,
      [period.from],
    );
    const byStatus: PeriodStatusResponse['byStatus'] = {};
    let issued = 0;
    for (const r of rows) {
      byStatus[r.status] = Number(r.n);
      if (ISSUED_STATUSES.includes(r.status)) issued += Number(r.n);
    }
    const notIssued = Math.max(0, Number(counters) - issued);
    return {
      periodFrom: period.from, periodTo: period.to, periodLabel: period.label, dueDate: statementDueDate(period.label),
      counters: Number(counters), byStatus, notIssued, overdue: issuingOverdue(period.label, todayInChina(new Date()), notIssued),
    };
  });
}
