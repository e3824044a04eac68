import type { FastifyInstance } from 'fastify';
import { BILL_PROVIDERS, type BillProvider } from '../../model/money/bill.js';
import { billImportResponseSchema, refundRequestSchema, refundResponseSchema, type RefundRequest } from '../../protocol/platform.js';
import { requireSecret } from '../auth.js';
import type { ServerContext } from '../context.js';
import { describe } from '../openapi/describe.js';
import { importBillFile } from './bills-store.js';
import { recordRefund } from './refunds.js';
import { ProtocolError } from '../../protocol/errors.js';

/** The file's bytes, or 415 when the body came as something else (JSON, or none). */
export function rawBody(body: unknown): Buffer {
  if (!Buffer.isBuffer(body)) throw new ProtocolError('UNSUPPORTED_MEDIA_TYPE', `send the bill file as it was downloaded, as ${BILL_CONTENT_TYPES.join(' or ')}`, 415);
  return body;
}

/** A bill of 100 000 rows is some 30 MB as WeChat writes it. */
export const MAX_BILL_BYTES = 64 * 1024 * 1024;
/** What a bill file may be sent as: the bytes as downloaded, never re-encoded. */
export const BILL_CONTENT_TYPES = ['application/octet-stream', 'application/zip', 'text/csv'];

export const billQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: { provider: { type: 'string', enum: BILL_PROVIDERS }, billDate: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } },
  required: ['provider'],
} as const;

/** The reconciliation's Platform API routes (under /api/v1): refunds the platform made, and bill imports. */
export async function reconciliationPlatformRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.post<{ Params: { id: string }; Body: RefundRequest }>('/orders/:id/refunds', {
    onRequest: async (req) => requireSecret(req, ctx.platformApiKey, 'platform API key'),
    schema: describe({
      operationId: 'reportRefund',
      tags: ['orders'],
      summary: 'Report a refund the platform made for an order paid online; idempotent by refundId (platform key)',
      access: 'platform',
      params: { type: 'object', properties: { id: { type: 'string', maxLength: 64 } }, required: ['id'] },
      body: refundRequestSchema,
      bodyExamples: [{ refundId: 'RF-1001-1', amount: 129, reason: 'short pick: Milk 1 l', at: '2026-12-02T11:00:00Z' }],
      responses: { 200: { description: 'Already reported, the same', ...refundResponseSchema }, 201: { description: 'Recorded', ...refundResponseSchema } },
      errors: { 404: ['NOT_FOUND'], 409: ['REFUND_CONFLICT'], 422: ['PAYMENT_NOT_ONLINE', 'REFUND_EXCEEDS_PAID'] },
    }),
  }, async (req, reply) => {
    const { created, body } = await recordRefund(ctx.db, req.params.id, req.body);
    return reply.status(created ? 201 : 200).send(body);
  });

  await app.register(async (raw) => {
    raw.addContentTypeParser(BILL_CONTENT_TYPES, { parseAs: 'buffer', bodyLimit: MAX_BILL_BYTES }, (_req, body, done) => done(null, body));
    raw.post<{ Querystring: { provider: BillProvider; billDate?: string }; Body: Buffer }>('/bills', {
      onRequest: async (req) => requireSecret(req, ctx.adminToken, 'admin token'),
      bodyLimit: MAX_BILL_BYTES,
      schema: describe({
        operationId: 'importBill',
        tags: ['reconciliation'],
        summary: "Import a payment provider's daily bill file exactly as downloaded (admin token)",
        description: 'The body is the file (application/octet-stream): a WeChat Pay ALL trade bill (CSV) or an Alipay 业务明细 ZIP. ' +
          'A file that does not add up or is cut short is refused whole (422, BILL_*); the same file again changes nothing; a ' +
          'different file of the same provider and day replaces the earlier one.',
        access: 'admin',
        querystring: billQuerySchema,
        responses: { 200: { description: 'Imported, unchanged or replaced', ...billImportResponseSchema } },
        errors: { 422: ['BILL_TRUNCATED', 'BILL_TOTALS_MISMATCH', 'BILL_MISSING_COLUMN', 'BILL_BAD_VALUE', 'BILL_UNRECOGNISED', 'BILL_WRONG_DAY'] },
      }),
    }, async (req) => importBillFile(ctx.db, req.query.provider, rawBody(req.body), 'platform-api', req.query.billDate));
  });
}
