import { Ajv, type ValidateFunction } from 'ajv';
import type { FastifyInstance } from 'fastify';
import { isDateTime } from '../validation.js';
import { describedErrorCodes, SHARED_SCHEMAS } from './describe.js';

/** An answer that does not match what the description says the route answers. */
export interface ResponseViolation {
  method: string;
  url: string;
  route: string;
  status: number;
  problem: string;
}

// Strict off: the response schemas carry OpenAPI's words (description, example) beside JSON Schema's.
const ajv = new Ajv({ strict: false, allErrors: false });
ajv.addFormat('date-time', { type: 'string', validate: (s: string) => isDateTime(s, false) });
for (const [name, schema] of Object.entries(SHARED_SCHEMAS)) ajv.addSchema(schema, name);

const compiled = new WeakMap<object, ValidateFunction>();
function validatorOf(schema: object): ValidateFunction {
  let v = compiled.get(schema);
  if (!v) {
    v = ajv.compile(schema);
    compiled.set(schema, v);
  }
  return v;
}

/**
 * Checks every answer of a route that describes its responses against the schema described for its status (a
 * status the route does not describe is a violation too). For tests: startTestServer turns it on and fails at close
 * when anything was reported. The body is checked as sent, after serialization, so a field the schema forgets
 * shows up here as a missing required field rather than vanishing unnoticed.
 */
export function installResponseCheck(app: FastifyInstance, report: (v: ResponseViolation) => void): void {
  app.addHook('onSend', async (req, reply, payload) => {
    const responses = (req.routeOptions.schema as { response?: Record<string, object> } | undefined)?.response;
    if (!responses) return payload;
    const status = reply.statusCode;
    const at = { method: req.method, url: req.url, route: req.routeOptions.url ?? req.url, status };
    const schema = responses[String(status)];
    if (!schema) {
      report({ ...at, problem: `status ${status} is not described (described: ${Object.keys(responses).join(', ')})` });
      return payload;
    }
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    let body: unknown;
    try {
      // An empty answer (204) is described as null.
      body = payload.length === 0 ? null : JSON.parse(payload.toString());
    } catch {
      report({ ...at, problem: 'the body is not JSON' });
      return payload;
    }
    const validate = validatorOf(schema);
    if (!validate(body)) {
      const e = validate.errors?.[0];
      report({ ...at, problem: `${e?.instancePath || '/'} ${e?.message ?? 'invalid'} ${JSON.stringify(e?.params ?? {})}` });
      return payload;
    }
    // An error's code must be one the description lists for that status, not merely a known code.
    const operationId = (req.routeOptions.schema as { operationId?: string }).operationId;
    const codes = operationId === undefined ? undefined : describedErrorCodes(operationId, status);
    const code = (body as { code?: unknown }).code;
    if (codes && typeof code === 'string' && !codes.has(code as never)) {
      report({ ...at, problem: `code ${code} is not described for status ${status} (described: ${[...codes].join(', ')})` });
    }
    return payload;
  });
}
