import { createServer } from 'node:http';
import { connect as connectTcp, type AddressInfo } from 'node:net';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createGateway } from '../../src/index';
import { connectClient, connectParams, errorOf, fastOptions, handshake, onCleanup, startTestGateway } from '../helpers/fixtures';
import { RawClient } from '@gatewire/test-harness';
import { measureMemory } from './memory-bound';

const TOKEN = 'hostile-token';

/** Memory a case may add to this process (gateway and its hostile clients together), MiB. */
const MEMORY_CEILING_MIB = 96;

describe('hostile clients over real sockets', () => {
  it('hundreds of sockets that never send connect: at most the per-IP budget stays, the rest evicted 1013, all gone at the handshake timeout', async () => {
    const target = await startTestGateway({ handshakeTimeoutMs: 2_000 });
    const grown = measureMemory('300 sockets that never send connect');
    const sockets: RawClient[] = [];
    for (let index = 0; index < 300; index += 1) sockets.push(await target.open());
    expect((await target.gateway.status()).connections.unauthenticated).toBeLessThanOrEqual(32 + 1);
    const closes = await Promise.all(sockets.map((socket) => socket.closed));
    expect(closes.filter((close) => close.code === 1013)).toHaveLength(300 - 32);
    expect(closes.filter((close) => close.code === 1000)).toHaveLength(32);
    expect(grown().heapMiB).toBeLessThan(MEMORY_CEILING_MIB);
    expect((await connectClient(target)).hello).toMatchObject({ type: 'hello-ok' });
  });

  it('a wrong-token flood from loopback: each refused AUTH_TOKEN_MISMATCH and 1008, never locked out; the right token still gets in', async () => {
    const target = await startTestGateway({ auth: { mode: 'token', token: TOKEN } });
    const grown = measureMemory('200 wrong-token attempts');
    const attempts = await Promise.all(
      Array.from({ length: 200 }, async () => {
        const client = await target.open();
        const { response } = await handshake(client, connectParams({ auth: { token: 'wrong' } }));
        return { detail: (errorOf(response).details as { code?: string }).code, closed: await client.closed };
      }),
    );
    expect(new Set(attempts.map((attempt) => attempt.detail))).toEqual(new Set(['AUTH_TOKEN_MISMATCH']));
    expect(new Set(attempts.map((attempt) => attempt.closed.code))).toEqual(new Set([1008]));
    expect(grown().heapMiB).toBeLessThan(MEMORY_CEILING_MIB);
    expect((await connectClient(target, connectParams({ auth: { token: TOKEN } }))).hello).toMatchObject({ type: 'hello-ok' });
  });

  it('a wrong-token flood from a remote address is locked out: AUTH_RATE_LIMITED with retryAfterMs, even for the right token', async () => {
    const target = await startTestGateway({ auth: { mode: 'token', token: TOKEN }, trustedProxies: ['127.0.0.1'], authRateLimit: { maxFailures: 10 } });
    const remote = { 'X-Forwarded-For': '203.0.113.50' };
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const { response } = await handshake(await target.open({ headers: remote }), connectParams({ auth: { token: 'wrong' } }));
      expect(response.ok).toBe(false);
    }
    const locked = await handshake(await target.open({ headers: remote }), connectParams({ auth: { token: TOKEN } }));
    expect(errorOf(locked.response)).toMatchObject({ details: { code: 'AUTH_RATE_LIMITED' }, retryable: true });
  });

  it('oversized frames: over 64 KiB before auth and over maxPayloadBytes after it close 1009', async () => {
    const target = await startTestGateway({ maxPayloadBytes: 1024 * 1024 });
    const grown = measureMemory('oversized frames (64 KiB + 1 before auth, 1 MiB + 1 after)');
    const early = await target.open();
    early.send('x'.repeat(64 * 1024 + 1));
    expect((await early.closed).code).toBe(1009);
    const { client } = await connectClient(target);
    client.send('y'.repeat(1024 * 1024 + 1));
    expect((await client.closed).code).toBe(1009);
    expect(grown().heapMiB).toBeLessThan(MEMORY_CEILING_MIB);
  });

  it('compression bombs with permessage-deflate on: inflated past the limit, closed 1009, before and after auth', async () => {
    const target = await startTestGateway({ perMessageDeflate: {}, maxPayloadBytes: 1024 * 1024 });
    const grown = measureMemory('compression bombs (16 MiB and 64 MiB of zeros, deflated)');
    // A 16 MiB frame of zeros deflates to ~16 KiB: under the limit on the wire, far over it inflated.
    const small = deflateRawSync(Buffer.alloc(16 * 1024 * 1024, 0x30));
    expect(small.length).toBeLessThan(64 * 1024);
    const early = await openCompressed(target.url);
    const earlyClosed = closedOf(early.ws);
    early.ws.send(Buffer.alloc(16 * 1024 * 1024, 0x30).toString(), { compress: true });
    expect((await earlyClosed).code).toBe(1009);
    const late = await openCompressed(target.url);
    await late.nextMessage();
    late.ws.send(JSON.stringify({ type: 'req', id: 'c1', method: 'connect', params: connectParams() }));
    expect(JSON.parse(await late.nextMessage())).toMatchObject({ id: 'c1', ok: true });
    const lateClosed = closedOf(late.ws);
    late.ws.send(Buffer.alloc(64 * 1024 * 1024, 0x30).toString(), { compress: true });
    expect((await lateClosed).code).toBe(1009);
    expect(grown().heapMiB).toBeLessThan(MEMORY_CEILING_MIB * 2);
    expect((await connectClient(target)).hello).toMatchObject({ type: 'hello-ok' });
  });

  it('id collisions: two requests in flight with one id are both answered, to that id', async () => {
    const target = await startTestGateway();
    const { client } = await connectClient(target);
    client.send({ type: 'req', id: 'same', method: 'health' });
    client.send({ type: 'req', id: 'same', method: 'status' });
    const first = await client.nextMatching((frame) => frame.id === 'same');
    const second = await client.nextMatching((frame) => frame.id === 'same');
    expect([first.ok, second.ok]).toEqual([true, true]);
  });

  it('spoofed Origin, Host and X-Forwarded-For: foreign origin refused, forwarding headers without a trusted proxy refused 403, Host changes nothing', async () => {
    const target = await startTestGateway({ auth: { mode: 'token', token: TOKEN } });
    const foreign = await target.open({ origin: 'https://evil.example' });
    const { response } = await handshake(foreign, connectParams({ auth: { token: TOKEN } }));
    expect((errorOf(response).details as { code?: string }).code).toBe('CONTROL_UI_ORIGIN_NOT_ALLOWED');
    expect((await foreign.closed).code).toBe(1008);
    await expect(RawClient.open(target.url, { headers: { 'X-Forwarded-For': '10.1.2.3' } })).rejects.toMatchObject({ status: 403 });
    await expect(RawClient.open(target.url, { headers: { 'X-Real-IP': '10.1.2.3' } })).rejects.toMatchObject({ status: 403 });
    const plain = await handshake(await target.open(), connectParams());
    const spoofedHost = await handshake(await target.open({ headers: { Host: 'gateway.evil.example' } }), connectParams());
    expect(errorOf(spoofedHost.response)).toEqual(errorOf(plain.response));
    expect(spoofedHost.response.ok).toBe(false);
  });

  it('connection-cap exhaustion: over maxConnections refused with HTTP 503, and a slot freed is usable at once', async () => {
    const target = await startTestGateway({ maxConnections: 50 });
    const grown = measureMemory('50 connections at the cap, 20 refused');
    const held = await Promise.all(Array.from({ length: 50 }, () => connectClient(target)));
    const refused = await Promise.allSettled(Array.from({ length: 20 }, () => RawClient.open(target.url)));
    expect(refused.every((result) => result.status === 'rejected' && (result.reason as { status?: number }).status === 503)).toBe(true);
    const gone = new Promise((resolve) => target.gateway.once('disconnect', resolve));
    held[0]?.client.ws.close();
    await gone;
    expect((await connectClient(target)).hello).toMatchObject({ type: 'hello-ok' });
    expect(grown().heapMiB).toBeLessThan(MEMORY_CEILING_MIB);
  });

  it('slowloris upgrade: a request whose headers never end is cut off by the HTTP server (headersTimeout), others served meanwhile', async () => {
    // The defence is the HTTP server's: Node closes a request whose headers are not complete within
    // `headersTimeout` (60 s by default; checked every `connectionsCheckingInterval`). The test runs
    // its own server with short values, the gateway attached as usual.
    const server = createServer({ headersTimeout: 500, requestTimeout: 1_000, connectionsCheckingInterval: 100 });
    const gateway = createGateway(fastOptions);
    gateway.attach(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    onCleanup(async () => {
      await gateway.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });
    const port = (server.address() as AddressInfo).port;
    const socket = connectTcp(port, '127.0.0.1');
    socket.on('error', () => undefined); // the trickle may write after the server cut the socket (EPIPE)
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n');
    const trickle = setInterval(() => socket.write('X-Slow: 1\r\n'), 100);
    const closed = new Promise((resolve) => socket.once('close', resolve));
    const client = await RawClient.open(`ws://127.0.0.1:${port}/`);
    onCleanup(() => client.close());
    expect(await handshake(client, connectParams())).toMatchObject({ response: { ok: true } });
    await closed;
    clearInterval(trickle);
    expect(socket.destroyed).toBe(true);
  });
});

/** A `ws` client that compresses every frame, with its inbound messages queued from the start. */
async function openCompressed(url: string): Promise<{ ws: WebSocket; nextMessage: () => Promise<string> }> {
  const ws = new WebSocket(url, { perMessageDeflate: { threshold: 0 } });
  const queued: string[] = [];
  const waiting: Array<(text: string) => void> = [];
  ws.on('message', (data) => {
    const text = data.toString();
    const waiter = waiting.shift();
    if (waiter === undefined) queued.push(text);
    else waiter(text);
  });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  expect(ws.extensions).toBe('permessage-deflate');
  const nextMessage = () => {
    const text = queued.shift();
    return text === undefined ? new Promise<string>((resolve) => waiting.push(resolve)) : Promise.resolve(text);
  };
  return { ws, nextMessage };
}

function closedOf(ws: WebSocket): Promise<{ code: number }> {
  return new Promise((resolve) => ws.once('close', (code) => resolve({ code })));
}
