import type { FastifyInstance, FastifySchema } from 'fastify';
import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import { errorBodySchema, type ErrorCode } from '../../protocol/errors.js';
import { API_VERSION, orderResponseSchema } from '../../protocol/platform.js';
import { CONSOLE_PATH } from '../../protocol/console.js';
import { SUPPLIER_PATH } from '../../protocol/supplier.js';

/**
 * Schemas registered once on the server and referenced by $id: the response serializer, the conformance check
 * (conformance.ts) and the description (#/components/schemas/NAME) all read the same object.
 */
export const SHARED_SCHEMAS = {
  ErrorBody: errorBodySchema,
  Order: orderResponseSchema,
} as const;
export type SharedSchemaName = keyof typeof SHARED_SCHEMAS;

export const ref = (name: SharedSchemaName) => ({ $ref: `${name}#` }) as const;

export function addSharedSchemas(app: FastifyInstance): void {
  for (const [name, schema] of Object.entries(SHARED_SCHEMAS)) app.addSchema({ $id: name, ...schema });
}

/** Who may call a route: the bearer secret it takes, or none (the enrollment code is the credential). */
export type Access = 'admin' | 'platform' | 'admin-or-platform' | 'device' | 'device-main' | 'open';

/** The errors a route answers, by status; each status lists the stable codes it may carry (protocol/errors.ts). */
export type ErrorStatuses = Partial<Record<number, readonly ErrorCode[]>>;

export interface RouteDescription {
  operationId: string;
  tags: readonly string[];
  summary: string;
  description?: string;
  access: Access;
  params?: object;
  querystring?: object;
  body?: object;
  /** The body may be left out (the route reads none as {}: validation.ts emptyBodyAsObject). */
  bodyOptional?: true;
  /** A GET: Fastify reads no body, so the body errors (413, 415) cannot happen. Any other method may get them. */
  readOnly?: true;
  /** At least one example request body, shown in the description (OpenAPI's media type `example(s)`). */
  bodyExamples?: readonly unknown[];
  /** The success responses by status (200, 201...). */
  responses: Record<number, object>;
  /** Errors the handler itself throws, beyond those every route of this kind can answer (added below). */
  errors?: ErrorStatuses;
}

const REASONS: Record<number, string> = {
  400: 'The request is malformed or a field is invalid',
  401: 'The bearer credential is missing or wrong',
  403: 'The credential is known but may not do this',
  404: 'Something the request names does not exist',
  409: 'The request conflicts with what the server holds',
  410: 'Gone: it existed but may no longer be used',
  413: 'The body is larger than the server accepts',
  414: 'A path parameter is longer than the server reads',
  415: 'The body is not application/json',
  422: 'The order cannot be routed to a store',
  429: 'Too many failed attempts or too many streams; see Retry-After',
  500: 'The server failed; retry later',
};

function merge(into: Map<number, Set<ErrorCode>>, errors: ErrorStatuses): void {
  for (const [status, codes] of Object.entries(errors)) {
    const set = into.get(Number(status)) ?? new Set<ErrorCode>();
    for (const c of codes ?? []) set.add(c);
    into.set(Number(status), set);
  }
}

/**
 * The errors any route of this shape can answer besides its own: what the error handler (errors.ts), the input
 * guard, the auth checks and the body parser send. Kept here so a new route cannot forget them.
 */
function commonErrors(d: RouteDescription): ErrorStatuses {
  const errors: ErrorStatuses = { 400: ['VALIDATION_FAILED', 'BAD_REQUEST'], 500: ['INTERNAL'] };
  if (d.access !== 'open') {
    errors[401] = ['UNAUTHORIZED'];
    errors[429] = ['RATE_LIMITED'];
  }
  // Fastify parses a POST's or PUT's body whether or not the route reads one.
  if (!d.readOnly) {
    errors[413] = ['PAYLOAD_TOO_LARGE'];
    errors[415] = ['UNSUPPORTED_MEDIA_TYPE'];
  }
  if (d.params) errors[414] = ['VALIDATION_FAILED'];
  return errors;
}

