import { describe, expect, it } from 'vitest';
import { connectParams, connectClient, errorOf, handshake, startTestGateway } from './helpers/fixtures';
import { RawClient } from '@gatewire/test-harness';

const TOKEN = 'test-token-123';

describe('handshake', () => {
  it('sends connect.challenge first, without seq', async () => {
    const target = await startTestGateway();
    const client = await target.open();
    const frame = await client.next();
    expect(frame.type).toBe('event');
    expect(frame.event).toBe('connect.challenge');
    expect(frame.seq).toBeUndefined();
    const payload = frame['payload'] as { nonce: string; ts: number };
    expect(payload.nonce).toMatch(/^[0-9a-f-]{36}$/);
    expect(Number.isSafeInteger(payload.ts)).toBe(true);
  });

  it('answers a connect asking for scopes named like Object.prototype members, and keeps serving', async () => {
    // Found by the fuzz suite: scope `constructor` reached Object.prototype in expandScopes and
    // rejected the connect path instead of answering.
    const target = await startTestGateway({ auth: { mode: 'token', token: TOKEN } });
    const { hello } = await connectClient(target, connectParams({ auth: { token: TOKEN }, scopes: ['constructor', '__proto__', 'toString'] }));
    expect(hello['type']).toBe('hello-ok');
    const { hello: next } = await connectClient(target, connectParams({ auth: { token: TOKEN } }));
    expect(next['type']).toBe('hello-ok');
  });

  it('answers hello-ok with server, features, snapshot, auth and policy', async () => {
    const target = await startTestGateway({ auth: { mode: 'token', token: TOKEN }, capabilities: ['x-cap'] });
    const { hello } = await connectClient(target, connectParams({ auth: { token: TOKEN } }));
    expect(hello['type']).toBe('hello-ok');
    expect(hello['protocol']).toBe(4);
    const server = hello['server'] as Record<string, string>;
    expect(server['connId']).toMatch(/^[0-9a-f-]{36}$/);
    expect(server['bootId']).toBe(target.gateway.bootId);
    const features = hello['features'] as { methods: string[]; events: string[]; capabilities: string[] };
    expect(features.methods).toEqual(expect.arrayContaining(['health', 'status', 'system-presence', 'node.invoke', 'device.pair.approve']));
    expect(features.methods).not.toContain('connect');
    expect(features.events).toEqual(expect.arrayContaining(['connect.challenge', 'tick', 'presence', 'shutdown']));
    expect(features.capabilities).toEqual(['x-cap', 'gatewire.resume.v1']);
    const snapshot = hello['snapshot'] as Record<string, unknown>;
    expect(snapshot['stateVersion']).toEqual({ presence: 1, health: 1 });
    expect(snapshot['authMode']).toBe('token');
    expect((snapshot['presence'] as Array<{ reason: string }>)[0]?.reason).toBe('self');
    expect(hello['auth']).toEqual({ role: 'operator', scopes: ['operator.admin'], method: 'token' });
    expect(hello['policy']).toEqual({ maxPayload: 26214400, maxBufferedBytes: 52428800, tickIntervalMs: 30000 });
  });

  it('closes 1000 without an answer when the first frame is not JSON', async () => {
    const target = await startTestGateway();
    const client = await target.open();
    await client.nextEvent('connect.challenge');
    client.send('{not json');
    expect(await client.closed).toEqual({ code: 1000, reason: '' });
    expect(client.buffered).toEqual([]);
  });

  it('closes 1008 "invalid request frame" when the first frame is not a request', async () => {
    const target = await startTestGateway();
    const client = await target.open();
    await client.nextEvent('connect.challenge');
    client.send({ type: 'event', event: 'hello' });
    expect(await client.closed).toEqual({ code: 1008, reason: 'invalid request frame' });
  });

  it('refuses a first request that is not connect', async () => {
    const target = await startTestGateway();
    const client = await target.open();
    await client.nextEvent('connect.challenge');
    const response = await client.request('health', {}, 'h1');
    expect(response).toMatchObject({ type: 'res', id: 'h1', ok: false });
    expect(errorOf(response)).toEqual({ code: 'INVALID_REQUEST', message: 'invalid handshake: first request must be connect' });
    expect(await client.closed).toEqual({ code: 1008, reason: 'invalid handshake: first request must be connect' });
  });

  it('refuses connect params with an unknown property', async () => {
    const target = await startTestGateway();
    const client = await target.open();
    const { response } = await handshake(client, { ...connectParams(), extra: 1 } as never);
    const message = "invalid connect params: at root: unexpected property 'extra'";
    expect(errorOf(response)).toEqual({ code: 'INVALID_REQUEST', message });
    expect(await client.closed).toEqual({ code: 1008, reason: message });
  });

  it('closes 1000 with an empty reason when the handshake times out', async () => {
    const target = await startTestGateway({ handshakeTimeoutMs: 100 });
    const client = await target.open();
    await client.nextEvent('connect.challenge');
    expect(await client.closed).toEqual({ code: 1000, reason: '' });
  });

  it('closes 1009 on a first frame over 64 KiB', async () => {
    const target = await startTestGateway();
    const client = await target.open();
    await client.nextEvent('connect.challenge');
    client.send({ type: 'req', id: 'big', method: 'connect', params: { pad: 'x'.repeat(70_000) } });
    expect((await client.closed).code).toBe(1009);
  });

  it('refuses a protocol window without v4 with PROTOCOL_MISMATCH and close 1002', async () => {
    const target = await startTestGateway();
    const client = await target.open();
    const { response } = await handshake(client, connectParams({ minProtocol: 3, maxProtocol: 3 }));
    expect(errorOf(response)).toEqual({
      code: 'INVALID_REQUEST',
      message: 'protocol mismatch',
      details: { code: 'PROTOCOL_MISMATCH', clientMinProtocol: 3, clientMaxProtocol: 3, expectedProtocol: 4, minimumProbeProtocol: 3 },
    });
    expect(await client.closed).toEqual({ code: 1002, reason: 'protocol mismatch' });
  });

  it('admits a v3 probe (the probe window)', async () => {
    const target = await startTestGateway();
    const { hello } = await connectClient(
      target,
      connectParams({ minProtocol: 3, maxProtocol: 3, client: { id: 'openclaw-probe', version: '1', platform: 'linux', mode: 'probe' } }),
    );
    expect(hello['protocol']).toBe(4);
  });

  it('refuses an unknown role with "invalid role" and close 1008', async () => {
    const target = await startTestGateway();
    const client = await target.open();
    const { response } = await handshake(client, connectParams({ role: 'admin' }));
    expect(errorOf(response)).toEqual({ code: 'INVALID_REQUEST', message: 'invalid role' });
    expect(await client.closed).toEqual({ code: 1008, reason: 'invalid role' });
  });

  it('refuses a foreign browser origin with CONTROL_UI_ORIGIN_NOT_ALLOWED', async () => {
    const target = await startTestGateway({ allowedOrigins: ['https://app.example'] });
    const client = await target.open({ origin: 'https://evil.example' });
    const { response } = await handshake(client, connectParams());
    const error = errorOf(response);
    expect(error.code).toBe('INVALID_REQUEST');
    expect(error.message).toMatch(/^origin not allowed \(/);
    expect(error.details?.['code']).toBe('CONTROL_UI_ORIGIN_NOT_ALLOWED');
    const closed = await client.closed;
    expect(closed.code).toBe(1008);
    expect(closed.reason).toBe(error.message);
  });

  it('truncates a long refusal message to 120 bytes in the close reason', async () => {
    const target = await startTestGateway();
    const client = await target.open({ origin: `https://${'é'.repeat(20)}${'x'.repeat(150)}.example` });
    const { response } = await handshake(client, connectParams());
    const message = errorOf(response).message;
    expect(Buffer.byteLength(message)).toBeGreaterThan(120);
    const closed = await client.closed;
    expect(Buffer.byteLength(closed.reason)).toBeLessThanOrEqual(120);
    expect(message.startsWith(closed.reason)).toBe(true);
  });

  it('admits an allowed origin and a loopback origin from a local client, and tells handlers the origin', async () => {
    const target = await startTestGateway({ allowedOrigins: ['https://app.example'] });
    const origins: Array<string | undefined> = [];
    target.gateway.on('connection', ({ connection }) => origins.push(connection.origin));
    await connectClient(target, connectParams(), { origin: 'https://app.example' });
    await connectClient(target, connectParams(), { origin: 'http://localhost:5173' });
    await connectClient(target, connectParams());
    expect(origins).toEqual(['https://app.example', 'http://localhost:5173', undefined]);
  });

  it('refuses forwarding headers from a loopback peer without a trusted proxy with HTTP 403', async () => {
    const target = await startTestGateway();
    const refused = RawClient.open(target.url, { headers: { 'X-Forwarded-For': '203.0.113.7' } });
    await expect(refused).rejects.toMatchObject({ status: 403 });
    const error = (await refused.catch((caught: { body: string; headers: Record<string, string> }) => caught)) as { body: string; headers: Record<string, string> };
    expect(JSON.parse(error.body)).toEqual({ error: { message: 'gateway ingress attribution required', type: 'proxy_attribution_required' } });
    expect(error.headers['x-content-type-options']).toBe('nosniff');
  });


  it('refuses sockets over the global connection limit with HTTP 503', async () => {
    const target = await startTestGateway({ maxConnections: 1 });
    await connectClient(target);
    await expect(RawClient.open(target.url)).rejects.toMatchObject({ status: 503 });
  });

  it('queues frames sent while connect is processed and replays them after hello-ok', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const target = await startTestGateway({ authenticate: async () => (await gate, { ok: true }) });
    const client = await target.open();
    await client.nextEvent('connect.challenge');
    client.send({ type: 'req', id: 'c1', method: 'connect', params: connectParams() });
    client.send({ type: 'req', id: 'q1', method: 'health' });
    client.send({ type: 'req', id: 'q2', method: 'health' });
    release();
    const hello = await client.next();
    expect(hello).toMatchObject({ type: 'res', id: 'c1', ok: true });
    // Right after hello-ok, before the queued frames are answered: the health event, seq 1.
    expect(await client.next()).toMatchObject({ type: 'event', event: 'health', seq: 1, payload: { ok: true } });
    expect(await client.next()).toMatchObject({ type: 'res', id: 'q1', ok: true });
    expect(await client.next()).toMatchObject({ type: 'res', id: 'q2', ok: true });
  });

  it('answers connect and all 40 frames pipelined behind it in one write (default options)', async () => {
    const target = await startTestGateway();
    const client = await target.open();
    await client.nextEvent('connect.challenge');
    const tcp = (client.ws as unknown as { _socket: { cork(): void; uncork(): void } })._socket;
    tcp.cork();
    client.send({ type: 'req', id: 'c1', method: 'connect', params: connectParams() });
    for (let index = 0; index < 40; index += 1) client.send({ type: 'req', id: `q${index}`, method: 'health' });
    tcp.uncork();
    expect(await client.nextMatching((frame) => frame.id === 'c1')).toMatchObject({ type: 'res', ok: true });
    for (let index = 0; index < 40; index += 1) {
      expect(await client.nextMatching((frame) => frame.id === `q${index}`)).toMatchObject({ type: 'res', ok: true });
    }
  });

  it('closes 1008 when the frames queued during connect exceed maxPendingHandshakeBytes', async () => {
    const target = await startTestGateway({ authenticate: () => new Promise(() => {}), maxPendingHandshakeBytes: 4096 });
    const client = await target.open();
    await client.nextEvent('connect.challenge');
    client.send({ type: 'req', id: 'c1', method: 'connect', params: connectParams() });
    // 1,000 bytes of frame plus 64 of accounting each: the 4th frame would take the queue past 4,096.
    const frame = (index: number) => JSON.stringify({ type: 'req', id: `q${index}`, method: 'health', params: { pad: 'p'.repeat(900) } }).padEnd(1000, ' ');
    for (let index = 0; index < 3; index += 1) client.send(frame(index));
    client.send(frame(3));
    expect(await client.closed).toEqual({ code: 1008, reason: 'too many pending handshake frames' });
  });

  it('answers a second connect with "connect is only valid as the first request"', async () => {
    const target = await startTestGateway();
    const { client } = await connectClient(target);
    const response = await client.request('connect', connectParams());
    expect(errorOf(response)).toEqual({ code: 'INVALID_REQUEST', message: 'connect is only valid as the first request' });
  });

  it('answers non-request frames after the handshake and keeps the socket open', async () => {
    const target = await startTestGateway();
    const { client } = await connectClient(target);
    client.send({ type: 'event', event: 'x', id: 'e1' });
    const first = await client.next();
    expect(first).toMatchObject({ type: 'res', id: 'e1', ok: false });
    expect(errorOf(first).code).toBe('INVALID_REQUEST');
    expect(errorOf(first).message).toMatch(/^invalid request frame: /);
    client.send('garbage');
    const second = await client.next();
    expect(second).toMatchObject({ type: 'res', id: 'invalid', ok: false });
    expect(errorOf(second).message).toMatch(/^invalid request frame: /);
    expect(await client.request('health')).toMatchObject({ ok: true });
  });

  it('echoes an id of any length in the answer to a malformed request', async () => {
    const target = await startTestGateway();
    const { client } = await connectClient(target);
    const id = 'i'.repeat(5000);
    client.send({ type: 'req', id, method: 42 });
    const answer = await client.nextMatching((frame) => frame.type === 'res');
    expect(answer.id).toBe(id);
    expect(errorOf(answer)).toMatchObject({ code: 'INVALID_REQUEST' });
    expect(errorOf(answer).message).toMatch(/^invalid request frame: at \/method: /);
  });

  it('closes 1009 on a frame over maxPayloadBytes after the handshake', async () => {
    const target = await startTestGateway({ maxPayloadBytes: 100_000 });
    const { client } = await connectClient(target);
    client.send({ type: 'req', id: 'x', method: 'health', params: { pad: 'y'.repeat(80_000) } });
    const small = await client.next();
    expect(small).toMatchObject({ id: 'x', ok: false });
    client.send({ type: 'req', id: 'y', method: 'health', params: { pad: 'y'.repeat(120_000) } });
    expect((await client.closed).code).toBe(1009);
  });
});
