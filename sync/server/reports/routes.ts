import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  DEFAULT_REPORT_PAGE,
  periodsQuerySchema,
  reportQuerySchema,
  setPeriodRuleSchema,
  type PeriodsResponse,
  type ReportPage,
  type ReportQuery,
  type ExceptionAgeRow,
  type SalesTrendPoint,
  type SetPeriodRuleRequest,
} from '../../protocol/reports.js';
import type { ConsoleUser } from '../../protocol/console.js';
import type { ServerContext } from '../context.js';
import { consoleUserOf, requireConsoleRole } from '../console-auth/guard.js';
import { checkedDays, decodeAfter, encodeAfter, type ReportRange } from './chunks.js';
import { loadPeriodRules, periodsReport, setPeriodRule } from './period-rules.js';
import { salesTrend } from './sales.js';
import { exceptionAges } from './exceptions.js';
import { zonedParts } from '../../model/zoned-time.js';

/** Exceptions are dated by the providers' bill day, 00:00–24:00 Beijing time (issue 11): their age counts in it. */
const BILL_DAY_ZONE = 'Asia/Shanghai';
import { REPORTS, type ReportDefinition, type ReportSources } from './definitions.js';
import { sendReportExport, EXPORT_FORMATS } from './export.js';

/** Everyone who reads reports; a manager only their own stores (scopeOf). */
const READERS = requireConsoleRole('finance', 'admin', 'manager');
/** Who may change the accounting periods. */
const FINANCE = requireConsoleRole('finance', 'admin');

/** A manager's stores; null (every store) for finance and admin. */
export function scopeOf(user: ConsoleUser): readonly string[] | null {
  return user.role === 'manager' ? user.storeIds : null;
}

function rangeOf(req: FastifyRequest<{ Querystring: ReportQuery }>): ReportRange {
  const { from, to, storeId } = req.query;
  return { from, to, scope: scopeOf(consoleUserOf(req)), ...(storeId ? { storeId } : {}) };
}

/**
 * The reports' console API, under CONSOLE_API_BASE (app.ts): `/reports/<name>` answers a JSON page,
 * `/reports/<name>.csv` and `.xlsx` the whole report as a streamed download. Guarded by the console session;
 * a store manager sees their own stores only (the scope goes into the SQL, before any paging).
 */
export async function reportsRoutes(app: FastifyInstance, ctx: ServerContext, sources: ReportSources = {}): Promise<void> {
  app.get<{ Querystring: { from: string; to: string } }>('/reports/periods', {
    onRequest: READERS,
    schema: { querystring: periodsQuerySchema, hide: true },
  }, async (req): Promise<PeriodsResponse> => periodsReport(ctx.db, req.query.from, req.query.to));

  app.post<{ Body: SetPeriodRuleRequest }>('/reports/periods/rules', {
    onRequest: FINANCE,
    schema: { body: setPeriodRuleSchema, hide: true },
  }, async (req): Promise<PeriodsResponse['rules']> => {
    const user = consoleUserOf(req);
    const { effectiveFrom, startDay, reason } = req.body;
    await setPeriodRule(ctx.db, { effectiveFrom, startDay }, user.name, reason);
    return loadPeriodRules(ctx.db);
  });

  app.get<{ Querystring: ReportQuery }>('/reports/sales/trend', {
    onRequest: READERS,
    schema: { querystring: reportQuerySchema, hide: true },
  }, async (req): Promise<SalesTrendPoint[]> => salesTrend(ctx.db, rangeOf(req)));

  app.get('/reports/exceptions/ages', { onRequest: READERS, schema: { hide: true } }, async (req): Promise<ExceptionAgeRow[]> => {
    const today = zonedParts(new Date(), BILL_DAY_ZONE);
    return exceptionAges(ctx.db, scopeOf(consoleUserOf(req)), `${today.year}-${today.month}-${today.day}`);
  });

  for (const report of Object.values(REPORTS) as ReportDefinition<object>[]) {
    app.get<{ Querystring: ReportQuery }>(`/reports/${report.path}`, {
      onRequest: READERS,
      schema: { querystring: reportQuerySchema, hide: true },
    }, async (req): Promise<ReportPage<object>> => {
      const range = rangeOf(req);
      checkedDays(range);
      const limit = req.query.limit ?? DEFAULT_REPORT_PAGE;
      const after = decodeAfter(req.query.after, report.keyLength);
      const rows: object[] = [];
      let next: string | null = null;
      for await (const row of await report.rows(ctx.db, range, sources, after)) {
        if (rows.length === limit) {
          next = encodeAfter(report.key(rows.at(-1)!));
          break;
        }
        rows.push(row);
      }
      return { rows, next };
    });
    for (const format of EXPORT_FORMATS) {
      app.get<{ Querystring: ReportQuery }>(`/reports/${report.path}.${format}`, {
        onRequest: READERS,
        schema: { querystring: reportQuerySchema, hide: true },
      }, async (req, reply) => {
        const range = rangeOf(req);
        checkedDays(range);
        const rows = await report.rows(ctx.db, range, sources, null);
        return sendReportExport(reply, format, report, range, rows, req.query.lang ?? 'zh-CN');
      });
    }
  }
}
