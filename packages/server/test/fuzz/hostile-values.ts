import fc from 'fast-check';

/** Keys that attack object prototypes or confuse naive merging. */
const hostileKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '');

/** Strings a parser meets from a hostile peer: empty, huge, control and lone-surrogate characters. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.string() },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 64 }) },
  { weight: 2, arbitrary: fc.constantFrom('', '\u0000', '\ud800', '\u2028', '"', '\\', '{', '}', '__proto__') },
  { weight: 1, arbitrary: fc.integer({ min: 257, max: 70_000 }).map((length) => 'x'.repeat(length)) },
);

/** JSON values, deep and wide, with hostile keys and strings. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(-0, 1e308, Number.MAX_SAFE_INTEGER + 2)),
    hostileString,
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.oneof(hostileKey, fc.string({ maxLength: 12 })), tie('value'), { maxKeys: 5 }),
  ),
})).value;

/** Nesting far deeper than any schema expects (arrays or objects), as raw JSON text. */
export const deepNestingText: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 100, max: 5_000 }), fc.boolean())
  .map(([depth, objects]) => (objects ? '{"a":'.repeat(depth) + '1' + '}'.repeat(depth) : '['.repeat(depth) + ']'.repeat(depth)));

/** A request frame's fields, each either well-formed or replaced by a hostile value. */
export function requestFrameText(methods: readonly string[], params: fc.Arbitrary<unknown> = hostileJson): fc.Arbitrary<string> {
  const id = fc.oneof({ weight: 6, arbitrary: fc.string({ minLength: 1, maxLength: 16 }) }, { weight: 1, arbitrary: hostileJson }, { weight: 1, arbitrary: fc.integer({ min: 257, max: 5_000 }).map((length) => 'i'.repeat(length)) });
  const method = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...methods) }, { weight: 1, arbitrary: hostileJson });
  return fc
    .record(
      { type: fc.oneof({ weight: 8, arbitrary: fc.constant('req') }, { weight: 1, arbitrary: hostileJson }), id, method, params, extra: fc.option(fc.tuple(hostileKey, hostileJson)) },
      { requiredKeys: ['type', 'id', 'method'] },
    )
    .map(({ extra, ...frame }) => {
      const text = JSON.stringify(frame);
      if (extra === null || extra === undefined) return text;
      // Add the key as raw JSON, so that `__proto__` reaches the parser as an own property.
      return `${text.slice(0, -1)}${text.length > 2 ? ',' : ''}${JSON.stringify(extra[0])}:${JSON.stringify(extra[1]) ?? 'null'}}`;
    });
}

/** Any text a peer may send: random, truncated or mutated JSON, deep nesting, request-shaped frames. */
export function hostileFrameText(methods: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: requestFrameText(methods) },
    { weight: 1, arbitrary: hostileString },
    { weight: 1, arbitrary: hostileJson.map((value) => JSON.stringify(value) ?? 'null') },
    { weight: 1, arbitrary: fc.constant(0).chain(() => deepNestingText) },
    { weight: 1, arbitrary: fc.tuple(requestFrameText(methods), fc.nat()).map(([text, cut]) => text.slice(0, cut % (text.length + 1))) },
  );
}

/** The string `id` a request-shaped frame carries, when the text is a JSON object with one. */
export function requestIdOf(text: string): string | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    const id = (value as Record<string, unknown>)['id'];
    return typeof id === 'string' && id.length > 0 ? id : undefined;
  } catch {
    return undefined;
  }
}

/** Valid frames of each kind, the seeds of {@link mutatedFrameText}. */
const VALID_FRAMES = [
  '{"type":"req","id":"r1","method":"health","params":{}}',
  '{"type":"req","id":"c1","method":"connect","params":{"minProtocol":4,"maxProtocol":4,"client":{"id":"cli","version":"1","platform":"linux","mode":"cli"},"auth":{"token":"t"}}}',
  '{"type":"req","id":"n1","method":"node.invoke","params":{"nodeId":"n","command":"x","params":{"a":[1,2,{"b":null}]},"timeoutMs":100,"idempotencyKey":"k"}}',
  '{"type":"res","id":"r1","ok":false,"error":{"code":"INVALID_REQUEST","message":"m"}}',
  '{"type":"event","event":"tick","payload":{"ts":1},"seq":3,"stateVersion":{"presence":1,"health":2}}',
];

const MUTATION_BYTES = ['"', '{', '}', '[', ']', ',', ':', '\\', '0', '-', 'e', ' ', '\u0000', '__proto__', 'null', '"__proto__":{}', '\ud800'];

/** A valid frame with a few characters deleted, replaced or inserted (JSON-breaking and JSON-preserving). */
export const mutatedFrameText: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...VALID_FRAMES), fc.array(fc.tuple(fc.nat(), fc.nat(2), fc.constantFrom(...MUTATION_BYTES)), { minLength: 1, maxLength: 4 }))
  .map(([seed, mutations]) => {
    let text = seed;
    for (const [at, kind, bytes] of mutations) {
      const index = at % (text.length + 1);
      if (kind === 0) text = text.slice(0, index) + text.slice(index + 1);
      else if (kind === 1) text = text.slice(0, index) + bytes + text.slice(index + 1);
      else text = text.slice(0, index) + bytes + text.slice(index);
    }
    return text;
  });
