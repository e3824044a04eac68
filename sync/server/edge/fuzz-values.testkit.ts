/**
 * Test-only: the values of the fuzz test (fuzz.test.ts). `fromSchema` makes a value that fits a JSON Schema (the
 * OpenAPI description's, or a synced collection's), `mutated` breaks it in the ways a hostile client would, and
 * `toJsonText` serializes it, deep nesting included, without recursing on our side.
 */
import fc from 'fast-check';

export type Schema = { readonly [keyword: string]: unknown };
/** Values that fit better than random ones, by field or parameter name: known ids, so requests get past lookups. */
export type Hints = ReadonlyMap<string, fc.Arbitrary<unknown>>;

const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

function stringFor(s: Schema): fc.Arbitrary<string> {
  const min = num(s.minLength) ?? 0;
  const max = Math.min(num(s.maxLength) ?? 40, 40);
  if (s.format === 'date-time') {
    return fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2031-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
  }
  if (typeof s.pattern === 'string') {
    // `^[class]+$` with a length range (ids, base64url keys of exactly 43 characters): characters of the class at a
    // length in the range. Filtering stringMatching's output by length instead would almost never pass for a long
    // fixed length, and fast-check's filter retries for ever: that hung the fuzz test before it sent anything.
    const oneClass = /^\^(\[[^\]]+\])[+*]\$$/.exec(s.pattern);
    if (oneClass) {
      const unit = fc.stringMatching(new RegExp(`^${oneClass[1] ?? ''}$`));
      const lo = Math.max(min, s.pattern.endsWith('+$') ? 1 : 0);
      return fc.string({ unit, minLength: lo, maxLength: Math.max(lo, Math.min(num(s.maxLength) ?? 40, 64)) });
    }
    const fits = (x: string) => x.length >= min && x.length <= (num(s.maxLength) ?? Infinity);
    return fc.stringMatching(new RegExp(s.pattern), { size: 'small' }).filter(fits);
  }
  return fc.string({ minLength: min, maxLength: Math.max(min, max) });
}

/** A value that fits the schema (the subset our schemas use: sync/model/json-schema.ts). */
export function fromSchema(schema: Schema, hints: Hints, name = ''): fc.Arbitrary<unknown> {
  const own = ownArb(schema, hints);
  const hint = hints.get(name);
  return hint ? fc.oneof({ arbitrary: hint, weight: 3 }, { arbitrary: own, weight: 1 }) : own;
}

function ownArb(s: Schema, hints: Hints): fc.Arbitrary<unknown> {
  if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as unknown[]));
  if (s.const !== undefined) return fc.constant(s.const);
  if (Array.isArray(s.type)) return fc.oneof(...(s.type as string[]).map((t) => ownArb({ ...s, type: t }, hints)));
  switch (s.type) {
    case 'string':
      return stringFor(s);
    case 'integer':
      return fc.integer({ min: Math.max(num(s.minimum) ?? -1_000_000, -(2 ** 31)), max: Math.min(num(s.maximum) ?? 1_000_000, 2 ** 31) });
    case 'number':
      return fc.double({ min: num(s.minimum) ?? -1e6, max: num(s.maximum) ?? 1e6, noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const items = fromSchema((s.items as Schema | undefined) ?? {}, hints);
      const constraints = { minLength: num(s.minItems) ?? 0, maxLength: Math.min(num(s.maxItems) ?? 4, 4) };
      return s.uniqueItems ? fc.uniqueArray(items, { ...constraints, selector: (v) => JSON.stringify(v) }) : fc.array(items, constraints);
    }
    case 'object': {
      const props = (s.properties as Record<string, Schema> | undefined) ?? {};
      if (Object.keys(props).length === 0) return fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 });
      const model = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, fromSchema(v, hints, k)]));
      const required = ((s.required as string[] | undefined) ?? []).filter((k) => k in props);
      return fc.record(model, { requiredKeys: required });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Marks a place where the serialized body gets `depth` levels of nesting (built as text, see toJsonText). */
export class Deep {
  constructor(readonly depth: number) {}
}

const ASCII_AND_SURROGATES = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const CONTROL = fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c));

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', ' ', '\u0000', 'a\u0000b', '\ud800', 'x\udfff', 'tail\ud83d', '\u202e', '\u2028', '\ufeff', '\uffff', '%00', '%ZZ',
    '../../etc/passwd', "'; DROP TABLE docs;--", '$1', '__proto__', 'constructor', '😀', '中文名', 'NaN', '1e308', '-0', 'null', 'true'),
  fc.string({ unit: CONTROL, minLength: 1, maxLength: 8 }),
  fc.string({ unit: ASCII_AND_SURROGATES, minLength: 1, maxLength: 12 }),
  fc.integer({ min: 65, max: 4000 }).map((n) => 'y'.repeat(n)),
);

