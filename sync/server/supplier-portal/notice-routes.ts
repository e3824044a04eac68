import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  supplierFeedbackRequestSchema,
  supplierNoticesQuerySchema,
  type SupplierFeedback,
  type SupplierFeedbackListResponse,
  type SupplierFeedbackRequest,
  type SupplierNotice,
  type SupplierNoticesResponse,
} from '../../protocol/supplier.js';
import type { ServerContext } from '../context.js';
import { contentDisposition } from '../exports/index.js';
import { noticeDocument, postFeedback, supplierFeedbackItem, supplierFeedbackList, supplierNotice, supplierNotices, type NoticeDocument } from '../supplier-auth/notices.js';
import { supplierOf, type SupplierAuth } from '../supplier-auth/sessions.js';
import { LIST_LIMIT, truncate } from './http.js';

const idParams = { type: 'object', properties: { id: { type: 'string', minLength: 1, maxLength: 64 } }, required: ['id'] } as const;

/** A document as a download: never shown inline, whatever its type says, so an uploaded file cannot run as a page. */
export function sendDocument(reply: FastifyReply, doc: NoticeDocument): FastifyReply {
  return reply
    .header('content-type', doc.mediaType)
    .header('content-disposition', contentDisposition(doc.fileName))
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .send(doc.bytes);
}

/** Notices and documents addressed to the supplier, and their own feedback. */
export async function supplierNoticeRoutes(app: FastifyInstance, ctx: ServerContext, auth: SupplierAuth): Promise<void> {
  const guard = auth.guard();
  const me = (req: FastifyRequest) => supplierOf(req).supplier.code;

  app.get<{ Querystring: { q?: string; kind?: 'notice' | 'document' } }>('/notices', { onRequest: guard, schema: { querystring: supplierNoticesQuerySchema } }, async (req): Promise<SupplierNoticesResponse> => {
    const { rows, truncated } = truncate(await supplierNotices(ctx.db, me(req), req.query, LIST_LIMIT));
    return { notices: rows, truncated };
  });
  app.get<{ Params: { id: string } }>('/notices/:id', { onRequest: guard, schema: { params: idParams } }, async (req): Promise<SupplierNotice> => supplierNotice(ctx.db, me(req), req.params.id));
  app.get<{ Params: { id: string } }>('/notices/:id/document', { onRequest: guard, schema: { params: idParams } }, async (req, reply) =>
    sendDocument(reply, await noticeDocument(ctx.db, me(req), req.params.id)));

  app.get('/feedback', { onRequest: guard }, async (req): Promise<SupplierFeedbackListResponse> => {
    const { rows, truncated } = truncate(await supplierFeedbackList(ctx.db, me(req), LIST_LIMIT));
    return { feedback: rows, truncated };
  });
  app.post<{ Body: SupplierFeedbackRequest }>('/feedback', { onRequest: guard, schema: { body: supplierFeedbackRequestSchema } }, async (req, reply): Promise<SupplierFeedback> => {
    const item = await postFeedback(ctx.db, me(req), req.body);
    void reply.code(201);
    return item;
  });
  app.get<{ Params: { id: string } }>('/feedback/:id', { onRequest: guard, schema: { params: idParams } }, async (req): Promise<SupplierFeedback> => supplierFeedbackItem(ctx.db, me(req), req.params.id));
}
