import { describe, expect, it } from 'vitest';
import { copyJson, MAX_HOOK_RESULT_DEPTH } from '../src/host-hooks/json-copy';

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let level = 0; level < depth; level += 1) value = [value];
  return value;
}

describe('copyJson (what a host hook may return)', () => {
  it('copies plain JSON detached from the host object, leaving out undefined properties as JSON.stringify does', () => {
    const source = { ok: true, list: [1, 'two', null], inner: { skipped: undefined, kept: false } };
    const copy = copyJson(source);
    expect(copy).toEqual({ ok: true, value: { ok: true, list: [1, 'two', null], inner: { kept: false } } });
    source.list.push(4);
    expect(copy.ok && (copy.value as { list: unknown[] }).list).toEqual([1, 'two', null]);
  });

  it('keeps a __proto__ key as data without touching the prototype, and accepts null-prototype objects', () => {
    const parsed = JSON.parse('{"__proto__": {"polluted": true}}') as object;
    const copy = copyJson(parsed);
    expect(copy.ok && JSON.stringify(copy.value)).toBe('{"__proto__":{"polluted":true}}');
    expect(copy.ok && Object.getPrototypeOf(copy.value)).toBe(Object.prototype);
    expect(copyJson(Object.assign(Object.create(null) as object, { a: 1 }))).toEqual({ ok: true, value: { a: 1 } });
  });

  it(`accepts nesting up to ${MAX_HOOK_RESULT_DEPTH} levels and refuses one more`, () => {
    expect(copyJson(nested(MAX_HOOK_RESULT_DEPTH)).ok).toBe(true);
    expect(copyJson(nested(MAX_HOOK_RESULT_DEPTH + 1))).toEqual({ ok: false, problem: `at ${'/0'.repeat(MAX_HOOK_RESULT_DEPTH)}: nested deeper than ${MAX_HOOK_RESULT_DEPTH} levels (or cyclic)` });
  });

  it('refuses holes, infinities, symbols, class instances and getters that throw', () => {
    expect(copyJson([1, undefined])).toEqual({ ok: false, problem: 'at /1: undefined is not JSON' });
    expect(copyJson({ rate: Number.POSITIVE_INFINITY })).toEqual({ ok: false, problem: 'at /rate: Infinity is not a JSON number' });
    expect(copyJson({ tag: Symbol('x') })).toEqual({ ok: false, problem: 'at /tag: a symbol is not JSON' });
    expect(copyJson({ seen: new Map() })).toEqual({ ok: false, problem: 'at /seen: a Map is not a plain object' });
    const trap = Object.defineProperty({}, 'boom', { enumerable: true, get: () => { throw new Error('secret'); } });
    expect(copyJson(trap)).toEqual({ ok: false, problem: 'reading the result threw (Error)' });
  });
});
