import type { ConnectParams } from '@gatewire/protocol';
import { createTestDevice, signConnect, type TestDevice, type RawClient } from '@gatewire/test-harness';
import { connectClient, connectParams, type TestGateway } from './fixtures';

/** What a test node declares. */
export interface TestNodeOptions {
  commands?: string[];
  caps?: string[];
  displayName?: string;
  device?: TestDevice;
}

/** Connect a node (role `node`, a fresh or given device) and return it with its node id. */
export async function connectNode(target: TestGateway, options: TestNodeOptions = {}): Promise<{ node: RawClient; nodeId: string; device: TestDevice }> {
  const device = options.device ?? (await createTestDevice());
  const params: ConnectParams = connectParams({
    role: 'node',
    scopes: [],
    commands: options.commands ?? ['echo', 'slow'],
    caps: options.caps ?? ['camera'],
    client: { id: 'node-host', version: '1.2.3', platform: 'linux', mode: 'node', displayName: options.displayName ?? 'Build box' },
  });
  const { client } = await connectClient(target, (challenge) => signConnect(params, device, challenge));
  return { node: client, nodeId: device.deviceId, device };
}

/** The pending node pairing request of `nodeId`, read with `node.pair.list` by `operator`. */
export async function pendingRequestOf(operator: RawClient, nodeId: string): Promise<Record<string, unknown> & { requestId: string }> {
  const list = (await operator.request('node.pair.list'))['payload'] as { pending: Array<Record<string, unknown> & { requestId: string; nodeId: string }> };
  const request = list.pending.find((candidate) => candidate.nodeId === nodeId);
  if (request === undefined) throw new Error(`no pending node pairing request for ${nodeId}`);
  return request;
}

/** Approve the pending request of `nodeId` (the operator must hold the scopes it needs). */
export async function approveNode(operator: RawClient, nodeId: string): Promise<void> {
  const { requestId } = await pendingRequestOf(operator, nodeId);
  const response = await operator.request('node.pair.approve', { requestId });
  if (response.ok !== true) throw new Error(`node.pair.approve failed: ${JSON.stringify(response['error'])}`);
}

/** Connect a node and have an admin operator approve it; returns both. */
export async function connectApprovedNode(target: TestGateway, options: TestNodeOptions = {}): Promise<{ node: RawClient; nodeId: string; operator: RawClient }> {
  const connected = await connectNode(target, options);
  const { client: operator } = await connectClient(target);
  await approveNode(operator, connected.nodeId);
  return { node: connected.node, nodeId: connected.nodeId, operator };
}
