import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DeviceIdentity, deviceAuth, GatewayClient, nodeInvoke } from '@gatewire/client/node';
import { afterEach, describe, expect, it } from 'vitest';
import { ExitCodes } from '../src/exit-codes';
import { runCli, startCli, tempHome, type StartedGateway } from './helpers/spawn-cli';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

interface ListedNode {
  nodeId: string;
  connected: boolean;
  approvalState?: string;
  commands: string[];
}

async function connectNode(url: string, token: string, device: DeviceIdentity): Promise<GatewayClient> {
  const node = new GatewayClient({ url, role: 'node', commands: ['echo', 'system.run'], nodeInvoke: nodeInvoke(), auth: { token }, deviceAuth: deviceAuth({ device }), client: { id: 'node-host', displayName: 'builder' }, reconnect: false });
  cleanups.push(() => node.close());
  await node.connect();
  return node;
}

describe('gatewire nodes (real binary)', () => {
  it('lists a pending node, approves it with admin (system.run), keeps the approval across a restart and removes the node', async () => {
    const home = await tempHome();
    cleanups.push(home.cleanup);
    const env = { GATEWIRE_HOME: home.dir };
    const start = async (): Promise<StartedGateway> => {
      const started = await startCli(['--port', '0', '--log-level', 'warn'], env);
      cleanups.push(started.stop);
      return started;
    };
    let gateway = await start();
    const cli = (args: string[]) => runCli([...args, '--url', gateway.url], env);
    const listed = async () => (JSON.parse((await cli(['nodes', 'list', '--json'])).stdout) as { nodes: ListedNode[] }).nodes;
    const token = (await readFile(join(home.dir, 'token'), 'utf8')).trim();
    const device = await DeviceIdentity.generate();
    const node = await connectNode(gateway.url, token, device);
    const nodeId = device.deviceId;

    const pending = await cli(['nodes', 'pending', '--json']);
    expect(pending.code).toBe(ExitCodes.OK);
    const [request] = JSON.parse(pending.stdout) as Array<{ requestId: string }>;
    expect(request).toMatchObject({ nodeId, commands: ['echo', 'system.run'], requiredApproveScopes: ['operator.pairing', 'operator.admin'] });
    const requestId = request?.requestId ?? '';
    expect((await cli(['nodes', 'pending'])).stdout).toBe(
      `Pending (1)\n  ${requestId}  node ${nodeId}  builder  commands echo,system.run  needs operator.pairing + operator.admin\n`,
    );
    expect(await listed()).toEqual([expect.objectContaining({ nodeId, connected: true, approvalState: 'pending-approval', commands: [], pendingRequestId: requestId })]);

    const approved = await cli(['nodes', 'approve', requestId, '--json']);
    expect(approved.code).toBe(ExitCodes.OK);
    expect(JSON.parse(approved.stdout)).toMatchObject({ requestId, node: { nodeId, commands: ['echo', 'system.run'] } });
    expect((await cli(['nodes', 'list'])).stdout).toBe(`Nodes (1)\n  ${nodeId}  builder  connected  approved  commands echo,system.run\n`);

    const unknownReject = await cli(['nodes', 'reject', 'no-such-request']);
    expect(unknownReject.code).toBe(ExitCodes.REQUEST_FAILED);
    expect(unknownReject.stderr).toMatch(/APPROVAL_NOT_FOUND: unknown node pairing request: no-such-request/);
    const unknownApprove = await cli(['nodes', 'approve', 'no-such-request', '--json']);
    expect(unknownApprove.code).toBe(ExitCodes.REQUEST_FAILED);
    expect(JSON.parse(unknownApprove.stdout)).toMatchObject({ ok: false, error: { code: 'APPROVAL_NOT_FOUND', exitCode: ExitCodes.REQUEST_FAILED } });

    // The approval lives in $GATEWIRE_HOME/nodes.json: after a restart the node is listed offline, and
    // it serves its commands again as soon as it reconnects.
    const restarted = new Promise<number>((resolve) => node.once('disconnected', (event) => resolve(event.code)));
    await gateway.stop();
    expect(await restarted).toBe(1012);
    gateway = await start();
    expect(await listed()).toEqual([expect.objectContaining({ nodeId, connected: false, approvalState: 'approved', commands: ['echo', 'system.run'] })]);
    const again = await connectNode(gateway.url, token, device);
    expect(await listed()).toEqual([expect.objectContaining({ nodeId, connected: true, approvalState: 'approved' })]);

    const closed = new Promise<number>((resolve) => again.once('disconnected', (event) => resolve(event.code)));
    const removed = await cli(['nodes', 'remove', nodeId, '--json']);
    expect(removed.code).toBe(ExitCodes.OK);
    expect(JSON.parse(removed.stdout)).toEqual({ nodeId });
    expect(await closed).toBe(4001);
    const missing = await cli(['nodes', 'remove', nodeId]);
    expect(missing.code).toBe(ExitCodes.REQUEST_FAILED);
    expect(missing.stderr).toMatch(/unknown node: [0-9a-f]{64}/);
  }, 120_000);
});
