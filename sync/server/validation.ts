import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { FastifyRequest, FastifySchemaCompiler } from 'fastify';
import { COLLECTIONS, type CollectionName } from '../model/collections.js';
import { firstUnstorable } from './edge/storable.js';

const DATE_TIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-](\d{2}):(\d{2}))$/;

/**
 * A real instant, not merely the right shape: Date.parse rolls 2026-02-30 over to March, but PostgreSQL's
 * timestamptz refuses it, and that refusal inside a store transaction used to fail a whole push. The wall-clock
 * part must come back unchanged from Date (to the millisecond), and an offset must be a real one.
 */
export function isDateTime(s: string, utcOnly: boolean): boolean {
  const m = DATE_TIME.exec(s);
  if (!m) return false;
  const [, wall, fraction = '', zone, offH, offM] = m;
  if (utcOnly && zone !== 'Z') return false;
  if (offH !== undefined && (Number(offH) > 23 || Number(offM) > 59)) return false;
  const normalised = `${wall}.${fraction.padEnd(3, '0').slice(0, 3)}Z`;
  const t = Date.parse(normalised);
  return !Number.isNaN(t) && new Date(t).toISOString() === normalised;
}

// RxDB's keys in the document schemas and OpenAPI's in the route schemas; ajv must know them in strict mode.
const EXTRA_KEYWORDS = ['version', 'primaryKey', 'indexes', 'tags', 'summary'];

function makeAjv(opts: { coerce: boolean; utcOnly: boolean }): Ajv {
  const ajv = new Ajv({
    allErrors: false,
    // Unknown fields must be rejected, never silently dropped (Fastify's default would drop them).
    removeAdditional: false,
    useDefaults: opts.coerce,
    coerceTypes: opts.coerce,
    strictTypes: false,
    strictRequired: false,
  });
  ajv.addVocabulary(EXTRA_KEYWORDS);
  ajv.addFormat('date-time', { type: 'string', validate: (s: string) => isDateTime(s, opts.utcOnly) });
  return ajv;
}

/** Bodies: no coercion ("2" is not a quantity), offsets allowed in platform input (normalised to UTC on write). */
const bodyAjv = makeAjv({ coerce: false, utcOnly: false });
/** Query strings and params arrive as text and must be coerced. */
const queryAjv = makeAjv({ coerce: true, utcOnly: false });
/** Stored documents: times must already be UTC, because the model compares them as strings. */
const docAjv = makeAjv({ coerce: false, utcOnly: true });

export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) => {
  const ajv = httpPart === 'body' ? bodyAjv : queryAjv;
  return ajv.compile(schema);
};

const docValidators = new Map<CollectionName, ValidateFunction>();

/**
 * The schema's verdict, preceded by the edge's rule (edge/storable.ts): a document holding a NUL, an unpaired
 * surrogate or an unsafe number is refused here, in our words, rather than by the database halfway through a push.
 * It reports like ajv (errors[0] with an instancePath), so callers need not know which of the two refused.
 */
function storableFirst(validate: ValidateFunction): ValidateFunction {
  const check = (data: unknown): boolean => {
    const problem = firstUnstorable(data, '');
    if (problem) {
      const instancePath = problem.path === '/' ? '' : `/${problem.path}`;
      check.errors = [{ keyword: 'storable', instancePath, schemaPath: '#', params: {}, message: problem.message.slice(problem.path.length + 1) }];
      return false;
    }
    const ok = validate(data);
    check.errors = validate.errors;
    return ok;
  };
  check.errors = null as ErrorObject[] | null | undefined;
  return Object.assign(check, { schema: validate.schema, schemaEnv: validate.schemaEnv }) as unknown as ValidateFunction;
}

/** The collection's own JSON Schema (the same one RxDB uses on the terminal), after the edge's storable rule. */
export function docValidator(collection: CollectionName): ValidateFunction {
  let v = docValidators.get(collection);
  if (!v) {
    v = storableFirst(docAjv.compile(COLLECTIONS[collection].schema));
    docValidators.set(collection, v);
  }
  return v;
}

/**
 * The rejection of a pushed row whose write failed in the database (store/push.ts judges each row in a savepoint).
 * The client gets a stable code and our words, never the database's: its message can quote the document's values.
 * SQLSTATE class 22 (data exception) means the document's content is at fault; anything else is the server's.
 */
export function rowStoreFailure(err: unknown): { code: 'VALIDATION_FAILED' | 'INTERNAL'; message: string } {
  const sqlState = err instanceof Error ? (err as Error & { code?: unknown }).code : undefined;
  const state = typeof sqlState === 'string' && /^[0-9A-Z]{5}$/.test(sqlState) ? sqlState : undefined;
  if (state?.startsWith('22')) return { code: 'VALIDATION_FAILED', message: `this document holds a value the database cannot store (SQLSTATE ${state})` };
  return { code: 'INTERNAL', message: `the server could not store this document${state ? ` (SQLSTATE ${state})` : ''}; the rest of the batch was applied` };
}

export function compileBodySchema(schema: object): ValidateFunction {
  return bodyAjv.compile(schema);
}

/** "body/lines/0/qty", "body/extra" — the path a person needs to find the bad field. */
export function errorPath(prefix: string, e: ErrorObject): string {
  const params = e.params as { additionalProperty?: string; missingProperty?: string };
  const leaf = params.additionalProperty ?? params.missingProperty;
  const path = `${prefix}${e.instancePath}${leaf ? `/${leaf}` : ''}`;
  return path || '/';
}

export function describeError(prefix: string, e: ErrorObject): string {
  const params = e.params as { additionalProperty?: string };
  if (params.additionalProperty) return `${errorPath(prefix, e)} is not an allowed field`;
  return `${errorPath(prefix, e)} ${e.message ?? 'is invalid'}`;
}

/** For routes whose body is all optional fields: no body at all means {}. */
export async function emptyBodyAsObject(req: FastifyRequest): Promise<void> {
  if (req.body === undefined || req.body === null) req.body = {};
}
