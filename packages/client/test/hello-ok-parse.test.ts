import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseHelloOk } from '../src/handshake';

const fixtureText = readFileSync(new URL('./fixtures/hello-ok.operator-token.json', import.meta.url), 'utf8');

describe('parseHelloOk', () => {
  it('returns the parsed hello-ok itself, its content unchanged, for every client that parses one', () => {
    for (let client = 0; client < 3; client++) {
      const payload = JSON.parse(fixtureText) as unknown;
      expect(parseHelloOk(payload)).toBe(payload);
      expect(payload).toEqual(JSON.parse(fixtureText));
    }
  });

  it('keeps entries of features.methods and features.events that are not strings, and arrays it does not own', () => {
    const payload = JSON.parse(fixtureText) as { features: { methods: unknown[]; events: unknown } };
    payload.features.methods = ['health', 7, null, 'status'];
    payload.features.events = 'not-an-array';
    expect(parseHelloOk(payload)?.features).toEqual({ ...payload.features, methods: ['health', 7, null, 'status'], events: 'not-an-array' });
  });

  it('keeps each hello-ok its own names when the lists differ from the previous one (another gateway)', () => {
    const lists = [
      ['health', 'status'],
      ['health', 'status', 'bench.add'],
      ['health', 'system.info', 'bench.add'],
      ['health', 'status', 'bench.add'],
    ];
    for (const methods of lists) {
      const payload = JSON.parse(fixtureText) as { features: { methods: string[] } };
      payload.features.methods = JSON.parse(JSON.stringify(methods)) as string[];
      expect(parseHelloOk(payload)?.features.methods).toEqual(methods);
    }
  });

  it('refuses a hello-ok without the fields the client relies on', () => {
    const valid = JSON.parse(fixtureText) as Record<string, unknown>;
    expect(parseHelloOk({ ...valid, type: 'hello' })).toBeUndefined();
    expect(parseHelloOk({ ...valid, protocol: '4' })).toBeUndefined();
    expect(parseHelloOk({ ...valid, auth: { role: 'operator' } })).toBeUndefined();
    expect(parseHelloOk({ ...valid, policy: {} })).toBeUndefined();
  });
});
