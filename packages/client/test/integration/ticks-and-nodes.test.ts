import { describe, expect, it } from 'vitest';
import { DeviceIdentity, deviceAuth } from '../../src/device';
import { nodeInvoke } from '../../src/node-invoke';
import { GatewayClient, GatewayRequestError, type InvokeContext } from '../../src/index';
import { track } from '../helpers/cleanup';
import { startRealGateway, TOKEN } from '../helpers/real-gateway';

describe('tick watchdog against @gatewire/server', () => {
  it('adopts the short tickIntervalMs and stays connected while ticks arrive', async () => {
    const { url } = await startRealGateway({ tickIntervalMs: 100 });
    const client = track(new GatewayClient({ url, auth: { token: TOKEN }, reconnect: false }));
    let disconnects = 0;
    client.on('disconnected', () => (disconnects += 1));
    const hello = await client.connect();
    expect(hello.policy.tickIntervalMs).toBe(100);
    const seqs: Array<number | undefined> = [];
    await new Promise<void>((resolve) => {
      client.onEvent('tick', (payload, context) => {
        expect(payload.ts).toEqual(expect.any(Number));
        seqs.push(context.seq);
        if (seqs.length === 4) resolve();
      });
    });
    expect(disconnects).toBe(0);
    expect(client.state).toBe('connected');
  });
});

describe('node mode against @gatewire/server', () => {
  it('round-trips node.invoke and cancels the handler when the invoke times out', async () => {
    const { url } = await startRealGateway();
    const node = track(
      new GatewayClient({ url, role: 'node', commands: ['echo', 'wait'], nodeInvoke: nodeInvoke(), auth: { token: TOKEN }, deviceAuth: deviceAuth({ device: await DeviceIdentity.generate() }), reconnect: false }),
    );
    const cancelled = new Promise<InvokeContext>((resolve) => {
      node.handleInvoke('wait', (_params, context) => {
        return new Promise((_done, reject) => {
          context.signal.addEventListener('abort', () => {
            resolve(context);
            reject(new Error('cancelled'));
          });
        });
      });
    });
    node.handleInvoke<{ text: string }>('echo', (params, context) => ({ echoed: params.text, command: context.command }));
    const nodeHello = await node.connect();
    expect(nodeHello.auth.role).toBe('node');

    const operator = track(new GatewayClient({ url, auth: { token: TOKEN }, reconnect: false }));
    await operator.connect();
    // A new node waits for an operator's approval (node pairing) before node.invoke reaches it.
    const { pending } = await operator.request('node.pair.list');
    await operator.request('node.pair.approve', { requestId: pending[0]?.requestId ?? '' });
    const { nodes } = await operator.request('node.list');
    const nodeId = nodes[0]?.nodeId ?? '';
    expect(nodeId).toBe(node.device?.deviceId);

    const result = await operator.request('node.invoke', { nodeId, command: 'echo', params: { text: 'hi' }, idempotencyKey: 'inv-1' });
    expect(result).toMatchObject({ ok: true, nodeId, command: 'echo', payload: { echoed: 'hi', command: 'echo' } });

    const failure = await operator
      .request('node.invoke', { nodeId, command: 'wait', timeoutMs: 80, idempotencyKey: 'inv-2' })
      .catch((caught: unknown) => caught);
    const context = await cancelled;
    expect(context.signal.aborted).toBe(true);
    expect(context.invokeId).toEqual(expect.any(String));
    expect(GatewayRequestError.isInstance(failure, 'UNAVAILABLE')).toBe(true);
    expect((failure as GatewayRequestError).detailCode).toBe('TIMEOUT');
  });
});
