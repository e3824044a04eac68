/**
 * The supplier's acts on a statement and its printed forms, through the settlement's own functions (status rules,
 * events, PDF, export), each reached only after the statement was found through the supplier's counter in SQL
 * (statements.ts): the settlement checks the statement's supplier once more, so both have to agree.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { StatementView } from '../../protocol/settlement.js';
import type { Db, Queryable } from '../db/index.js';
import { contentDisposition, type ExportFormat, type ExportLang } from '../exports/index.js';
import { confirmStatement, disputeStatement } from '../settlement/events.js';
import { sendStatementExport } from '../settlement/export.js';
import { renderStatementPdf } from '../settlement/pdf.js';
import { supplierStatement } from '../settlement/statements.js';
import { notFound } from './scope.js';
import { supplierStatementVersion } from './statements.js';

export type SupplierResponse = { kind: 'confirmed' } | { kind: 'disputed'; comment: string };

export async function respondToStatement(db: Db, supplierId: string, number: string, version: number, response: SupplierResponse): Promise<void> {
  const { row } = await supplierStatementVersion(db, supplierId, number, version);
  if (response.kind === 'confirmed') await confirmStatement(db, supplierId, row.id);
  else await disputeStatement(db, supplierId, row.id, response.comment);
}

/** The settlement's view of the supplier's version (the current shown one when no version is given). */
export async function statementViewFor(q: Queryable, supplierId: string, number: string, version?: number): Promise<StatementView> {
  const { row } = await supplierStatementVersion(q, supplierId, number, version);
  const view = await supplierStatement(q, supplierId, row.id);
  if (!view) throw notFound('statement of yours with that number', { number });
  return view;
}

export async function sendStatementPdf(reply: FastifyReply, view: StatementView): Promise<FastifyReply> {
  const pdf = await renderStatementPdf(view);
  // Inline, as the console's: "print" opens it in the browser's viewer. A PDF the server drew itself, unlike an
  // uploaded document (notice-routes.ts), which is only ever sent as an attachment.
  return reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', contentDisposition(`${view.number}-v${view.version}.pdf`).replace(/^attachment/, 'inline'))
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .send(Buffer.from(pdf));
}

export function sendSupplierStatementExport(req: FastifyRequest, reply: FastifyReply, view: StatementView, format: ExportFormat | undefined, lang: ExportLang | undefined): FastifyReply {
  return sendStatementExport(reply, view, format ?? 'xlsx', lang ?? 'zh-CN', (err) => req.log.error({ err }, 'statement export failed'));
}
