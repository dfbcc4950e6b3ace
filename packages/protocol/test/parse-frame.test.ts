import { describe, expect, it } from 'vitest';
import { parseFrame } from '../src/index';

function refused(input: unknown, options?: Parameters<typeof parseFrame>[1]) {
  const result = parseFrame(input, options);
  if (result.ok) throw new Error(`expected a refusal for ${String(input).slice(0, 80)}`);
  expect(result.error.code).toBe('INVALID_REQUEST');
  expect(typeof result.error.message).toBe('string');
  return result;
}

describe('parseFrame: valid frames', () => {
  it('returns typed request, response and event frames', () => {
    const req = parseFrame('{"type":"req","id":"1","method":"health","params":{}}');
    expect(req).toEqual({ ok: true, frame: { type: 'req', id: '1', method: 'health', params: {} } });
    const res = parseFrame('{"type":"res","id":"1","ok":true,"payload":{"ok":true}}');
    expect(res.ok && res.frame.type).toBe('res');
    const evt = parseFrame('{"type":"event","event":"tick","payload":{"ts":1},"seq":3}');
    expect(evt.ok && evt.frame.type === 'event' && evt.frame.seq).toBe(3);
  });
});

describe('parseFrame: hostile input never throws and gives INVALID_REQUEST', () => {
  const notJson = ['', ' ', '{', '}', '{"type":"req",', 'undefined', 'NaN', "{'type':'req'}", '\u0000', '\uD800', '{"a":1}}'];
  it.each(notJson)('not JSON: %j', (text) => {
    expect(refused(text).kind).toBe('json');
  });

  const notObjects = ['null', 'true', '42', '"req"', '[]', '[{"type":"req","id":"1","method":"x"}]'];
  it.each(notObjects)('JSON but not an object: %s', (text) => {
    const result = refused(text);
    expect(result.kind).toBe('frame');
    expect(result.error.message).toBe('invalid frame: expected a JSON object');
  });

  it.each([undefined, null, 42, {}, new Uint8Array([123, 125])])('not a string: %s', (value) => {
    expect(refused(value).error.message).toBe('invalid frame: expected a text frame');
  });

  it('unknown or missing type', () => {
    expect(refused('{"id":"1","method":"x"}').error.message).toBe("invalid frame: at /type: expected 'req', 'res' or 'event'");
    expect(refused('{"type":"cancel","id":"1"}').id).toBe('1');
    expect(refused('{"type":1}').kind).toBe('frame');
  });

  it('wrong field types are reported with their path, and the id is kept for the reply', () => {
    const wrongMethod = refused('{"type":"req","id":"7","method":42}');
    expect(wrongMethod.id).toBe('7');
    expect(wrongMethod.error.message).toMatch(/^invalid request frame: at \/method: /);
    expect(refused('{"type":"req","id":"","method":"x"}').error.message).toMatch(/^invalid request frame: at \/id: /);
    expect(refused('{"type":"res","id":"1","ok":"yes"}').error.message).toMatch(/^invalid response frame: at \/ok: /);
    expect(refused('{"type":"event","event":"x","seq":-5}').error.message).toMatch(/^invalid event frame: at \/seq: /);
    expect(refused('{"type":"req","id":{"x":1},"method":"m"}').id).toBeUndefined();
  });

  it('unknown properties are refused (frames are closed objects)', () => {
    expect(refused('{"type":"req","id":"1","method":"x","extra":true}').error.message).toBe(
      "invalid request frame: at root: unexpected property 'extra'",
    );
  });

  it('prototype-pollution keys are refused and pollute nothing', () => {
    const attempts = [
      '{"type":"req","id":"1","method":"x","__proto__":{"polluted":true}}',
      '{"type":"req","id":"1","method":"x","params":{"__proto__":{"polluted":true}}}',
      '{"type":"req","id":"1","method":"x","params":{"a":[{"b":{"__proto__":{"polluted":true}}}]}}',
    ];
    for (const text of attempts) {
      const result = refused(text);
      expect(result.error.message).toMatch(/forbidden property '__proto__'/);
    }
    expect(refused(attempts[2] as string).error.message).toBe("invalid frame: at /params/a/0/b: forbidden property '__proto__'");
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('a string value that merely contains "__proto__" is fine', () => {
    const result = parseFrame('{"type":"req","id":"1","method":"x","params":{"note":"__proto__"}}');
    expect(result.ok).toBe(true);
  });

  it('a 25 MiB string is parsed or refused without throwing', () => {
    const big = 'a'.repeat(25 * 1024 * 1024);
    const text = `{"type":"req","id":"1","method":"x","params":{"blob":"${big}"}}`;
    expect(parseFrame(text).ok).toBe(true);
    expect(refused(text, { maxLength: 1024 }).error.message).toBe('invalid frame: longer than 1024 characters');
    // A refusal echoes the id whatever its length: the caller can match the answer, and the reply is
    // no larger than the frame that already fit the payload limit.
    expect(refused(`{"type":"req","id":"${big}","method":42}`).id).toHaveLength(big.length);
  });

  it('deeply nested params do not overflow the stack', () => {
    const depth = 100_000;
    const nested = '['.repeat(depth) + ']'.repeat(depth);
    const text = `{"type":"req","id":"1","method":"x","params":${nested},"__proto__":1}`;
    expect(() => parseFrame(text)).not.toThrow();
    const deepProto = `{"type":"req","id":"1","method":"x","params":${'['.repeat(depth)}{"__proto__":1}${']'.repeat(depth)}}`;
    expect(parseFrame(deepProto).ok).toBe(false);
  });

  it('lone surrogates and control characters inside strings are accepted as data', () => {
    expect(parseFrame('{"type":"req","id":"1","method":"x","params":"\\ud800\\u0000"}').ok).toBe(true);
  });
});
