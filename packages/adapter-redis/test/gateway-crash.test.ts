import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayProcess } from './harness/gateway-process';
import { RedisServer, type Frame } from '@gatewire/test-harness';
import { connect, connectApprovedNode, connectParams, eventually, onCleanup, startClusterGateway } from './helpers/cluster';

const script = fileURLToPath(new URL('./fixtures/redis-gateway.mjs', import.meta.url));
/** Lease (5 s) + one renew interval (1 s): the promise for a crashed gateway. */
const EVICTION_BOUND_MS = 6_000;
/** Scheduling slack on a loaded 2-core machine. */
const SLACK_MS = 1_500;

let redis: RedisServer;
beforeAll(async () => {
  redis = await RedisServer.start();
});
afterAll(async () => {
  await redis.kill();
});

function presenceOf(frame: Frame): Array<{ instanceId?: string }> {
  return (frame['payload'] as { presence: Array<{ instanceId?: string }> }).presence;
}

describe('a gateway killed with SIGKILL', () => {
  it('loses its presence and nodes within 6 s, and pending invokes on its nodes fail with a retryable UNAVAILABLE', async () => {
    const survivor = await startClusterGateway(redis.url, {}, { cluster: 'crash' });
    const victim = await GatewayProcess.start({ script, options: { redisUrl: redis.url, cluster: 'crash' } });
    onCleanup(async () => {
      await victim.kill();
    });
    const watcher = await connect(survivor.url);
    await connect(victim.url, connectParams({ client: { id: 'gateway-client', version: '1.0.0', platform: 'linux', mode: 'ui', instanceId: 'on-victim' } }));
    await watcher.client.nextMatching((frame) => frame.event === 'presence' && presenceOf(frame).some((entry) => entry.instanceId === 'on-victim'));

    const { node, nodeId } = await connectApprovedNode(victim.url);
    await eventually(() => survivor.adapter.getNode(nodeId), (route) => route?.commands.includes('echo') === true);
    watcher.client.send({ type: 'req', id: 'inv', method: 'node.invoke', params: { nodeId, command: 'echo', timeoutMs: 30_000, idempotencyKey: 'crash' } });
    await node.nextEvent('node.invoke.request');

    const killedAt = Date.now();
    await victim.kill();
    const failed = await watcher.client.nextMatching((frame) => frame.id === 'inv');
    const failedAfterMs = Date.now() - killedAt;
    expect(failed).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', retryable: true } });
    expect(failedAfterMs).toBeLessThan(EVICTION_BOUND_MS + SLACK_MS);
    const gone = await watcher.client.nextMatching((frame) => frame.event === 'presence' && !presenceOf(frame).some((entry) => entry.instanceId === 'on-victim'));
    expect(Date.now() - killedAt).toBeLessThan(EVICTION_BOUND_MS + SLACK_MS);
    expect(presenceOf(gone).length).toBeGreaterThan(0);
    expect(survivor.adapter.getNode(nodeId)).toBeUndefined();
    expect(survivor.adapter.listPresence().some((entry) => entry.instanceId === 'on-victim')).toBe(false);
  });
});
