import { RESUME_CAPABILITY, type CoreMethods } from '@gatewire/protocol';
import type { ConnectionInfo } from '@gatewire/server';
import { describe, expect, it } from 'vitest';
import { GatewayClient, type GatewayClientOptions, type ResyncContext } from '../../src/index';
import { track } from '../helpers/cleanup';
import { Recorder, streamEvents, Ticker, type StreamEvents } from '../helpers/event-stream';
import { portOf, startRealGateway, TOKEN } from '../helpers/real-gateway';
import { TcpProxy } from '../helpers/tcp-proxy';
import { nextEvent as nextEventOf } from '../helpers/wait';

/** `nextEvent` for a client typed with the stream's event map. */
function nextEvent<K extends 'hello' | 'resync'>(client: GatewayClient<CoreMethods, StreamEvents> | GatewayClient, event: K) {
  return nextEventOf(client as unknown as GatewayClient, event);
}

const FAST_RECONNECT = { initialDelayMs: 5, maxDelayMs: 20 };

function streamClient(url: string, options: GatewayClientOptions<StreamEvents> = {}): GatewayClient<CoreMethods, StreamEvents> {
  return track(new GatewayClient<CoreMethods, StreamEvents>({ url, auth: { token: TOKEN }, reconnect: FAST_RECONNECT, ...options }));
}

function resyncs(client: GatewayClient<CoreMethods, StreamEvents>): ResyncContext[] {
  const seen: ResyncContext[] = [];
  client.on('resync', (context) => seen.push(context));
  return seen;
}

/** Stop the ticker and wait until the recorder saw its last number; returns it. */
async function finish(ticker: Ticker, ...recorders: Recorder[]): Promise<number> {
  const last = ticker.stop();
  await Promise.all(recorders.map((recorder) => recorder.reach(last)));
  return last;
}

