import { describe, expect, it } from 'vitest';
import { GatewayClient, type InvokeContext } from '../src/index';
import { nodeInvoke } from '../src/node-invoke';
import { startFakeGateway, track } from './helpers/cleanup';
import type { FakeConnection } from './helpers/fake-gateway';

async function invokeResult(connection: FakeConnection, count: number): Promise<Array<Record<string, unknown>>> {
  for (;;) {
    const results = connection.requests.filter((request) => request.method === 'node.invoke.result');
    if (results.length >= count) return results.map((request) => request.params as Record<string, unknown>);
    await new Promise((resolve) => connection.socket.once('message', resolve));
  }
}

describe('node mode (raw-frame gateway)', () => {
  it('connects as a node with its commands and the v3 window', async () => {
    const gateway = await startFakeGateway({ methods: { 'node.invoke.result': () => ({ ok: true }) } });
    const client = track(new GatewayClient({ url: gateway.url, role: 'node', commands: ['echo'], nodeInvoke: nodeInvoke(), reconnect: false }));
    await client.connect();
    expect(gateway.ready[0]?.params).toMatchObject({ role: 'node', commands: ['echo'], scopes: [], minProtocol: 3, maxProtocol: 4, client: { mode: 'node' } });
  });

  it('answers node.invoke.request with node.invoke.result, errors included', async () => {
    const gateway = await startFakeGateway({ methods: { 'node.invoke.result': () => ({ ok: true }) } });
    const client = track(new GatewayClient({ url: gateway.url, role: 'node', commands: ['echo', 'fail'], nodeInvoke: nodeInvoke(), reconnect: false }));
    client.handleInvoke<{ text: string }>('echo', (params) => ({ echoed: params.text }));
    client.handleInvoke('fail', () => {
      throw Object.assign(new Error('disk full'), { code: 'NO_SPACE' });
    });
    await client.connect();
    const connection = gateway.ready[0]!;
    connection.sendDirect('node.invoke.request', { id: 'i1', nodeId: 'n1', command: 'echo', paramsJSON: JSON.stringify({ text: 'hi' }), timeoutMs: 5000 });
    connection.sendDirect('node.invoke.request', { id: 'i2', nodeId: 'n1', command: 'fail', paramsJSON: null });
    connection.sendDirect('node.invoke.request', { id: 'i3', nodeId: 'n1', command: 'unknown' });
    const results = await invokeResult(connection, 3);
    expect(results).toEqual(
      expect.arrayContaining([
        { id: 'i1', nodeId: 'n1', ok: true, payload: { echoed: 'hi' } },
        { id: 'i2', nodeId: 'n1', ok: false, error: { code: 'NO_SPACE', message: 'disk full' } },
        { id: 'i3', nodeId: 'n1', ok: false, error: { code: 'UNAVAILABLE', message: 'no handler for command unknown' } },
      ]),
    );
  });

  it('aborts the handler on node.invoke.cancel and on disconnect, sending no result for them', async () => {
    const gateway = await startFakeGateway({ methods: { 'node.invoke.result': () => ({ ok: true }) } });
    const client = track(new GatewayClient({ url: gateway.url, role: 'node', commands: ['wait', 'echo'], nodeInvoke: nodeInvoke(), reconnect: { initialDelayMs: 5, maxDelayMs: 10 } }));
    const started: InvokeContext[] = [];
    const bothStarted = deferred();
    const firstAborted = deferred();
    client.handleInvoke('echo', () => 'pong');
    client.handleInvoke('wait', (_params, context) => {
      started.push(context);
      if (started.length === 2) bothStarted.resolve();
      return new Promise((_resolve, reject) => {
        context.signal.addEventListener('abort', () => {
          if (context.invokeId === 'c1') firstAborted.resolve();
          reject(new Error('aborted'));
        });
      });
    });
    await client.connect();
    const connection = gateway.ready[0]!;
    connection.sendDirect('node.invoke.request', { id: 'c1', nodeId: 'n1', command: 'wait' });
    connection.sendDirect('node.invoke.request', { id: 'c2', nodeId: 'n1', command: 'wait' });
    await bothStarted.promise;
    connection.sendDirect('node.invoke.cancel', { invokeId: 'c1', nodeId: 'n1' });
    await firstAborted.promise;
    expect(started[0]?.signal.aborted).toBe(true);
    expect(started[1]?.signal.aborted).toBe(false);
    // A later invoke's result arrives, and still none for the cancelled one.
    connection.sendDirect('node.invoke.request', { id: 'e1', nodeId: 'n1', command: 'echo' });
    expect(await invokeResult(connection, 1)).toEqual([{ id: 'e1', nodeId: 'n1', ok: true, payload: 'pong' }]);

    const disconnected = new Promise<void>((resolve) => client.once('disconnected', () => resolve()));
    connection.close(1012, 'service restart');
    await disconnected;
    expect(started[1]?.signal.aborted).toBe(true);
    expect(connection.requests.filter((request) => request.method === 'node.invoke.result')).toHaveLength(1);
  });
});

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}
