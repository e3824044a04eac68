import type { FastifyInstance } from 'fastify';
import { ProtocolError } from '../../protocol/errors.js';
import { SUPPLIER_DOCUMENT_MAX_BYTES, SUPPLIER_DOCUMENT_MEDIA_TYPES, supplierAccountUpdateRequestSchema, supplierAnswerFeedbackRequestSchema, supplierConsoleFeedbackQuerySchema, supplierPublishNoticeRequestSchema, type SupplierAccountsResponse, type SupplierAccountUpdateRequest, type SupplierAccountView, type SupplierAnswerFeedbackRequest, type SupplierConsoleFeedback, type SupplierConsoleFeedbackResponse, type SupplierConsoleNotice, type SupplierConsoleNoticesResponse, type SupplierIssuePasswordResponse, type SupplierPublishNoticeRequest } from '../../protocol/supplier-console.js';
import { audit } from '../console-auth/audit.js';
import { consoleUserOf, requireConsoleRole } from '../console-auth/guard.js';
import type { ServerContext } from '../context.js';
import { issueSupplierPassword, listSupplierAccounts, setSupplierAccountDisabled } from '../supplier-auth/accounts.js';
import { answerFeedback, attachNoticeDocument, consoleFeedback, consoleNotices, noticeDocument, publishNotice, withdrawNotice } from '../supplier-auth/notices.js';
import { sendDocument } from './notice-routes.js';

const supplierParams = { type: 'object', properties: { supplierId: { type: 'string', minLength: 1, maxLength: 64 } }, required: ['supplierId'] } as const;
const idParams = { type: 'object', properties: { id: { type: 'string', minLength: 1, maxLength: 64 } }, required: ['id'] } as const;
const FILE_NAME = { type: 'string', minLength: 1, maxLength: 200, pattern: '^[^/\\\\\\u0000-\\u001f]+$' } as const;

/**
 * The chain's side of the portal, under /console/api/supplier-portal (protocol/supplier.ts supplierConsoleRoutes):
 * admin and finance issue portal passwords, publish notices and documents, and answer feedback. Every write is
 * audited in its transaction, never with a password in it.
 */
export async function supplierConsoleRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const staff = requireConsoleRole('admin', 'finance');

  app.get('/accounts', { onRequest: staff }, async (): Promise<SupplierAccountsResponse> => ({ accounts: await listSupplierAccounts(ctx.db) }));

  app.post<{ Params: { supplierId: string } }>('/accounts/:supplierId/issue-password', { onRequest: staff, schema: { params: supplierParams } }, async (req): Promise<SupplierIssuePasswordResponse> =>
    ctx.db.tx(async (q) => {
      const { account, password, created } = await issueSupplierPassword(q, req.params.supplierId);
      await audit(q, consoleUserOf(req), created ? 'supplier-account.create' : 'supplier-account.reset-password', req.params.supplierId);
      return { account, password };
    }));

  app.post<{ Params: { supplierId: string }; Body: SupplierAccountUpdateRequest }>(
    '/accounts/:supplierId',
    { onRequest: staff, schema: { params: supplierParams, body: supplierAccountUpdateRequestSchema } },
    async (req): Promise<SupplierAccountView> =>
      ctx.db.tx(async (q) => {
        const account = await setSupplierAccountDisabled(q, req.params.supplierId, req.body.disabled);
        await audit(q, consoleUserOf(req), req.body.disabled ? 'supplier-account.disable' : 'supplier-account.enable', req.params.supplierId);
        return account;
      }),
  );

  app.get('/notices', { onRequest: staff }, async (): Promise<SupplierConsoleNoticesResponse> => ({ notices: await consoleNotices(ctx.db) }));

  app.post<{ Body: SupplierPublishNoticeRequest }>('/notices', { onRequest: staff, schema: { body: supplierPublishNoticeRequestSchema } }, async (req, reply): Promise<SupplierConsoleNotice> => {
    const user = consoleUserOf(req);
    const notice = await ctx.db.tx(async (q) => {
      const n = await publishNotice(q, user.name, req.body);
      await audit(q, user, 'supplier-notice.publish', n.id, { title: n.title, kind: n.kind, audience: n.audience, supplierIds: n.supplierIds });
      return n;
    });
    void reply.code(201);
    return notice;
  });

  app.post<{ Params: { id: string } }>('/notices/:id/withdraw', { onRequest: staff, schema: { params: idParams } }, async (req): Promise<SupplierConsoleNotice> =>
    ctx.db.tx(async (q) => {
      const n = await withdrawNotice(q, req.params.id);
      await audit(q, consoleUserOf(req), 'supplier-notice.withdraw', n.id);
      return n;
    }));

  app.get<{ Params: { id: string } }>('/notices/:id/document', { onRequest: staff, schema: { params: idParams } }, async (req, reply) =>
    sendDocument(reply, await noticeDocument(ctx.db, null, req.params.id)));

  // The document's bytes as the body, whatever its type: this plugin reads every body as a buffer.
  await app.register(async (raw) => {
    raw.removeAllContentTypeParsers();
    raw.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: SUPPLIER_DOCUMENT_MAX_BYTES }, (_req, body, done) => done(null, body));
    raw.put<{ Params: { id: string }; Querystring: { fileName: string } }>(
      '/notices/:id/document',
      {
        onRequest: staff,
        bodyLimit: SUPPLIER_DOCUMENT_MAX_BYTES,
        schema: { params: idParams, querystring: { type: 'object', additionalProperties: false, properties: { fileName: FILE_NAME }, required: ['fileName'] } },
      },
      async (req): Promise<SupplierConsoleNotice> => {
        const mediaType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
        if (!(SUPPLIER_DOCUMENT_MEDIA_TYPES as readonly string[]).includes(mediaType)) {
          throw new ProtocolError('UNSUPPORTED_MEDIA_TYPE', `a document may be one of: ${SUPPLIER_DOCUMENT_MEDIA_TYPES.join(', ')}`, 415, { mediaType });
        }
        const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        if (bytes.length === 0) throw new ProtocolError('VALIDATION_FAILED', 'the document is empty', 400, { path: 'body' });
        return ctx.db.tx(async (q) => {
          const n = await attachNoticeDocument(q, req.params.id, { fileName: req.query.fileName, mediaType, bytes });
          await audit(q, consoleUserOf(req), 'supplier-notice.document', n.id, { fileName: req.query.fileName, mediaType, bytes: bytes.length });
          return n;
        });
      },
    );
  });

  app.get<{ Querystring: { status?: 'open' | 'answered'; supplierId?: string } }>(
    '/feedback',
    { onRequest: staff, schema: { querystring: supplierConsoleFeedbackQuerySchema } },
    async (req): Promise<SupplierConsoleFeedbackResponse> => ({ feedback: await consoleFeedback(ctx.db, req.query) }),
  );

  app.post<{ Params: { id: string }; Body: SupplierAnswerFeedbackRequest }>(
    '/feedback/:id/answer',
    { onRequest: staff, schema: { params: idParams, body: supplierAnswerFeedbackRequestSchema } },
    async (req): Promise<SupplierConsoleFeedback> => {
      const user = consoleUserOf(req);
      return ctx.db.tx(async (q) => {
        const f = await answerFeedback(q, req.params.id, user.name, req.body.answer);
        await audit(q, user, 'supplier-feedback.answer', f.id, { supplierId: f.supplierId });
        return f;
      });
    },
  );
}
