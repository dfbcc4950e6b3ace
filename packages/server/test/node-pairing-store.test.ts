import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NodePairRequest } from '@gatewire/protocol';
import { describe, expect, it } from 'vitest';
import { FileNodePairingStore, MemoryNodePairingStore, type NodePairingStore } from '../src/index';
import { onCleanup } from './helpers/fixtures';

function request(requestId: string): NodePairRequest {
  return { requestId, nodeId: 'n1', caps: [], commands: ['echo'], isRepair: false, requiredApproveScopes: ['operator.pairing', 'operator.write'], ts: 1 };
}

async function fileStore(): Promise<NodePairingStore> {
  const directory = await mkdtemp(join(tmpdir(), 'gatewire-node-store-'));
  onCleanup(() => rm(directory, { recursive: true, force: true }));
  return new FileNodePairingStore(join(directory, 'nodes.json'));
}

describe.each([
  ['MemoryNodePairingStore', async (): Promise<NodePairingStore> => new MemoryNodePairingStore()],
  ['FileNodePairingStore', fileStore],
])('%s.takeRequest', (_name, create) => {
  it('removes and returns a request; of concurrent takes exactly one gets it', async () => {
    const store = await create();
    await store.putRequest(request('r1'));
    const taken = await Promise.all([store.takeRequest('r1'), store.takeRequest('r1'), store.takeRequest('r1')]);
    expect(taken.filter((entry) => entry !== undefined)).toEqual([request('r1')]);
    expect(await store.getRequest('r1')).toBeUndefined();
    expect(await store.listRequests()).toEqual([]);
    expect(await store.takeRequest('never-there')).toBeUndefined();
  });
});
