import type { FastifyServerOptions } from 'fastify';

export interface LogStream {
  write(line: string): void;
}

/**
 * Fields of an error that may be logged. pg and PGlite errors also carry `query`, `params` (an operator's PIN hash,
 * a whole document), `detail` ("Failing row contains (...)"), `where` ("JSON data, line 1: ...") and more: pino's
 * default serializer copies every field, so the list says what may go out instead of what may not.
 */
const SAFE_FIELDS = ['code', 'statusCode', 'severity', 'routine', 'schema', 'table', 'column', 'constraint', 'dataType'] as const;

/** A SQLSTATE: five digits or capitals, as pg and PGlite put in `code`. */
const SQLSTATE = /^[0-9A-Z]{5}$/;

/**
 * PostgreSQL's data exceptions (class 22) quote the offending value in the message itself
 * (`invalid input syntax for type bigint: "..."`); the quote is replaced, the sentence kept.
 */
function withoutQuotedValues(text: string): string {
  return text.replace(/"(?:[^"\\]|\\.)*"/g, '"…"');
}

export interface SerializedError {
  type: string;
  message: string;
  stack: string;
  [field: string]: unknown;
}

export function serializeError(err: unknown, depth = 0): SerializedError {
  if (!(err instanceof Error)) return { type: typeof err, message: 'a non-Error value was thrown', stack: '' };
  const fields = err as Error & Record<string, unknown>;
  const code = fields.code;
  const dataException = typeof code === 'string' && SQLSTATE.test(code) && code.startsWith('22');
  const clean = dataException ? withoutQuotedValues : (t: string) => t;
  const out: SerializedError = { type: err.constructor.name, message: clean(err.message), stack: clean(err.stack ?? '') };
  for (const k of SAFE_FIELDS) {
    const v = fields[k];
    if (typeof v === 'string' || typeof v === 'number') out[k] = v;
  }
  if (err.cause !== undefined && depth < 5) out.cause = serializeError(err.cause, depth + 1);
  if (err instanceof AggregateError && depth < 5) out.errors = err.errors.slice(0, 10).map((e: unknown) => serializeError(e, depth + 1));
  return out;
}

/**
 * Requests are logged by method, URL and status only. Bodies carry PINs (operators), headers carry tokens, and a
 * database error carries the statement's parameters: none of them is ever logged, whatever a library's defaults become.
 */
export function loggerOptions(stream: LogStream | undefined): FastifyServerOptions['logger'] {
  return {
    level: 'info',
    ...(stream ? { stream } : {}),
    serializers: {
      req: (req: { method: string; url: string; ip: string }) => ({ method: req.method, url: req.url, remoteAddress: req.ip }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      err: serializeError,
    },
  };
}