export const boundaryNumber: fc.Arbitrary<number> = fc.constantFrom(
  0, -0, -1, 0.5, -0.5, 1e-7, 5e-324, 2 ** 31 - 1, 2 ** 31, 2 ** 32, 2 ** 53 - 1, 2 ** 53, 2 ** 53 + 2, -(2 ** 53) - 2, 1e20, 1e308, -1e308, Number.MAX_VALUE,
);

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: hostileString, weight: 16 },
  { arbitrary: boundaryNumber, weight: 12 },
  { arbitrary: fc.constantFrom<unknown>(null, true, false, [], {}, [[]], { a: {} }, '1', 1), weight: 8 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 4 },
  { arbitrary: fc.integer({ min: 65, max: 100_000 }).map((d) => new Deep(d)), weight: 4 },
  // Large but under the body limit (the 413 side is RAW bodies'): rare, as every one is sent and parsed whole.
  { arbitrary: fc.integer({ min: 20_000, max: 300_000 }).map((n) => 'z'.repeat(n)), weight: 1 },
);

export interface Mutation {
  kind: 'replace' | 'delete' | 'add' | 'wrap' | 'flood';
  at: number;
  value: unknown;
  key: string;
}

export const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('replace', 'replace', 'replace', 'delete', 'add', 'wrap', 'flood'),
  at: fc.nat(),
  value: hostileValue,
  key: fc.oneof(fc.constantFrom('__proto__', 'constructor', 'extra', '\u0000', '\ud800', '', '_deleted', 'storeId'), fc.string({ maxLength: 6 })),
});

type Container = Record<string, unknown> | unknown[];
const isContainer = (v: unknown): v is Container => typeof v === 'object' && v !== null && !(v instanceof Deep);

/** Every (parent, key) slot in the value, breadth first; the root is the slot [holder, 'v']. */
function slots(holder: { v: unknown }): Array<[Container, string]> {
  const out: Array<[Container, string]> = [[holder as unknown as Container, 'v']];
  for (let i = 0; i < out.length && out.length < 500; i++) {
    const [parent, key] = out[i] as [Container, string];
    const v = (parent as Record<string, unknown>)[key];
    if (isContainer(v)) for (const k of Object.keys(v)) out.push([v, k]);
  }
  return out;
}

/** Applies the mutations, in order, to a copy of the value; each lands on a slot chosen by `at`. */
export function mutated(value: unknown, mutations: readonly Mutation[]): unknown {
  const holder = { v: structuredClone(value) };
  for (const m of mutations) {
    const all = slots(holder);
    const [parent, key] = all[m.at % all.length] as [Container, string];
    const p = parent as Record<string, unknown>;
    const current = p[key];
    // A fresh copy each time: constantFrom hands out one shared instance, and placing it twice could make a cycle.
    const value = typeof m.value === 'object' && m.value !== null && !(m.value instanceof Deep) ? structuredClone(m.value) : m.value;
    if (m.kind === 'replace') p[key] = value;
    else if (m.kind === 'wrap') p[key] = [current];
    else if (m.kind === 'delete' && parent !== (holder as unknown)) delete p[key];
    else if (m.kind === 'add' && isContainer(current) && !Array.isArray(current)) Object.defineProperty(current, m.key, { value, enumerable: true, writable: true, configurable: true });
    // Past maxItems; only small arrays, so a flood of huge items cannot take the test's own memory.
    else if (m.kind === 'flood' && Array.isArray(current) && toJsonText(current).length <= 1_000) p[key] = Array.from({ length: 501 + (m.at % 200) }, (_, i) => current[i % Math.max(1, current.length)] ?? 0);
  }
  return holder.v;
}

/** JSON text of the value, with each Deep spliced in as text: JSON.stringify itself would overflow on 100,000 levels. */
export function toJsonText(value: unknown): string {
  const deeps: number[] = [];
  const text = JSON.stringify(value, (_k, v: unknown) => {
    if (!(v instanceof Deep)) return v;
    deeps.push(v.depth);
    return `@@DEEP${deeps.length - 1}@@`;
  }) ?? 'null';
  return text.replace(/"@@DEEP(\d+)@@"/g, (_m, i: string) => {
    const depth = deeps[Number(i)] ?? 1;
    return depth % 2 === 0 ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
  });
}
