/**
 * Test-only: requests for the fuzz test (fuzz.test.ts), generated from the server's own OpenAPI description. Each
 * request starts from values that fit the route's schemas (with known ids mixed in, so some get past every check)
 * and is then broken: wrong types, boundary numbers, control characters, lone surrogates, huge and deeply nested
 * bodies, unknown and forbidden fields, bad path parameters and query strings, wrong content types, bad tokens.
 */
import fc from 'fast-check';
import { fromSchema, hostileString, mutated, mutationArb, toJsonText, type Hints, type Schema } from './fuzz-values.testkit.js';

export interface Route {
  method: string;
  /** As the OpenAPI description writes it: /api/v1/orders/{id}. */
  path: string;
  tags: readonly string[];
  params: ReadonlyArray<{ name: string; in: 'path' | 'query'; required: boolean; schema: Schema }>;
  body: Schema | undefined;
  /** `security: []` on the route: it needs no token (enrollment). */
  open: boolean;
}

/** `main`: a device's main key (PIN verifiers); `legacy`: the token of a device enrolled before main keys. */
export type Credential = 'admin' | 'platform' | 'device' | 'main' | 'legacy';

export interface Fixtures {
  tokens: Record<Credential, string>;
  /** By field name, inside bodies and pushed documents. */
  fields: Hints;
  /** By parameter name, for path and query parameters. */
  params: Hints;
  /** A synced collection's document schema, for the rows of a push. */
  docSchema(collection: string): Schema | undefined;
}

export interface FuzzRequest {
  route: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string | Uint8Array<ArrayBuffer> | undefined;
}

export const routeKey = (r: Pick<Route, 'method' | 'path'>) => `${r.method.toUpperCase()} ${r.path}`;

/** The routes of an OpenAPI 3 document as Fastify's swagger plugin writes it (schemas inline). */
export function routesOf(openapi: { paths: Record<string, Record<string, unknown>> }): Route[] {
  const routes: Route[] = [];
  for (const [path, methods] of Object.entries(openapi.paths)) {
    for (const [method, raw] of Object.entries(methods)) {
      const op = raw as { tags?: string[]; parameters?: Route['params']; requestBody?: { content?: Record<string, { schema?: Schema }> }; security?: unknown[] };
      routes.push({
        method: method.toUpperCase(),
        path,
        tags: op.tags ?? [],
        params: op.parameters ?? [],
        body: op.requestBody?.content?.['application/json']?.schema,
        open: Array.isArray(op.security) && op.security.length === 0,
      });
    }
  }
  return routes;
}

/** Who a route is for, from its tag (the design's §6 table): the token a well-behaved caller would send. */
function credentialsOf(route: Route): Credential[] {
  if (route.open) return [];
  if (route.path.endsWith('/operator-verifiers')) return ['main'];
  if (route.path.endsWith('/device/main-key')) return ['legacy'];
  if (route.tags.includes('sync')) return ['device'];
  if (route.tags.includes('stock')) return ['admin', 'platform'];
  if (route.tags.some((t) => t === 'stores' || t === 'devices' || t === 'operators' || t === 'reconciliation')) return ['admin'];
  return ['platform'];
}

/** Header values must be bytes without CR, LF or NUL, or fetch refuses to send them at all. */
const headerSafe = (s: string) => s.replace(/[^\t\x20-\x7e\x80-\xff]/g, '?');

function authorizationArb(route: Route, fx: Fixtures): fc.Arbitrary<string | undefined> {
  const right = credentialsOf(route).map((c) => `Bearer ${fx.tokens[c]}`);
  const others = (Object.keys(fx.tokens) as Credential[]).map((c) => `Bearer ${fx.tokens[c]}`);
  return fc.oneof(
    { weight: right.length > 0 ? 16 : 0, arbitrary: right.length > 0 ? fc.constantFrom(...right) : fc.constant(undefined) },
    { weight: 2, arbitrary: fc.constantFrom(...others) },
    { weight: 2, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constantFrom('Bearer', 'Bearer ', 'Basic YWRtaW46YWRtaW4=', `bearer   ${fx.tokens.admin}   `, `Bearer ${fx.tokens.admin}x`, 'Bearer \u00e9\u00ff', `Bearer ${'t'.repeat(20_000)}`) },
    { weight: 1, arbitrary: hostileString.map((s) => `Bearer ${headerSafe(s)}`) },
  );
}

/** A path segment from any value: percent-encoded, lone surrogates as the UTF-8 bytes they would need (invalid). */
function encodeSegment(v: unknown): string {
  const s = typeof v === 'string' ? v : (JSON.stringify(v) ?? '');
  return s.split(/([\ud800-\udfff])/).map((part) => (/^[\ud800-\udfff]$/.test(part) ? '%ED%A0%80' : encodeURIComponent(part))).join('');
}

const RAW_SEGMENTS = ['%00', 'a%00b', '%ZZ', '%', '%ED%A0%80', '%C0%AF', '..', '.', '%2F', '%2e%2e', '%20', 'x'.repeat(101), '%F0%9F%98%80'];
const RAW_QUERY = ['position=1e308', 'position=99999999999999999999', 'limit=1&limit=2', '%00=1', 'id=%ED%A0%80', 'id=%00', 'position=', 'after=-1', 'schemaVersion=1e400', 'a=%ZZ', 'limit=0x10'];

