import { RESUME_CAPABILITY, defineEvent, defineEvents, defineMethod } from '@gatewire/protocol';
import { Type } from '@sinclair/typebox';
import { describe, expect, it, vi } from 'vitest';
import type { GatewayErrorEvent, Instrumentation, InstrumentationEvents } from '../src/index';
import { connectClient, connectParams, errorOf, handshake, startTestGateway } from './helpers/fixtures';
import { connectApprovedNode } from './helpers/nodes';

const appEvents = defineEvents(
  defineEvent('app.note', { payload: Type.Object({ n: Type.Integer() }), scope: 'operator.read' }),
  defineEvent('app.bulk', { payload: Type.Object({ blob: Type.String() }), scope: 'everyone', droppable: true }),
  defineEvent('app.critical', { payload: Type.Object({ blob: Type.String() }), scope: 'everyone' }),
);
const wait = defineMethod('app.wait', { params: Type.Object({}), result: Type.Object({ done: Type.Boolean() }), scope: 'operator.write' });

type Recorded = { [K in keyof InstrumentationEvents]: Array<Parameters<InstrumentationEvents[K]>[0]> };

/** Record every instrumentation event of a gateway, by name. */
function record(instrumentation: Instrumentation): Recorded {
  const recorded: Recorded = {
    'connection-opened': [],
    'connection-closed': [],
    handshake: [],
    'upgrade-refused': [],
    request: [],
    busy: [],
    'slow-consumer': [],
    resume: [],
    'node-invoke': [],
    'auth-lockout': [],
    broadcast: [],
  };
  for (const name of Object.keys(recorded) as Array<keyof InstrumentationEvents>) {
    instrumentation.on(name, ((event: never) => (recorded[name] as unknown[]).push(event)) as never);
  }
  return recorded;
}

