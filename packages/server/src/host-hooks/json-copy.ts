/** A JSON value. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Nesting a host hook's result may have (objects and arrays); deeper, or cyclic, results are refused. */
export const MAX_HOOK_RESULT_DEPTH = 32;

/** The outcome of {@link copyJson}: a detached copy, or where the value stops being JSON. */
export type JsonCopy = { readonly ok: true; readonly value: JsonValue } | { readonly ok: false; readonly problem: string };

class NotJson extends Error {
  constructor(readonly path: readonly string[], readonly what: string) {
    super(what);
  }
}

/**
 * Copy a host's value as plain JSON: objects with the plain (or no) prototype, arrays, strings,
 * finite numbers, booleans and `null`. A property whose value is `undefined` is left out, as
 * `JSON.stringify` does. Anything else (a function, a `bigint`, `NaN`, a `Date`, a class instance, a
 * getter that throws, nesting deeper than {@link MAX_HOOK_RESULT_DEPTH}) is refused, with its path.
 * The copy is detached, so the host changing its object later changes nothing the gateway sends.
 */
export function copyJson(value: unknown): JsonCopy {
  try {
    return { ok: true, value: copyValue(value, [], 0) };
  } catch (error) {
    if (error instanceof NotJson) return { ok: false, problem: `at ${error.path.length === 0 ? 'root' : `/${error.path.join('/')}`}: ${error.what}` };
    return { ok: false, problem: `reading the result threw (${error instanceof Error ? error.name : typeof error})` };
  }
}

function copyValue(value: unknown, path: string[], depth: number): JsonValue {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
    throw new NotJson(path, `${String(value)} is not a JSON number`);
  }
  if (typeof value !== 'object') throw new NotJson(path, `${value === undefined ? 'undefined' : `a ${typeof value}`} is not JSON`);
  if (depth >= MAX_HOOK_RESULT_DEPTH) throw new NotJson(path, `nested deeper than ${MAX_HOOK_RESULT_DEPTH} levels (or cyclic)`);
  if (Array.isArray(value)) return value.map((item: unknown, index) => copyValue(item, [...path, String(index)], depth + 1));
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) throw new NotJson(path, `${kindOf(value)} is not a plain object`);
  const copy: { [key: string]: JsonValue } = {};
  for (const [key, field] of Object.entries(value)) {
    if (field === undefined) continue;
    Object.defineProperty(copy, key, { value: copyValue(field, [...path, key], depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

function kindOf(value: object): string {
  const name: unknown = (value as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === 'string' && name !== '' ? `a ${name}` : 'an object with a prototype';
}
