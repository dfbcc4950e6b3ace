import { describe, expect, it } from 'vitest';
import { createTestDevice, signConnect } from '@gatewire/test-harness';
import { connectParams, connectClient, errorOf, startTestGateway } from './helpers/fixtures';
import { approveNode, connectApprovedNode, connectNode } from './helpers/nodes';

describe('nodes', () => {
  it('admits a v3 node-mode node (the N-1 window) and answers protocol 4', async () => {
    const target = await startTestGateway();
    const device = await createTestDevice();
    const params = connectParams({ role: 'node', minProtocol: 3, maxProtocol: 3, scopes: [], client: { id: 'node-host', version: '1', platform: 'linux', mode: 'node' } });
    const { hello } = await connectClient(target, (challenge) => signConnect(params, device, challenge));
    expect(hello).toMatchObject({ protocol: 4, auth: { role: 'node' } });
  });

  it('lists and describes connected nodes', async () => {
    const target = await startTestGateway();
    const { nodeId, operator } = await connectApprovedNode(target);
    const list = (await operator.request('node.list'))['payload'] as { nodes: Array<Record<string, unknown>> };
    expect(list.nodes).toEqual([
      expect.objectContaining({ nodeId, commands: ['echo', 'slow'], caps: ['camera'], connected: true, displayName: 'Build box', approvalState: 'approved' }),
    ]);
    expect(list.nodes[0]).not.toHaveProperty('connId');
    expect(await operator.request('node.describe', { nodeId })).toMatchObject({ ok: true, payload: { nodeId, platform: 'linux' } });
    expect(errorOf(await operator.request('node.describe', { nodeId: 'nope' })).code).toBe('INVALID_REQUEST');
  });

  it('round-trips node.invoke through node.invoke.request and node.invoke.result', async () => {
    const target = await startTestGateway();
    const { node, nodeId, operator } = await connectApprovedNode(target);
    operator.send({ type: 'req', id: 'inv', method: 'node.invoke', params: { nodeId, command: 'echo', params: { x: 1 }, timeoutMs: 5000, idempotencyKey: 'k1' } });
    const request = await node.nextEvent('node.invoke.request');
    expect(request.seq).toBeUndefined();
    const payload = request['payload'] as { id: string; nodeId: string; command: string; paramsJSON: string; timeoutMs: number; idempotencyKey: string };
    expect(payload).toMatchObject({ nodeId, command: 'echo', paramsJSON: '{"x":1}', idempotencyKey: 'k1' });
    expect(payload.timeoutMs).toBeGreaterThan(4000);
    expect(payload.timeoutMs).toBeLessThanOrEqual(5000);
    const ack = await node.request('node.invoke.result', { id: payload.id, nodeId, ok: true, payload: { y: 2 } });
    expect(ack).toMatchObject({ ok: true, payload: { ok: true } });
    const result = await operator.nextMatching((frame) => frame.id === 'inv');
    expect(result['payload']).toEqual({ ok: true, nodeId, command: 'echo', payload: { y: 2 }, payloadJSON: null });
  });

  it('fails with TIMEOUT and cancels the node when it does not answer in time', async () => {
    const target = await startTestGateway();
    const { node, nodeId, operator } = await connectApprovedNode(target);
    const response = await operator.request('node.invoke', { nodeId, command: 'slow', timeoutMs: 50, idempotencyKey: 'k2' });
    expect(errorOf(response)).toMatchObject({ code: 'UNAVAILABLE', details: { code: 'TIMEOUT', nodeId, command: 'slow' }, retryable: true });
    const request = await node.nextEvent('node.invoke.request');
    const cancel = await node.nextEvent('node.invoke.cancel');
    expect(cancel['payload']).toEqual({ invokeId: (request['payload'] as { id: string }).id, nodeId, reason: 'timeout' });
  });

  it('cancels the node invoke when the caller disconnects', async () => {
    const target = await startTestGateway();
    const { node, nodeId, operator } = await connectApprovedNode(target);
    operator.send({ type: 'req', id: 'inv', method: 'node.invoke', params: { nodeId, command: 'slow', idempotencyKey: 'k3' } });
    const request = await node.nextEvent('node.invoke.request');
    operator.close();
    const cancel = await node.nextEvent('node.invoke.cancel');
    expect(cancel['payload']).toEqual({ invokeId: (request['payload'] as { id: string }).id, nodeId, reason: 'caller disconnected' });
    expect(cancel.seq).toBeUndefined();
  });

  it('fails pending invokes with UNAVAILABLE when the node disconnects', async () => {
    const target = await startTestGateway();
    const { node, nodeId, operator } = await connectApprovedNode(target);
    operator.send({ type: 'req', id: 'inv', method: 'node.invoke', params: { nodeId, command: 'slow', idempotencyKey: 'k4' } });
    await node.nextEvent('node.invoke.request');
    node.close();
    const response = await operator.nextMatching((frame) => frame.id === 'inv');
    expect(errorOf(response)).toMatchObject({ code: 'UNAVAILABLE', details: { code: 'UNAVAILABLE' } });
    expect(errorOf(await operator.request('node.invoke', { nodeId, command: 'echo', idempotencyKey: 'k5' })).message).toMatch(/not connected/);
  });

  it('fails pending invokes with ROUTE_CHANGED (retryable) when the node went away after reconnecting on another connection', async () => {
    const target = await startTestGateway();
    const { client: operator } = await connectClient(target);
    const first = await connectNode(target);
    await approveNode(operator, first.nodeId);
    operator.send({ type: 'req', id: 'inv', method: 'node.invoke', params: { nodeId: first.nodeId, command: 'slow', idempotencyKey: 'r1' } });
    await first.node.nextEvent('node.invoke.request');
    const second = await connectNode(target, { device: first.device });
    first.node.close();
    const response = await operator.nextMatching((frame) => frame.id === 'inv');
    expect(errorOf(response)).toMatchObject({ code: 'UNAVAILABLE', retryable: true, details: { code: 'ROUTE_CHANGED', nodeId: first.nodeId, command: 'slow' } });
    // The retry reaches the node on its new connection.
    operator.send({ type: 'req', id: 'retry', method: 'node.invoke', params: { nodeId: first.nodeId, command: 'slow', idempotencyKey: 'r1' } });
    const request = await second.node.nextEvent('node.invoke.request');
    await second.node.request('node.invoke.result', { id: (request['payload'] as { id: string }).id, nodeId: first.nodeId, ok: true, payload: 'done' });
    expect(await operator.nextMatching((frame) => frame.id === 'retry')).toMatchObject({ ok: true, payload: { payload: 'done' } });
  });

  it('refuses commands the node did not declare and relays node errors', async () => {
    const target = await startTestGateway();
    const { node, nodeId, operator } = await connectApprovedNode(target);
    expect(errorOf(await operator.request('node.invoke', { nodeId, command: 'rm', idempotencyKey: 'k6' })).code).toBe('INVALID_REQUEST');
    operator.send({ type: 'req', id: 'inv', method: 'node.invoke', params: { nodeId, command: 'echo', idempotencyKey: 'k7' } });
    const request = await node.nextEvent('node.invoke.request');
    const id = (request['payload'] as { id: string }).id;
    await node.request('node.invoke.result', { id, nodeId, ok: false, error: { code: 'E_BOOM', message: 'disk full' } });
    expect(errorOf(await operator.nextMatching((frame) => frame.id === 'inv'))).toMatchObject({ code: 'UNAVAILABLE', message: 'disk full', details: { code: 'E_BOOM' } });
  });

  it('returns the first result for a repeated idempotency key', async () => {
    const target = await startTestGateway();
    const { node, nodeId, operator } = await connectApprovedNode(target);
    const params = { nodeId, command: 'echo', idempotencyKey: 'same' };
    operator.send({ type: 'req', id: 'one', method: 'node.invoke', params });
    const request = await node.nextEvent('node.invoke.request');
    await node.request('node.invoke.result', { id: (request['payload'] as { id: string }).id, nodeId, ok: true, payloadJSON: '{"v":1}' });
    const first = await operator.nextMatching((frame) => frame.id === 'one');
    expect(first['payload']).toEqual({ ok: true, nodeId, command: 'echo', payload: { v: 1 }, payloadJSON: '{"v":1}' });
    const second = await operator.request('node.invoke', params);
    expect(second['payload']).toEqual(first['payload']);
    expect(node.buffered.filter((frame) => frame.event === 'node.invoke.request')).toEqual([]);
  });

  it('hands node.event to the host and reports whether it was handled', async () => {
    const target = await startTestGateway();
    const { node } = await connectApprovedNode(target);
    expect((await node.request('node.event', { event: 'exec.finished' }))['payload']).toEqual({ ok: true, event: 'exec.finished', handled: false, reason: 'no_handler' });
    const seen = new Promise<unknown>((resolve) => target.gateway.on('node-event', (event) => resolve(event.payload)));
    expect((await node.request('node.event', { event: 'exec.finished', payloadJSON: '{"code":0}' }))['payload']).toEqual({ ok: true, event: 'exec.finished', handled: true });
    expect(await seen).toEqual({ code: 0 });
    expect(errorOf(await node.request('status'))).toEqual({ code: 'INVALID_REQUEST', message: 'unauthorized role: node' });
    expect(await node.request('health')).toMatchObject({ ok: true });
  });
});
