import { defineMethod } from '@gatewire/protocol';
import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { connectClient, connectParams, errorOf, startTestGateway } from './helpers/fixtures';
import { approveNode, connectNode } from './helpers/nodes';

const deploy = defineMethod('app.deploy', {
  params: Type.Object({ target: Type.String(), force: Type.Optional(Type.Boolean()) }),
  result: Type.Object({ deployed: Type.String() }),
  scope: ['operator.write', 'operator.approvals'],
  authorize: (params, caller) => {
    if (params.target === 'forbidden') return false;
    if (params.target === 'broken') throw new Error('check crashed');
    return params.force === true && !caller.hasScope('operator.admin') ? ['operator.admin'] : undefined;
  },
});

const ping = defineMethod('app.ping', {
  params: Type.Object({}),
  result: Type.Object({ pong: Type.Boolean() }),
  scope: 'operator.read',
  rateLimit: { maxCalls: 2, windowMs: 60_000 },
});

describe('method authorization', () => {
  it('requires every scope of a definition and runs its authorize check before the handler', async () => {
    const target = await startTestGateway();
    const ran: string[] = [];
    target.gateway.method(deploy, ({ target: name }) => {
      ran.push(name);
      return { deployed: name };
    });
    const { client: writer } = await connectClient(target, connectParams({ scopes: ['operator.write'] }));
    expect(errorOf(await writer.request('app.deploy', { target: 'web' }))).toEqual({
      code: 'FORBIDDEN',
      message: 'missing scope: operator.approvals',
      details: { code: 'MISSING_SCOPE', missingScope: 'operator.approvals', requiredScopes: ['operator.write', 'operator.approvals'] },
    });

    const { client: approver } = await connectClient(target, connectParams({ scopes: ['operator.write', 'operator.approvals'] }));
    expect(await approver.request('app.deploy', { target: 'web' })).toMatchObject({ ok: true, payload: { deployed: 'web' } });
    expect(errorOf(await approver.request('app.deploy', { target: 'db', force: true }))).toMatchObject({
      code: 'FORBIDDEN',
      details: { code: 'MISSING_SCOPE', missingScope: 'operator.admin', requiredScopes: ['operator.admin'] },
    });
    expect(errorOf(await approver.request('app.deploy', { target: 'forbidden' }))).toEqual({
      code: 'FORBIDDEN',
      message: 'not authorized: app.deploy',
      details: { code: 'NOT_AUTHORIZED' },
    });
    expect(errorOf(await approver.request('app.deploy', { target: 'broken' }))).toMatchObject({ code: 'UNAVAILABLE', details: { code: 'HANDLER_FAILED' } });

    const { client: admin } = await connectClient(target);
    expect(await admin.request('app.deploy', { target: 'db', force: true })).toMatchObject({ ok: true });
    expect(ran).toEqual(['web', 'db']);
  });

  it('makes node.invoke of a dangerous command demand operator.admin, even on an approved node', async () => {
    const target = await startTestGateway();
    const { client: admin } = await connectClient(target);
    const { node, nodeId } = await connectNode(target, { commands: ['echo', 'system.run'] });
    await approveNode(admin, nodeId);
    const { client: writer } = await connectClient(target, connectParams({ scopes: ['operator.write'] }));
    const refused = await writer.request('node.invoke', { nodeId, command: 'system.run', params: { argv: ['id'] }, idempotencyKey: 'w1' });
    expect(errorOf(refused)).toEqual({
      code: 'FORBIDDEN',
      message: 'missing scope: operator.admin',
      details: { code: 'MISSING_SCOPE', missingScope: 'operator.admin', requiredScopes: ['operator.admin'] },
    });

    writer.send({ type: 'req', id: 'echo', method: 'node.invoke', params: { nodeId, command: 'echo', idempotencyKey: 'w2' } });
    expect((await node.nextEvent('node.invoke.request'))['payload']).toMatchObject({ command: 'echo' });
    expect(node.buffered.filter((frame) => frame.event === 'node.invoke.request')).toEqual([]);
    admin.send({ type: 'req', id: 'run', method: 'node.invoke', params: { nodeId, command: 'system.run', idempotencyKey: 'a1' } });
    expect((await node.nextEvent('node.invoke.request'))['payload']).toMatchObject({ command: 'system.run' });
  });

  it('honours nodePairing.dangerousCommands for node.invoke', async () => {
    const target = await startTestGateway({ nodePairing: { dangerousCommands: ['camera.snap'] } });
    const { client: admin } = await connectClient(target);
    const { nodeId } = await connectNode(target, { commands: ['camera.snap'] });
    await approveNode(admin, nodeId);
    const { client: writer } = await connectClient(target, connectParams({ scopes: ['operator.write'] }));
    expect(errorOf(await writer.request('node.invoke', { nodeId, command: 'camera.snap', idempotencyKey: 'c' })).details).toMatchObject({ missingScope: 'operator.admin' });
  });
});

describe('method rate limits', () => {
  it('answers UNAVAILABLE with retryAfterMs once a caller spent its budget, without running the handler', async () => {
    const target = await startTestGateway();
    let runs = 0;
    target.gateway.method(ping, () => {
      runs += 1;
      return { pong: true };
    });
    const { client } = await connectClient(target);
    expect(await client.request('app.ping')).toMatchObject({ ok: true });
    expect(await client.request('app.ping')).toMatchObject({ ok: true });
    const limited = errorOf(await client.request('app.ping'));
    expect(limited).toMatchObject({
      code: 'UNAVAILABLE',
      message: 'rate limit exceeded for app.ping; retry after 60s',
      retryable: true,
      details: { code: 'RATE_LIMITED', method: 'app.ping', limit: '2 per 60s' },
    });
    expect(limited.retryAfterMs).toBeGreaterThan(59_000);
    expect(limited.retryAfterMs).toBeLessThanOrEqual(60_000);
    expect(runs).toBe(2);
    const { client: sameAddress } = await connectClient(target);
    expect(errorOf(await sameAddress.request('app.ping')).details).toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('limits the built-in control-plane writes to 30 per minute per caller', async () => {
    const target = await startTestGateway();
    const { client } = await connectClient(target);
    for (let call = 0; call < 30; call += 1) {
      expect(errorOf(await client.request('node.pair.reject', { requestId: `r${call}` })).code).toBe('APPROVAL_NOT_FOUND');
    }
    expect(errorOf(await client.request('node.pair.reject', { requestId: 'r30' }))).toMatchObject({
      code: 'UNAVAILABLE',
      retryable: true,
      details: { code: 'RATE_LIMITED', method: 'node.pair.reject', limit: '30 per 60s' },
    });
    expect(await client.request('node.pair.list')).toMatchObject({ ok: true });
  });
});
