import { describe, expect, it } from 'vitest';
import { RECONNECT_DEFAULTS, RECONNECT_DISABLED } from '../src/reconnect-policy';
import { DEFAULT_CLIENT_OPTIONS, DEFAULT_RECONNECT, GatewayClient, GatewayClientError, InvalidOptionsError, isLocalOrPrivateHost, ReconnectPolicy } from '../src/index';
import { describeUnexpectedResponse, parseRetryAfter } from '../src/transport/transport-failure';

describe('options', () => {
  it('exports the documented defaults', () => {
    expect(DEFAULT_CLIENT_OPTIONS).toMatchObject({
      url: 'ws://127.0.0.1:18789',
      clientId: 'gateway-client',
      clientMode: 'backend',
      role: 'operator',
      operatorScopes: ['operator.admin'],
      requestTimeoutMs: 30_000,
      connectTimeoutMs: 15_000,
    });
    expect(DEFAULT_RECONNECT).toMatchObject({ enabled: true, initialDelayMs: 1000, maxDelayMs: 30_000, maxAttempts: Number.POSITIVE_INFINITY, maxRetryAfterMs: 300_000 });
    expect(new GatewayClient().state).toBe('idle');
  });

  it.each([
    [{ url: 'http://127.0.0.1' }, /ws:\/\/ or wss:\/\//],
    [{ url: 'not a url' }, /not a valid URL/],
    [{ url: 'ws://gateway.example.com' }, /refusing plain ws:\/\/ to the public host/],
    [{ url: 'ws://8.8.8.8:18789' }, /public host/],
    [{ client: { id: 'my-app' as never } }, /client.id/],
    [{ client: { mode: 'robot' as never } }, /client.mode/],
    [{ role: 'admin' as never }, /role/],
    [{ commands: ['echo'] }, /commands require role/],
    [{ role: 'node' as const, commands: ['echo'] }, /commands require nodeInvoke/],
    [{ requestTimeoutMs: -1 }, /requestTimeoutMs/],
    [{ queue: { maxSize: Number.NaN } }, /queue.maxSize/],
    [{ scopes: [''] }, /scopes/],
  ])('rejects %j with a TypeError', (options, message) => {
    expect(() => new GatewayClient(options)).toThrow(InvalidOptionsError);
    expect(() => new GatewayClient(options)).toThrow(TypeError);
    expect(() => new GatewayClient(options)).toThrow(message);
    try {
      new GatewayClient(options);
    } catch (error) {
      expect(GatewayClientError.isInstance(error, 'INVALID_OPTIONS')).toBe(true);
    }
  });

  it('checks each URL on its own when clients for different gateways are created one after the other', () => {
    const publicHost = 'ws://gateway.example.com';
    expect(() => new GatewayClient({ url: publicHost })).toThrow(/public host gateway.example.com/);
    expect(() => new GatewayClient({ url: publicHost, allowInsecureWs: true })).not.toThrow();
    expect(() => new GatewayClient({ url: 'ws://127.0.0.1:18789' })).not.toThrow();
    expect(() => new GatewayClient({ url: publicHost })).toThrow(/public host gateway.example.com/);
    expect(() => new GatewayClient({ url: 'ws://8.8.8.8:18789' })).toThrow(/public host 8.8.8.8/);
    expect(() => new GatewayClient({ url: 'http://127.0.0.1:18789' })).toThrow(/got http:/);
    expect(() => new GatewayClient({ url: 'http://127.0.0.1:18789' })).toThrow(/got http:/);
  });

  it('allows plain ws:// to public hosts only with allowInsecureWs', () => {
    expect(() => new GatewayClient({ url: 'ws://gateway.example.com', allowInsecureWs: true })).not.toThrow();
    expect(() => new GatewayClient({ url: 'wss://gateway.example.com' })).not.toThrow();
  });

  it.each([
    ['127.0.0.1', true],
    ['localhost', true],
    ['[::1]', true],
    ['10.1.2.3', true],
    ['172.16.0.1', true],
    ['172.32.0.1', false],
    ['192.168.1.10', true],
    ['169.254.10.1', true],
    ['100.100.1.1', true],
    ['printer.local', true],
    ['box.tail1234.ts.net', true],
    ['[fd12::1]', true],
    ['[fe80::1]', true],
    ['[2001:db8::1]', false],
    ['8.8.8.8', false],
    ['example.com', false],
  ])('isLocalOrPrivateHost(%s) is %s', (host, expected) => {
    expect(isLocalOrPrivateHost(host)).toBe(expected);
  });

  it('calls listeners passed in the options from the first state change', async () => {
    const states: string[] = [];
    const client = new GatewayClient({ url: 'ws://127.0.0.1:9', reconnect: false, listeners: { state: (change) => states.push(change.to) } });
    await client.connect().catch(() => undefined);
    expect(states).toEqual(['connecting', 'closed']);
  });
});

describe('reconnect policy', () => {
  it('draws full-jitter delays under a doubling cap and resets', () => {
    let draw = 0.999;
    const policy = new ReconnectPolicy({ initialDelayMs: 100, maxDelayMs: 1000, random: () => draw });
    const caps = [100, 200, 400, 800, 1000, 1000];
    for (const cap of caps) {
      expect(policy.nextCapMs).toBe(cap);
      expect(policy.nextDelayMs()).toBe(Math.floor(0.999 * cap));
    }
    draw = 0;
    expect(policy.nextDelayMs()).toBe(0);
    expect(policy.nextDelayMs(250)).toBe(250);
    expect(policy.attempts).toBe(8);
    policy.reset();
    expect(policy.nextCapMs).toBe(100);
  });

  it("waits at least the gateway's delay, up to maxRetryAfterMs", () => {
    const policy = new ReconnectPolicy({ initialDelayMs: 100, random: () => 0.5, maxRetryAfterMs: 5000 });
    expect(policy.nextDelayMs(10)).toBe(50);
    expect(policy.nextDelayMs(4000)).toBe(4000);
    expect(policy.nextDelayMs(90_000)).toBe(5000);
    expect(new ReconnectPolicy({ random: () => 0 }).nextDelayMs(600_000)).toBe(300_000);
  });

  it('reads Retry-After in seconds or as an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(describeUnexpectedResponse(429, '{}', '2', now)).toMatchObject({ httpStatus: 429, retryAfterMs: 2000 });
    expect(describeUnexpectedResponse(400, '').retryAfterMs).toBeUndefined();
  });

  it('takes only the options object\'s own fields, as before (inherited ones are ignored)', () => {
    const inherited = Object.create({ maxAttempts: 1, enabled: false }) as { initialDelayMs?: number };
    inherited.initialDelayMs = 5;
    const policy = new ReconnectPolicy(inherited);
    expect(policy.options).toMatchObject({ enabled: true, maxAttempts: Number.POSITIVE_INFINITY, initialDelayMs: 5 });
  });

  it('resolves reconnect: false and no reconnect option to shared frozen options with the defaults', () => {
    expect(new ReconnectPolicy(RECONNECT_DISABLED).options).toEqual({ ...DEFAULT_RECONNECT, enabled: false });
    expect(new ReconnectPolicy(RECONNECT_DISABLED).canRetry).toBe(false);
    expect(new ReconnectPolicy(RECONNECT_DEFAULTS).options).toBe(DEFAULT_RECONNECT);
    expect(new ReconnectPolicy(RECONNECT_DISABLED).options).toBe(new ReconnectPolicy(RECONNECT_DISABLED).options);
    expect(Object.isFrozen(new ReconnectPolicy(RECONNECT_DISABLED).options)).toBe(true);
    expect(new ReconnectPolicy({}).options).not.toBe(DEFAULT_RECONNECT);
  });

  it('stops when disabled or exhausted', () => {
    expect(new ReconnectPolicy({ enabled: false }).canRetry).toBe(false);
    const policy = new ReconnectPolicy({ maxAttempts: 1 });
    expect(policy.canRetry).toBe(true);
    policy.nextDelayMs();
    expect(policy.canRetry).toBe(false);
  });
});
