/**
 * What no input may hold, whatever its route or schema: values PostgreSQL cannot store or JavaScript cannot carry.
 *
 * - U+0000: PostgreSQL's text and jsonb refuse it ("invalid byte sequence", "unsupported Unicode escape").
 * - An unpaired UTF-16 surrogate (\ud800 alone): not a character at all, so it has no UTF-8 form; jsonb refuses it.
 * - A number beyond ±(2^53 − 1): it no longer counts exactly, and a bigint column refuses 1e20 outright.
 * - Nesting deeper than MAX_DEPTH: no document of ours comes near it, and refusing it keeps every later walk short.
 *
 * One rule, checked once at the edge (edge/input-guard.ts for bodies, params and queries; validation.ts's
 * docValidator for each pushed document), so no route has to remember it and the database never sees such a value.
 */

export const MAX_DEPTH = 64;

export interface Unstorable {
  /** Where the value is, e.g. "body/lines/0/name" or "params/id". */
  path: string;
  message: string;
}

/** A high surrogate not followed by a low one, or a low one not preceded by a high one (code units, no u flag). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function textProblem(s: string): string | undefined {
  if (s.includes('\u0000')) return 'contains a NUL character (U+0000), which cannot be stored';
  if (LONE_SURROGATE.test(s)) return 'contains an unpaired UTF-16 surrogate, which is not a character';
  return undefined;
}

function numberProblem(n: number): string | undefined {
  return Math.abs(n) > Number.MAX_SAFE_INTEGER ? `is ${n}, beyond the largest number the API accepts (${Number.MAX_SAFE_INTEGER})` : undefined;
}

/**
 * The first value in `value` that breaks the rule, or undefined. Walks with an explicit stack, so a hostile body
 * nested a million levels deep cannot overflow the call stack. `skip` leaves out subtrees judged elsewhere.
 */
export function firstUnstorable(value: unknown, prefix: string, skip?: (path: readonly string[]) => boolean): Unstorable | undefined {
  const stack: Array<{ value: unknown; path: string[] }> = [{ value, path: [] }];
  const at = (path: readonly string[]) => [prefix, ...path].filter((p) => p !== '').join('/') || '/';
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { value: v, path } = item;
    if (skip?.(path)) continue;
    if (typeof v === 'string') {
      const problem = textProblem(v);
      if (problem) return { path: at(path), message: `${at(path)} ${problem}` };
    } else if (typeof v === 'number') {
      const problem = numberProblem(v);
      if (problem) return { path: at(path), message: `${at(path)} ${problem}` };
    } else if (typeof v === 'object' && v !== null) {
      if (path.length >= MAX_DEPTH) return { path: at(path), message: `${at(path)} is nested more than ${MAX_DEPTH} levels deep` };
      const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : Object.entries(v);
      // Pushed in reverse so values are visited in document order.
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i] as readonly [string, unknown];
        const keyProblem = textProblem(key);
        if (keyProblem) return { path: at(path), message: `${at(path)} has a field name that ${keyProblem}` };
        stack.push({ value: child, path: [...path, key] });
      }
    }
  }
  return undefined;
}