function segmentArb(name: string, schema: Schema, fx: Fixtures): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: fromSchema(schema, fx.params, name).map(encodeSegment) },
    { weight: 2, arbitrary: fc.constantFrom(...RAW_SEGMENTS) },
    { weight: 1, arbitrary: hostileString.map(encodeSegment) },
  );
}

function queryArb(route: Route, fx: Fixtures): fc.Arbitrary<string> {
  const query = route.params.filter((p) => p.in === 'query');
  const pairs = query.map((p) =>
    fc.oneof(
      { weight: 6, arbitrary: fromSchema(p.schema, fx.params, p.name).map((v) => `${p.name}=${encodeSegment(String(v))}`) },
      { weight: p.required ? 0 : 3, arbitrary: fc.constant('') },
      { weight: 1, arbitrary: hostileString.map((v) => `${p.name}=${encodeSegment(v)}`) },
    ),
  );
  const extra = fc.oneof({ weight: 5, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constantFrom(...RAW_QUERY) });
  return fc.tuple(fc.tuple(...pairs), extra).map(([ps, x]) => [...ps, x].filter((q) => q !== '').join('&'));
}

const CONTENT_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=utf-16', 'multipart/form-data; boundary=x', 'application/xml', 'application/jsonx'];
const RAW_BODIES: Array<string | Uint8Array<ArrayBuffer>> = ['{', '{"a":', 'null', '123', 'true', '"text"', '[]', ' ', '{"a":1}{"b":2}', '\ufeff{}', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"x":1}}}', new Uint8Array([0xff, 0xfe, 0x7b, 0x7d])];
/** Over the 1 MiB body limit; rare, since each is a megabyte to send. */
const OVERSIZED = `{"a":"${'x'.repeat(1_100_000)}"}`;

/** The body a route takes, before it is broken: for a push, rows of the path's collection. */
function bodyValueArb(route: Route, fx: Fixtures, collection: string | undefined): fc.Arbitrary<unknown> {
  const doc = collection !== undefined ? fx.docSchema(collection) : undefined;
  if (route.path.endsWith('/push') && doc) {
    const row = fc.record({ newDocumentState: fromSchema(doc, fx.fields), assumedMasterState: fromSchema(doc, fx.fields) }, { requiredKeys: ['newDocumentState'] });
    return fc.array(row, { minLength: 1, maxLength: 4 }).map((rows) => ({ rows }));
  }
  return route.body ? fromSchema(route.body, fx.fields) : fc.constant({});
}

function bodyArb(route: Route, fx: Fixtures, collection: string | undefined): fc.Arbitrary<{ body: string | Uint8Array<ArrayBuffer> | undefined; type: string | undefined }> {
  const json = fc.tuple(bodyValueArb(route, fx, collection), fc.array(mutationArb, { maxLength: 3 })).map(([v, ms]) => toJsonText(mutated(v, ms)));
  const text = fc.oneof(
    { weight: 270, arbitrary: json },
    { weight: 27, arbitrary: fc.constantFrom(...RAW_BODIES) },
    { weight: 9, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constant(OVERSIZED) },
  );
  const type = fc.oneof({ weight: 16, arbitrary: fc.constant<string | undefined>('application/json') }, { weight: 2, arbitrary: fc.constantFrom<string | undefined>(...CONTENT_TYPES, undefined) });
  return fc.record({ body: text, type }).map(({ body, type: t }) => ({ body, type: body === undefined ? undefined : t }));
}

/** One request to the route, as a hostile or careless client might send it. */
export function requestArb(route: Route, fx: Fixtures): fc.Arbitrary<FuzzRequest> {
  // Built once per collection: making an arbitrary (a regex parsed for each pattern) costs more than using it.
  const bodies = new Map<string | undefined, ReturnType<typeof bodyArb>>();
  const bodyFor = (collection: string | undefined) => {
    let arb = bodies.get(collection);
    if (!arb) bodies.set(collection, (arb = bodyArb(route, fx, collection)));
    return arb;
  };
  const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');
  const segments = names.map((n) => segmentArb(n, route.params.find((p) => p.in === 'path' && p.name === n)?.schema ?? { type: 'string' }, fx));
  const method = fc.oneof({ weight: 19, arbitrary: fc.constant(route.method) }, { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH') });
  return fc.tuple(fc.tuple(...segments), queryArb(route, fx), authorizationArb(route, fx), method).chain(([segs, query, auth, m]) => {
    let i = 0;
    const path = route.path.replace(/\{\w+\}/g, () => segs[i++] ?? '');
    const collection = names.includes('collection') ? decodeURIComponentSafe(segs[names.indexOf('collection')] ?? '') : undefined;
    const withBody = m !== 'GET' ? bodyFor(collection) : fc.constant({ body: undefined, type: undefined });
    return withBody.map(({ body, type }) => ({
      route: routeKey(route),
      method: m,
      path: query ? `${path}?${query}` : path,
      headers: { ...(auth !== undefined ? { authorization: auth } : {}), ...(type !== undefined ? { 'content-type': type } : {}) },
      body,
    }));
  });
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch (err) {
    if (err instanceof URIError) return s;
    throw err;
  }
}