describe('instrumentation events', () => {
  it('reports handshakes, connections, requests and upgrade refusals, and counts sockets by state', async () => {
    const target = await startTestGateway({ auth: { mode: 'token', token: 'secret-token' }, maxConnections: 2 });
    const recorded = record(target.gateway.instrumentation);
    const { client } = await connectClient(target, connectParams({ auth: { token: 'secret-token' } }));
    const refused = await target.open();
    await handshake(refused, connectParams({ auth: { token: 'wrong' } }));
    await refused.closed;
    // The client sees the close before the gateway's socket reports it: wait for the gateway's side.
    await vi.waitFor(() => expect(recorded['connection-closed']).toHaveLength(1));
    await client.request('health');
    await client.request('no.such.method');
    const waiting = await target.open();
    await expect(target.open()).rejects.toThrow(/503/);

    expect(recorded.handshake).toEqual([
      expect.objectContaining({ outcome: 'ok', role: 'operator', errorCode: undefined, refusalCode: undefined }),
      expect.objectContaining({ outcome: 'refused', role: undefined, errorCode: 'INVALID_REQUEST', refusalCode: 'AUTH_TOKEN_MISMATCH', closeCode: 1008 }),
    ]);
    expect(recorded['connection-opened'].map((event) => event.connection.client.mode)).toEqual(['backend']);
    expect(recorded['connection-closed']).toEqual([expect.objectContaining({ state: 'authenticating', code: 1008, connection: undefined, clientIp: '127.0.0.1' })]);
    expect(recorded.request).toEqual([
      expect.objectContaining({ method: 'health', registered: true, outcome: 'ok', errorCode: undefined }),
      expect.objectContaining({ method: 'no.such.method', registered: false, outcome: 'refused', errorCode: 'INVALID_REQUEST' }),
    ]);
    expect(recorded.request[0]?.durationMs).toBeGreaterThanOrEqual(0);
    expect(recorded['upgrade-refused']).toEqual([{ status: 503, type: 'connection_limit', clientIp: '127.0.0.1' }]);
    expect(target.gateway.instrumentation.snapshot().connections).toEqual({ operator: 1, node: 0, awaitingConnect: 1, authenticating: 0 });

    waiting.close();
    await waiting.closed;
    client.close();
    await vi.waitFor(() => expect(recorded['connection-closed']).toHaveLength(3));
    expect(recorded['connection-closed'].slice(1)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ state: 'awaiting-connect', connection: undefined }),
        expect.objectContaining({ state: 'open', connection: expect.objectContaining({ role: 'operator' }) }),
      ]),
    );
  });

  it('reports each broadcast delivered to this gateway, once, whatever the number of recipients', async () => {
    const target = await startTestGateway({ events: appEvents });
    const recorded = record(target.gateway.instrumentation);
    await connectClient(target);
    await connectClient(target);
    target.gateway.broadcast('app.note', { n: 1 });
    target.gateway.broadcast('app.bulk', { blob: 'x' });
    expect(recorded.broadcast).toEqual([
      { event: 'app.note', scope: 'operator.read', sequenced: true },
      { event: 'app.bulk', scope: 'everyone', sequenced: true },
    ]);
  });

  it('reports a slow consumer, and counts sent and dropped events and buffered bytes', async () => {
    const target = await startTestGateway({ events: appEvents, maxBufferedBytes: 64 * 1024 });
    const recorded = record(target.gateway.instrumentation);
    const slow = await connectClient(target);
    const socket = (slow.client.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    socket.pause();
    const blob = 'z'.repeat(256 * 1024);
    for (let round = 0; round < 400 && target.gateway.instrumentation.snapshot().events.dropped === 0; round += 1) {
      target.gateway.broadcast('app.bulk', { blob });
      await new Promise((resolve) => setImmediate(resolve));
    }
    const behind = target.gateway.instrumentation.snapshot();
    expect(behind.events.dropped).toBeGreaterThan(0);
    expect(behind.events.sent).toBeGreaterThan(0);
    expect(behind.bufferedBytes.total).toBeGreaterThan(64 * 1024);
    expect(behind.bufferedBytes.max).toBe(behind.bufferedBytes.total);
    target.gateway.broadcast('app.critical', { blob: 'last' });
    socket.resume();
    expect(await slow.client.closed).toEqual({ code: 1008, reason: 'slow consumer' });
    expect(recorded['slow-consumer']).toEqual([expect.objectContaining({ role: 'operator', clientIp: '127.0.0.1' })]);
    expect(recorded['slow-consumer'][0]?.bufferedBytes).toBeGreaterThan(64 * 1024);
    expect(target.gateway.instrumentation.snapshot().slowConsumerCloses).toBe(1);
  });

  it('reports busy answers with the bound that was full, and the queue depth', async () => {
    const target = await startTestGateway({ maxConcurrentHandlers: 1, maxQueuedRequests: 1 });
    const recorded = record(target.gateway.instrumentation);
    const releases: Array<() => void> = [];
    target.gateway.method(wait, () => new Promise((resolve) => releases.push(() => resolve({ done: true }))));
    const { client } = await connectClient(target);
    client.send({ type: 'req', id: 'a', method: 'app.wait' });
    client.send({ type: 'req', id: 'b', method: 'app.wait' });
    await vi.waitFor(() => expect(target.gateway.instrumentation.snapshot().queueDepth).toBe(1));
    expect(target.gateway.instrumentation.snapshot()).toMatchObject({ activeHandlers: 1, pendingRequests: 2 });
    expect(errorOf(await client.request('app.wait')).details).toEqual({ code: 'BUSY' });
    expect(recorded.busy).toEqual([expect.objectContaining({ method: 'app.wait', limit: 'gateway' })]);
    expect(recorded.request.at(-1)).toMatchObject({ method: 'app.wait', outcome: 'busy', errorCode: 'UNAVAILABLE' });
    for (const release of releases.splice(0)) release();
    await client.nextMatching((frame) => frame.id === 'a');
    for (const release of releases.splice(0)) release();
    await client.nextMatching((frame) => frame.id === 'b');
  });

  it('reports an auth lockout', async () => {
    const target = await startTestGateway({ auth: { mode: 'token', token: 'secret-token' }, trustedProxies: ['127.0.0.1'], authRateLimit: { maxFailures: 2, lockoutMs: 60_000 } });
    const recorded = record(target.gateway.instrumentation);
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const client = await target.open({ headers: { 'X-Forwarded-For': '203.0.113.7' } });
      await handshake(client, connectParams({ auth: { token: 'nope' } }));
    }
    expect(recorded['auth-lockout']).toEqual([{ clientIp: '203.0.113.7', lockedForMs: 60_000 }]);
  });

  it('reports node invokes with their outcome and resumes with the events replayed', async () => {
    const target = await startTestGateway({ events: appEvents });
    const recorded = record(target.gateway.instrumentation);
    const { node, nodeId, operator } = await connectApprovedNode(target);
    operator.send({ type: 'req', id: 'inv', method: 'node.invoke', params: { nodeId, command: 'echo', idempotencyKey: 'k1' } });
    const request = await node.nextEvent('node.invoke.request');
    await node.request('node.invoke.result', { id: (request['payload'] as { id: string }).id, nodeId, ok: true, payload: {} });
    await operator.nextMatching((frame) => frame.id === 'inv');
    await operator.request('node.invoke', { nodeId: 'absent', command: 'echo', idempotencyKey: 'k2' });
    expect(recorded['node-invoke']).toEqual([
      expect.objectContaining({ nodeId, command: 'echo', outcome: 'ok' }),
      expect.objectContaining({ nodeId: 'absent', command: 'echo', outcome: 'UNAVAILABLE' }),
    ]);

    const { client, hello } = await connectClient(target, connectParams({ caps: [RESUME_CAPABILITY] }));
    target.gateway.broadcast('app.note', { n: 1 });
    target.gateway.broadcast('app.note', { n: 2 });
    await client.nextMatching((frame) => frame.event === 'app.note' && (frame['payload'] as { n: number }).n === 2);
    const connId = (hello['server'] as { connId: string }).connId;
    const answer = await client.request('gateway.resume', { previousConnId: connId, lastSeq: 0 });
    const replayed = (answer['payload'] as { replayed: number }).replayed;
    expect(replayed).toBeGreaterThanOrEqual(2);
    await client.request('gateway.resume', { previousConnId: 'nobody', lastSeq: 0 });
    expect(recorded.resume).toEqual([
      { connId, outcome: 'recovered', replayed },
      { connId, outcome: 'unknown-connection', replayed: 0 },
    ]);
    expect(target.gateway.instrumentation.snapshot().events.replayed).toBe(replayed);
  });

  it('reports a throwing listener as a gateway error and still answers the call', async () => {
    const errors: GatewayErrorEvent[] = [];
    const target = await startTestGateway({ listeners: { error: (event) => errors.push(event) } });
    target.gateway.instrumentation.on('request', () => {
      throw new Error('listener broke');
    });
    const { client } = await connectClient(target);
    expect(await client.request('health')).toMatchObject({ ok: true });
    expect(errors.map((event) => (event.error as Error).message)).toEqual(['listener broke']);
  });

  it('builds no event for an event nobody listens to', () => {
    return startTestGateway().then((target) => {
      const { instrumentation } = target.gateway;
      // (`busy`: the gateway's own monitor feed listens to `request`, see test/monitor-feed.test.ts.)
      expect(instrumentation.wants('busy')).toBe(false);
      const off = () => {};
      instrumentation.on('busy', off);
      expect(instrumentation.wants('busy')).toBe(true);
      instrumentation.off('busy', off);
      expect(instrumentation.wants('busy')).toBe(false);
    });
  });
});