const ACCESS_TEXT: Record<Access, string> = {
  admin: 'Bearer ADMIN_TOKEN.',
  platform: 'Bearer PLATFORM_API_KEY.',
  'admin-or-platform': 'Bearer ADMIN_TOKEN or PLATFORM_API_KEY.',
  device: "Bearer the device's token.",
  'device-main': "Bearer the device's main key.",
  open: 'No bearer credential.',
};

/** The codes each operation's error statuses list, for the conformance check (conformance.ts). */
const describedCodes = new Map<string, ReadonlySet<ErrorCode>>();
export function describedErrorCodes(operationId: string, status: number): ReadonlySet<ErrorCode> | undefined {
  return describedCodes.get(`${operationId} ${status}`);
}

/** Operations whose body may be left out: @fastify/swagger marks every body required, swaggerOptions undoes it. */
const optionalBodies = new Set<string>();

/** One route's Fastify schema, which @fastify/swagger turns into its OpenAPI operation. */
export function describe(d: RouteDescription): FastifySchema {
  if (d.bodyOptional) optionalBodies.add(d.operationId);
  const statuses = new Map<number, Set<ErrorCode>>();
  merge(statuses, commonErrors(d));
  merge(statuses, d.errors ?? {});
  const response: Record<string, object> = {};
  for (const [status, schema] of Object.entries(d.responses)) response[status] = schema;
  for (const [status, codes] of [...statuses].sort((a, b) => a[0] - b[0])) {
    describedCodes.set(`${d.operationId} ${status}`, codes);
    response[status] = { description: `${REASONS[status] ?? 'Error'}: ${[...codes].join(', ')}.`, ...ref('ErrorBody') };
  }
  const body = d.body && d.bodyExamples ? { ...d.body, examples: d.bodyExamples } : d.body;
  return {
    operationId: d.operationId,
    tags: [...d.tags],
    summary: d.summary,
    description: [d.description, ACCESS_TEXT[d.access]].filter(Boolean).join(' '),
    ...(d.access === 'open' ? { security: [] } : {}),
    ...(d.params ? { params: d.params } : {}),
    ...(d.querystring ? { querystring: d.querystring } : {}),
    ...(body ? { body } : {}),
    response,
  } as FastifySchema;
}

/** The description's frame: the API version, a relative server, the bearer scheme, and shared schemas by name. */
export const swaggerOptions: FastifyDynamicSwaggerOptions = {
  openapi: {
    openapi: '3.0.3',
    info: {
      title: 'Store Ops central server',
      version: API_VERSION,
      description:
        'Platform API v1 (/api/v1) and the store sync protocol v1 (/sync/v1). Additive changes keep v1; a breaking change would come as /api/v2 beside v1 (README, Versioning).',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    },
    security: [{ bearer: [] }],
  },
  // The console's API (protocol/console.ts) belongs to its pages, not to the platform: every route under /console is
  // left out, whoever registers it, so a feature cannot publish one by forgetting to hide it.
  // The supplier portal's API (protocol/supplier.ts) likewise belongs to its pages.
  transform: ({ schema, url }) => ({ schema: url.startsWith(`${CONSOLE_PATH}/`) || url.startsWith(`${SUPPLIER_PATH}/`) ? { ...schema, hide: true } : schema, url }),
  transformObject: (documentObject) => {
    const doc = (documentObject as { openapiObject: { paths?: Record<string, Record<string, unknown>> } }).openapiObject;
    for (const item of Object.values(doc.paths ?? {})) {
      for (const op of Object.values(item)) {
        const operation = op as { operationId?: string; requestBody?: { required?: boolean } } | null;
        if (operation?.operationId && optionalBodies.has(operation.operationId) && operation.requestBody) operation.requestBody.required = false;
      }
    }
    return doc as ReturnType<NonNullable<FastifyDynamicSwaggerOptions['transformObject']>>;
  },
  // Shared schemas appear under their own names rather than def-0, def-1.
  refResolver: {
    buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`),
  },
};
