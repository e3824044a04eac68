import type { FastifyInstance } from 'fastify';
import {
  supplierConfirmRequestSchema,
  supplierDisputeRequestSchema,
  supplierStatementFileQuerySchema,
  supplierStatementsQuerySchema,
  type SupplierConfirmRequest,
  type SupplierDisputeRequest,
  type SupplierStatementDetail,
  type SupplierStatementsQuery,
  type SupplierStatementsResponse,
  type SupplierStatementSummary,
} from '../../protocol/supplier.js';
import type { ServerContext } from '../context.js';
import type { ExportColumn } from '../exports/index.js';
import { assertQueryDays } from '../settlement/master/common.js';
import { supplierOf, type SupplierAuth } from '../supplier-auth/sessions.js';
import { exportReply, LIST_LIMIT, truncate, withExport, type ExportParams } from './http.js';
import { respondToStatement, sendStatementPdf, sendSupplierStatementExport, statementViewFor } from './statement-actions.js';
import { listSupplierStatements, supplierStatementDetail } from './statements.js';

type SummaryRow = SupplierStatementSummary & { periodLabel: string };
const SUMMARY_COLUMNS: readonly ExportColumn<SummaryRow>[] = [
  { key: 'number', header: { 'zh-CN': '结款单号', en: 'Statement' }, kind: 'text', width: 20 },
  { key: 'version', header: { 'zh-CN': '版本', en: 'Version' }, kind: 'integer' },
  { key: 'periodLabel', header: { 'zh-CN': '会计期间', en: 'Period' }, kind: 'text' },
  { key: 'counterId', header: { 'zh-CN': '专柜编码', en: 'Counter' }, kind: 'text' },
  { key: 'counterName', header: { 'zh-CN': '专柜名称', en: 'Counter name' }, kind: 'text', width: 20 },
  { key: 'storeId', header: { 'zh-CN': '门店', en: 'Store' }, kind: 'text' },
  { key: 'status', header: { 'zh-CN': '状态', en: 'Status' }, kind: 'text' },
  { key: 'netSales', header: { 'zh-CN': '净销售', en: 'Net sales' }, kind: 'fen' },
  { key: 'commission', header: { 'zh-CN': '扣点金额', en: 'Commission' }, kind: 'fen' },
  { key: 'invoiceAmount', header: { 'zh-CN': '供应商开票金额', en: 'Invoice amount' }, kind: 'fen' },
  { key: 'otherDeductions', header: { 'zh-CN': '其他扣款', en: 'Other deductions' }, kind: 'fen' },
  { key: 'payable', header: { 'zh-CN': '应付金额', en: 'Payable' }, kind: 'fen' },
  { key: 'issuedAt', header: { 'zh-CN': '发布时间', en: 'Issued' }, kind: 'date' },
];

const numberParams = { type: 'object', properties: { number: { type: 'string', minLength: 1, maxLength: 64 } }, required: ['number'] } as const;

/** The statements (专柜结款单): list, detail, printed and exported, confirm and dispute. */
export async function supplierStatementRoutes(app: FastifyInstance, ctx: ServerContext, auth: SupplierAuth): Promise<void> {
  const guard = auth.guard();

  app.get<{ Querystring: SupplierStatementsQuery }>('/statements', { onRequest: guard, schema: { querystring: supplierStatementsQuerySchema } }, async (req): Promise<SupplierStatementsResponse> => {
    assertQueryDays(req.query, ['period']);
    const { rows, truncated } = truncate(await listSupplierStatements(ctx.db, supplierOf(req).supplier.code, req.query, LIST_LIMIT));
    return { statements: rows, truncated };
  });

  app.get<{ Querystring: SupplierStatementsQuery & ExportParams }>('/statements/export', { onRequest: guard, schema: { querystring: withExport(supplierStatementsQuerySchema) } }, async (req, reply) => {
    assertQueryDays(req.query, ['period']);
    const rows = await listSupplierStatements(ctx.db, supplierOf(req).supplier.code, req.query, Number.MAX_SAFE_INTEGER);
    return exportReply(req, reply, req.query, { 'zh-CN': '专柜结款单', en: 'statements' }, SUMMARY_COLUMNS, rows.map((r) => ({ ...r, periodLabel: r.period.label })));
  });

  app.get<{ Params: { number: string } }>('/statements/:number', { onRequest: guard, schema: { params: numberParams } }, async (req): Promise<SupplierStatementDetail> =>
    supplierStatementDetail(ctx.db, supplierOf(req).supplier.code, req.params.number));

  app.get<{ Params: { number: string }; Querystring: { version?: number } }>(
    '/statements/:number/pdf',
    { onRequest: guard, schema: { params: numberParams, querystring: supplierStatementFileQuerySchema } },
    async (req, reply) => sendStatementPdf(reply, await statementViewFor(ctx.db, supplierOf(req).supplier.code, req.params.number, req.query.version)),
  );

  app.get<{ Params: { number: string }; Querystring: { version?: number } & ExportParams }>(
    '/statements/:number/export',
    { onRequest: guard, schema: { params: numberParams, querystring: supplierStatementFileQuerySchema } },
    async (req, reply) => {
      const view = await statementViewFor(ctx.db, supplierOf(req).supplier.code, req.params.number, req.query.version);
      return sendSupplierStatementExport(req, reply, view, req.query.format, req.query.lang);
    },
  );

  app.post<{ Params: { number: string }; Body: SupplierConfirmRequest }>(
    '/statements/:number/confirm',
    { onRequest: guard, schema: { params: numberParams, body: supplierConfirmRequestSchema } },
    async (req): Promise<SupplierStatementDetail> => {
      const supplierId = supplierOf(req).supplier.code;
      await respondToStatement(ctx.db, supplierId, req.params.number, req.body.version, { kind: 'confirmed' });
      return supplierStatementDetail(ctx.db, supplierId, req.params.number);
    },
  );

  app.post<{ Params: { number: string }; Body: SupplierDisputeRequest }>(
    '/statements/:number/dispute',
    { onRequest: guard, schema: { params: numberParams, body: supplierDisputeRequestSchema } },
    async (req): Promise<SupplierStatementDetail> => {
      const supplierId = supplierOf(req).supplier.code;
      await respondToStatement(ctx.db, supplierId, req.params.number, req.body.version, { kind: 'disputed', comment: req.body.comment.trim() });
      return supplierStatementDetail(ctx.db, supplierId, req.params.number);
    },
  );
}
