import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileNodePairingStore } from '../src/index';
import { connectClient, connectParams, errorOf, onCleanup, startTestGateway } from './helpers/fixtures';
import { approveNode, connectNode, pendingRequestOf } from './helpers/nodes';

type Listed = Record<string, unknown> & { nodeId: string };

async function listNodes(operator: Awaited<ReturnType<typeof connectClient>>['client']): Promise<Listed[]> {
  return ((await operator.request('node.list'))['payload'] as { nodes: Listed[] }).nodes;
}

describe('node pairing', () => {
  it('keeps a new node pending-approval: node.invoke answers UNAVAILABLE PAIRING_CHANGED and never reaches it', async () => {
    const target = await startTestGateway();
    const { client: operator } = await connectClient(target);
    const { node, nodeId } = await connectNode(target);
    const requested = await operator.nextEvent('node.pair.requested');
    expect(requested['payload']).toMatchObject({ nodeId, commands: ['echo', 'slow'], caps: ['camera'], isRepair: false, requiredApproveScopes: ['operator.pairing', 'operator.write'] });

    const refused = await operator.request('node.invoke', { nodeId, command: 'echo', idempotencyKey: 'k1' });
    expect(refused.ok).toBe(false);
    expect(errorOf(refused)).toMatchObject({ code: 'UNAVAILABLE', retryable: true, details: { code: 'PAIRING_CHANGED', nodeId, command: 'echo', approvalState: 'pending-approval' } });
    expect(await node.request('node.event', { event: 'exec.finished' })).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', details: { code: 'PAIRING_CHANGED' } } });
    const [listed] = await listNodes(operator);
    expect(listed).toMatchObject({ nodeId, connected: true, paired: false, approvalState: 'pending-approval', commands: [], pendingDeclaredCommands: ['echo', 'slow'] });
    expect(node.buffered.filter((frame) => frame.event === 'node.invoke.request')).toEqual([]);

    const { requestId } = await pendingRequestOf(operator, nodeId);
    const approved = await operator.request('node.pair.approve', { requestId });
    expect(approved['payload']).toMatchObject({ requestId, node: { nodeId, commands: ['echo', 'slow'] } });
    expect((await operator.nextEvent('node.pair.resolved'))['payload']).toMatchObject({ requestId, nodeId, decision: 'approved' });
    expect((await listNodes(operator))[0]).toMatchObject({ nodeId, paired: true, approvalState: 'approved', commands: ['echo', 'slow'] });

    operator.send({ type: 'req', id: 'inv', method: 'node.invoke', params: { nodeId, command: 'echo', idempotencyKey: 'k2' } });
    const request = await node.nextEvent('node.invoke.request');
    await node.request('node.invoke.result', { id: (request['payload'] as { id: string }).id, nodeId, ok: true, payload: 'hi' });
    expect(await operator.nextMatching((frame) => frame.id === 'inv')).toMatchObject({ ok: true, payload: { payload: 'hi' } });
  });

  it('needs operator.admin to approve a node that declares a dangerous command', async () => {
    const target = await startTestGateway();
    const { client: pairer } = await connectClient(target, connectParams({ scopes: ['operator.pairing', 'operator.write'] }));
    const { nodeId } = await connectNode(target, { commands: ['echo', 'system.run'] });
    const request = await pendingRequestOf(pairer, nodeId);
    expect(request['requiredApproveScopes']).toEqual(['operator.pairing', 'operator.admin']);

    const refused = await pairer.request('node.pair.approve', { requestId: request.requestId });
    expect(errorOf(refused)).toMatchObject({
      code: 'FORBIDDEN',
      message: 'missing scope: operator.admin',
      details: { code: 'MISSING_SCOPE', missingScope: 'operator.admin', requiredScopes: ['operator.pairing', 'operator.admin'] },
    });
    expect((await pendingRequestOf(pairer, nodeId)).requestId).toBe(request.requestId);
    expect(errorOf(await pairer.request('node.invoke', { nodeId, command: 'echo', idempotencyKey: 'k' })).details).toMatchObject({ code: 'PAIRING_CHANGED' });

    const { client: admin } = await connectClient(target);
    expect(await admin.request('node.pair.approve', { requestId: request.requestId })).toMatchObject({ ok: true });
    expect((await listNodes(admin))[0]).toMatchObject({ approvalState: 'approved', commands: ['echo', 'system.run'] });
  });

  it('asks again, with a new request, for commands a paired node adds; the approved ones keep working', async () => {
    const target = await startTestGateway();
    const { client: operator } = await connectClient(target);
    const first = await connectNode(target, { commands: ['echo'] });
    const firstRequest = await pendingRequestOf(operator, first.nodeId);
    await approveNode(operator, first.nodeId);
    first.node.close();
    await first.node.closed;

    const { node, nodeId } = await connectNode(target, { commands: ['echo', 'camera.snap'], device: first.device });
    const repair = await pendingRequestOf(operator, nodeId);
    expect(repair.requestId).not.toBe(firstRequest.requestId);
    expect(repair).toMatchObject({ isRepair: true, commands: ['echo', 'camera.snap'] });
    expect((await listNodes(operator))[0]).toMatchObject({ approvalState: 'pending-approval', commands: ['echo'], pendingDeclaredCommands: ['echo', 'camera.snap'] });
    expect(errorOf(await operator.request('node.invoke', { nodeId, command: 'camera.snap', idempotencyKey: 'a' }))).toMatchObject({
      code: 'UNAVAILABLE',
      details: { code: 'PAIRING_CHANGED', requestId: repair.requestId },
    });
    operator.send({ type: 'req', id: 'old', method: 'node.invoke', params: { nodeId, command: 'echo', idempotencyKey: 'b' } });
    const request = await node.nextEvent('node.invoke.request');
    expect(request['payload']).toMatchObject({ command: 'echo' });

    await operator.request('node.pair.approve', { requestId: repair.requestId });
    operator.send({ type: 'req', id: 'new', method: 'node.invoke', params: { nodeId, command: 'camera.snap', idempotencyKey: 'c' } });
    expect((await node.nextEvent('node.invoke.request'))['payload']).toMatchObject({ command: 'camera.snap' });
  });

  it('lists and describes paired nodes that are offline; read-only callers do not see pending details', async () => {
    const target = await startTestGateway();
    const { client: admin } = await connectClient(target);
    const offline = await connectNode(target, { displayName: 'Offline box' });
    await approveNode(admin, offline.nodeId);
    offline.node.close();
    await offline.node.closed;
    const pending = await connectNode(target, { displayName: 'Pending box' });
    await pendingRequestOf(admin, pending.nodeId);

    const byId = new Map((await listNodes(admin)).map((node) => [node.nodeId, node]));
    expect(byId.get(offline.nodeId)).toMatchObject({ connected: false, paired: true, approvalState: 'approved', displayName: 'Offline box', commands: ['echo', 'slow'] });
    expect(byId.get(pending.nodeId)).toMatchObject({ connected: true, approvalState: 'pending-approval', pendingRequestId: expect.any(String) });
    expect(await admin.request('node.describe', { nodeId: offline.nodeId })).toMatchObject({ ok: true, payload: { nodeId: offline.nodeId, connected: false, approvalState: 'approved' } });

    const { client: reader } = await connectClient(target, connectParams({ scopes: ['operator.read'] }));
    const seen = new Map((await listNodes(reader)).map((node) => [node.nodeId, node]));
    expect(seen.get(pending.nodeId)).toMatchObject({ approvalState: 'pending-approval' });
    expect(seen.get(pending.nodeId)).not.toHaveProperty('pendingRequestId');
    expect(seen.get(pending.nodeId)).not.toHaveProperty('pendingDeclaredCommands');
    expect(errorOf(await reader.request('node.pair.list'))).toMatchObject({ code: 'FORBIDDEN', details: { code: 'MISSING_SCOPE', missingScope: 'operator.pairing' } });
  });

  it('rejects, renames and removes: a removed node is closed 4001 and forgotten', async () => {
    const target = await startTestGateway();
    const { client: operator } = await connectClient(target);
    const rejected = await connectNode(target);
    const { requestId } = await pendingRequestOf(operator, rejected.nodeId);
    expect((await operator.request('node.pair.reject', { requestId }))['payload']).toEqual({ requestId, nodeId: rejected.nodeId });
    expect((await operator.nextEvent('node.pair.resolved'))['payload']).toMatchObject({ requestId, decision: 'rejected' });
    expect((await operator.request('node.describe', { nodeId: rejected.nodeId }))['payload']).toMatchObject({ approvalState: 'unapproved', paired: false, commands: [] });
    expect(errorOf(await operator.request('node.pair.approve', { requestId }))).toMatchObject({ code: 'APPROVAL_NOT_FOUND', details: { requestId } });
    expect(errorOf(await operator.request('node.invoke', { nodeId: rejected.nodeId, command: 'echo', idempotencyKey: 'r' })).details).toMatchObject({ code: 'PAIRING_CHANGED' });

    const { node, nodeId } = await connectNode(target);
    await approveNode(operator, nodeId);
    expect((await operator.request('node.rename', { nodeId, displayName: '  Kitchen  ' }))['payload']).toEqual({ nodeId, displayName: 'Kitchen' });
    expect((await operator.request('node.describe', { nodeId }))['payload']).toMatchObject({ displayName: 'Kitchen', connected: true });
    expect(errorOf(await operator.request('node.rename', { nodeId: 'nope', displayName: 'x' }))).toMatchObject({ code: 'INVALID_REQUEST', details: { nodeId: 'nope' } });

    expect((await operator.request('node.pair.remove', { nodeId }))['payload']).toEqual({ nodeId });
    expect(await node.closed).toEqual({ code: 4001, reason: 'node removed' });
    expect((await operator.nextMatching((frame) => frame.event === 'node.pair.resolved' && (frame['payload'] as { decision: string }).decision === 'removed'))['payload']).toMatchObject({ nodeId, requestId: '' });
    expect((await listNodes(operator)).map((listed) => listed.nodeId)).not.toContain(nodeId);
    expect(errorOf(await operator.request('node.pair.remove', { nodeId }))).toMatchObject({ code: 'INVALID_REQUEST', details: { nodeId } });
  });

  it('keeps approvals in a file store across a gateway restart', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'gatewire-nodes-'));
    onCleanup(() => rm(directory, { recursive: true, force: true }));
    const path = join(directory, 'nodes.json');
    const first = await startTestGateway({ nodePairing: { store: new FileNodePairingStore(path) } });
    const { client: operator } = await connectClient(first);
    const { node, nodeId, device } = await connectNode(first);
    await approveNode(operator, nodeId);
    node.close();
    await first.gateway.close();
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ version: 1, nodes: [{ nodeId, commands: ['echo', 'slow'] }], requests: [] });

    const second = await startTestGateway({ nodePairing: { store: new FileNodePairingStore(path) } });
    const { client: again } = await connectClient(second);
    expect((await listNodes(again))[0]).toMatchObject({ nodeId, connected: false, paired: true });
    const reconnected = await connectNode(second, { device });
    expect((await listNodes(again))[0]).toMatchObject({ nodeId, connected: true, approvalState: 'approved' });
    again.send({ type: 'req', id: 'inv', method: 'node.invoke', params: { nodeId, command: 'echo', idempotencyKey: 'k' } });
    expect((await reconnected.node.nextEvent('node.invoke.request'))['payload']).toMatchObject({ command: 'echo' });
  });
});