describe('lossless reconnect against @gatewire/server', () => {
  it('negotiates resume only when the gateway offers it', async () => {
    const offered = await startRealGateway({ events: streamEvents });
    const seen: ConnectionInfo[] = [];
    offered.gateway.on('connection', ({ connection }) => seen.push(connection));
    await streamClient(offered.url).connect();
    await streamClient(offered.url, { resume: false }).connect();
    const plain = await startRealGateway({ events: streamEvents, resume: false });
    plain.gateway.on('connection', ({ connection }) => seen.push(connection));
    await streamClient(plain.url).connect();
    expect(seen.map((info) => info.caps.includes(RESUME_CAPABILITY))).toEqual([true, false, false]);
  });

  it('(a) survives the gateway dropping its socket: every event exactly once, in order', async () => {
    const gateway = await startRealGateway({ events: streamEvents });
    const client = streamClient(gateway.url);
    const recorder = new Recorder(client);
    const lost = resyncs(client);
    await client.connect();
    const ticker = new Ticker(gateway);
    for (let drop = 0; drop < 3; drop += 1) {
      await ticker.advance(15);
      const reconnected = nextEvent(client, 'hello');
      gateway.gateway.disconnect(client.hello!.server.connId, 1012, 'test drop');
      await reconnected;
    }
    await ticker.advance(15);
    const last = await finish(ticker, recorder);
    expect(recorder.problems(last)).toEqual({ lost: 0, duplicated: 0, outOfOrder: false });
    expect(lost).toEqual([]);
  });

  it('(b) survives a network stall longer than the tick window (watchdog 4000, reconnect through the proxy)', async () => {
    const gateway = await startRealGateway({ events: streamEvents, tickIntervalMs: 100 });
    const proxy = await TcpProxy.start(portOf(gateway));
    const client = streamClient(proxy.url);
    const recorder = new Recorder(client);
    const lost = resyncs(client);
    const stalls: unknown[] = [];
    client.on('disconnected', (context) => stalls.push((context.error as { code?: unknown } | undefined)?.code));
    await client.connect();
    const firstConnId = client.hello!.server.connId;
    const ticker = new Ticker(gateway);
    await ticker.advance(10);
    proxy.stall();
    await nextEvent(client, 'hello');
    expect(client.hello!.server.connId).not.toBe(firstConnId);
    await ticker.advance(20);
    const last = await finish(ticker, recorder);
    expect(recorder.problems(last)).toEqual({ lost: 0, duplicated: 0, outOfOrder: false });
    expect(lost).toEqual([]);
    expect(stalls).toEqual(['TICK_TIMEOUT']);
    // The stalled connection was superseded by the resume (its closing handshake cannot finish over the stalled link).
    expect(gateway.gateway.connections().map((info) => info.connId)).toContain(client.hello!.server.connId);
  });

  it('(c) repairs slow-consumer drops (droppable events, TCP backpressure on the gateway)', async () => {
    const gateway = await startRealGateway({ events: streamEvents, maxBufferedBytes: 16 * 1024, resume: { maxBytes: 20 * 1024 * 1024 } });
    const proxy = await TcpProxy.start(portOf(gateway));
    const client = streamClient(proxy.url);
    const recorder = new Recorder(client, 'app.bulk');
    const lost = resyncs(client);
    const gaps: unknown[] = [];
    client.on('gap', (gap) => gaps.push(gap));
    await client.connect();
    const ticker = new Ticker(gateway, { event: 'app.bulk', intervalMs: 1, blobBytes: 16 * 1024 });
    await ticker.advance(10);
    proxy.stopReadingFromGateway();
    while ((await gateway.gateway.status()).events.dropped < 5) await ticker.advance(1);
    proxy.resumeReadingFromGateway();
    await ticker.advance(20);
    const last = await finish(ticker, recorder);
    expect((await gateway.gateway.status()).events.dropped).toBeGreaterThanOrEqual(5);
    expect(recorder.problems(last)).toEqual({ lost: 0, duplicated: 0, outOfOrder: false });
    expect(lost).toEqual([]);
    expect(gaps).toEqual([]);
  });

  it('emits resync after the retention window instead of losing events silently', async () => {
    const gateway = await startRealGateway({ events: streamEvents, resume: { retentionMs: 50 } });
    const proxy = await TcpProxy.start(portOf(gateway));
    const client = streamClient(proxy.url);
    const lost = resyncs(client);
    await client.connect();
    const previous = client.hello!.server.connId;
    proxy.refuseNew(true);
    gateway.gateway.disconnect(previous, 1012, 'test drop');
    gateway.gateway.broadcast('app.count', { n: 1 });
    await new Promise((resolve) => setTimeout(resolve, 120)); // the retention window passes
    proxy.refuseNew(false);
    const resync = await nextEvent(client, 'resync');
    expect(resync).toEqual({ reason: 'expired', connId: previous });
    expect(lost).toHaveLength(1);
  });

  it('emits resync after a gateway restart (the old connection is unknown to the new process)', async () => {
    const first = await startRealGateway({ events: streamEvents });
    const port = portOf(first);
    const client = streamClient(first.url);
    const recorder = new Recorder(client);
    await client.connect();
    const previous = client.hello!.server.connId;
    first.gateway.broadcast('app.count', { n: 1 });
    await recorder.reach(1);
    await first.close();
    const second = await startRealGateway({ events: streamEvents, port });
    const resync = await nextEvent(client, 'resync');
    expect(resync).toEqual({ reason: 'unknown-connection', connId: previous });
    second.gateway.broadcast('app.count', { n: 2 });
    await recorder.reach(2);
    expect(recorder.values).toEqual([1, 2]);
  });

  it('keeps onEvent listeners and node command handlers across reconnects without app code', async () => {
    const gateway = await startRealGateway({ events: streamEvents });
    const { DeviceIdentity, deviceAuth } = await import('../../src/device');
    const { nodeInvoke } = await import('../../src/node-invoke');
    const node = track(new GatewayClient({ url: gateway.url, role: 'node', commands: ['echo'], nodeInvoke: nodeInvoke(), auth: { token: TOKEN }, deviceAuth: deviceAuth({ device: await DeviceIdentity.generate() }), reconnect: FAST_RECONNECT }));
    node.handleInvoke<{ text: string }>('echo', (params) => ({ echoed: params.text }));
    await node.connect();
    const approver = track(new GatewayClient({ url: gateway.url, auth: { token: TOKEN }, reconnect: false }));
    await approver.connect();
    const { pending } = await approver.request('node.pair.list');
    await approver.request('node.pair.approve', { requestId: pending[0]?.requestId ?? '' });
    const operator = streamClient(gateway.url);
    const recorder = new Recorder(operator);
    await operator.connect();
    for (const client of [node, operator] as const) {
      const reconnected = nextEvent(client, 'hello');
      gateway.gateway.disconnect(client.hello!.server.connId, 1012, 'test drop');
      await reconnected;
    }
    gateway.gateway.broadcast('app.count', { n: 1 });
    await recorder.reach(1);
    const nodeId = node.device!.deviceId;
    const result = await operator.request('node.invoke', { nodeId, command: 'echo', params: { text: 'again' }, idempotencyKey: 'after-reconnect' });
    expect(result).toMatchObject({ ok: true, payload: { echoed: 'again' } });
  });
});
