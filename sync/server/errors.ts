import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ProtocolError, type ErrorBody, type ErrorCode } from '../protocol/errors.js';
import { SUPPORTED_PROTOCOL_VERSIONS } from '../protocol/sync.js';

function send(reply: FastifyReply, status: number, body: ErrorBody): FastifyReply {
  return reply.status(status).type('application/json; charset=utf-8').send(body);
}

const BY_STATUS: Record<number, ErrorCode> = {
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
};

function validationPath(err: FastifyError): string {
  const first = err.validation?.[0];
  if (!first) return err.validationContext ?? '/';
  const params = first.params as { additionalProperty?: string; missingProperty?: string };
  const leaf = params.additionalProperty ?? params.missingProperty;
  return `${err.validationContext ?? ''}${first.instancePath}${leaf ? `/${leaf}` : ''}`;
}

/** Every error leaves the server as an ErrorBody with a stable code; nothing else ever reaches a client. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | ProtocolError, req: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof ProtocolError) {
      if (err.status >= 500) req.log.error({ err }, 'protocol error');
      return send(reply, err.status, err.toBody());
    }
    if (err.validation) {
      const path = validationPath(err);
      const first = err.validation[0];
      const params = first?.params as { additionalProperty?: string } | undefined;
      const message = params?.additionalProperty ? `${path} is not an allowed field` : `${path} ${first?.message ?? 'is invalid'}`;
      return send(reply, 400, { code: 'VALIDATION_FAILED', message, details: { path } });
    }
    const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
    if (status >= 500) {
      req.log.error({ err }, 'unhandled error');
      return send(reply, 500, { code: 'INTERNAL', message: 'internal server error' });
    }
    const code = BY_STATUS[status] ?? 'VALIDATION_FAILED';
    return send(reply, status, { code, message: err.message, details: { fastifyCode: err.code } });
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
