import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { ProtocolError, type ErrorBody, type ErrorCode } from '../protocol/errors.js';
import { SUPPORTED_PROTOCOL_VERSIONS } from '../protocol/sync.js';

function send(reply: FastifyReply, status: number, body: ErrorBody): FastifyReply {
  return reply.status(status).type('application/json; charset=utf-8').send(body);
}

/** Fastify's own errors, by their code: each gets ours, so a client never has to know Fastify's. */
const FASTIFY_CODES: Record<string, { status: number; code: ErrorCode; message: string }> = {
  FST_ERR_BAD_URL: { status: 400, code: 'BAD_REQUEST', message: 'the URL is not validly percent-encoded' },
  FST_ERR_MAX_PARAM_LENGTH: { status: 414, code: 'VALIDATION_FAILED', message: 'a path parameter is longer than the server reads' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'the request body is larger than the server accepts' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'the body must be application/json' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'BAD_REQUEST', message: 'the body does not match its Content-Length' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'VALIDATION_FAILED', message: 'the body is empty but its Content-Type says JSON' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'VALIDATION_FAILED', message: 'the body is not valid JSON' },
};

const BY_STATUS: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  408: 'REQUEST_TIMEOUT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  431: 'HEADER_TOO_LARGE',
};

function validationPath(err: FastifyError): string {
  const first = err.validation?.[0];
  if (!first) return err.validationContext ?? '/';
  const params = first.params as { additionalProperty?: string; missingProperty?: string };
  const leaf = params.additionalProperty ?? params.missingProperty;
  return `${err.validationContext ?? ''}${first.instancePath}${leaf ? `/${leaf}` : ''}`;
}

/** The answer to any error that is not ours: a stable code always, and never a 5xx for what the client sent. */
function frameworkBody(err: FastifyError): { status: number; body: ErrorBody } {
  const known = FASTIFY_CODES[err.code];
  if (known) return { status: known.status, body: { code: known.code, message: known.message } };
  // JSON.parse and secure-json-parse (a "__proto__" key) throw without a Fastify code; Fastify marks them 400.
  if (err instanceof SyntaxError && err.statusCode === 400) return { status: 400, body: { code: 'VALIDATION_FAILED', message: 'the body is not valid JSON' } };
  const status = typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
  if (status === 500) return { status, body: { code: 'INTERNAL', message: 'internal server error' } };
  return { status, body: { code: BY_STATUS[status] ?? 'BAD_REQUEST', message: err.message, details: { fastifyCode: err.code } } };
}

/**
 * Errors that happen before Fastify has a request: Node's HTTP parser refusing the bytes. Fastify's default
 * writes its own JSON without our code; this one writes an ErrorBody like every other answer.
 */
function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, reason, body]: [number, string, ErrorBody] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', { code: 'HEADER_TOO_LARGE', message: 'the request headers are larger than the server reads' }]
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', { code: 'REQUEST_TIMEOUT', message: 'the request was not received in time' }]
        : [400, 'Bad Request', { code: 'BAD_REQUEST', message: 'the request is not valid HTTP' }];
  const json = JSON.stringify(body);
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${reason}\r\nContent-Length: ${Buffer.byteLength(json)}\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${json}`);
  }
  socket.destroy(err);
}

/** Fastify options that route its framework-level refusals through our bodies; pass them to Fastify(). */
export const errorServerOptions: Pick<FastifyServerOptions, 'frameworkErrors' | 'clientErrorHandler'> = {
  frameworkErrors: (err: FastifyError, _req: FastifyRequest, reply: FastifyReply) => {
    const { status, body } = frameworkBody(err);
    void send(reply, status, body);
  },
  clientErrorHandler,
};

/** Every error leaves the server as an ErrorBody with a stable code; nothing else ever reaches a client. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | ProtocolError, req: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof ProtocolError) {
      if (err.status >= 500) req.log.error({ err }, 'protocol error');
      const retryAfter = err.details?.retryAfterSeconds;
      if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
      return send(reply, err.status, err.toBody());
    }
    if (err.validation) {
      const path = validationPath(err);
      const first = err.validation[0];
      const params = first?.params as { additionalProperty?: string } | undefined;
      const message = params?.additionalProperty ? `${path} is not an allowed field` : `${path} ${first?.message ?? 'is invalid'}`;
      return send(reply, 400, { code: 'VALIDATION_FAILED', message, details: { path } });
    }
    const { status, body } = frameworkBody(err);
    if (status >= 500) req.log.error({ err }, 'unhandled error');
    return send(reply, status, body);
  });

  app.setNotFoundHandler((req: FastifyRequest, reply: FastifyReply) => {
    const version = /^\/sync\/v(\d+)(\/|$)/.exec(req.url)?.[1];
    if (version !== undefined && !SUPPORTED_PROTOCOL_VERSIONS.includes(Number(version))) {
      return send(reply, 400, {
        code: 'UNSUPPORTED_PROTOCOL_VERSION',
        message: `sync protocol v${version} is not supported; this server speaks v${SUPPORTED_PROTOCOL_VERSIONS.join(', v')}`,
        details: { supported: SUPPORTED_PROTOCOL_VERSIONS },
      });
    }
    return send(reply, 404, { code: 'NOT_FOUND', message: `${req.method} ${req.url.split('?')[0] ?? ''} does not exist` });
  });
}
