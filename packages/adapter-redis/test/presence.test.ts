import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, connectParams, startClusterGateway } from './helpers/cluster';
import { type Frame, RedisServer } from '@gatewire/test-harness';

let redis: RedisServer;
beforeAll(async () => {
  redis = await RedisServer.start();
});
afterAll(async () => {
  await redis.kill();
});

interface PresenceFrame {
  presence: Array<{ reason?: string; instanceId?: string; mode?: string }>;
}

const tracked = (instanceId: string) => connectParams({ client: { id: 'gateway-client', version: '1.0.0', platform: 'linux', mode: 'ui', instanceId } });

function presenceOf(frame: Frame): PresenceFrame['presence'] {
  return (frame['payload'] as PresenceFrame).presence;
}

describe('presence across gateways', () => {
  it('is cluster-wide: a client on one gateway appears on another, within 1 s, with versions that only grow', async () => {
    const first = await startClusterGateway(redis.url, {}, { cluster: 'presence' });
    const second = await startClusterGateway(redis.url, {}, { cluster: 'presence' });
    const watcher = await connect(second.url);
    const snapshot = watcher.hello['snapshot'] as { presence: PresenceFrame['presence']; stateVersion: { presence: number } };
    expect(snapshot.presence.filter((entry) => entry.reason === 'self')).toHaveLength(2);
    const startedAt = Date.now();
    await connect(first.url, tracked('laptop'));
    const event = await watcher.client.nextMatching((frame) => frame.event === 'presence' && presenceOf(frame).some((entry) => entry.instanceId === 'laptop'));
    expect(Date.now() - startedAt).toBeLessThan(1_000);
    const version = (event['stateVersion'] as { presence: number }).presence;
    expect(version).toBeGreaterThan(snapshot.stateVersion.presence);
    const listed = (await watcher.client.request('system-presence'))['payload'] as PresenceFrame['presence'];
    expect(listed.some((entry) => entry.instanceId === 'laptop')).toBe(true);
    expect(second.adapter.listPresence().some((entry) => entry.instanceId === 'laptop')).toBe(true);
  });

  it('drops a gracefully closed gateway at once, and the others announce it', async () => {
    const first = await startClusterGateway(redis.url, {}, { cluster: 'bye' });
    const second = await startClusterGateway(redis.url, {}, { cluster: 'bye' });
    const watcher = await connect(second.url);
    await connect(first.url, tracked('phone'));
    await watcher.client.nextMatching((frame) => frame.event === 'presence' && presenceOf(frame).some((entry) => entry.instanceId === 'phone'));
    const closedAt = Date.now();
    await first.close();
    const event = await watcher.client.nextMatching((frame) => frame.event === 'presence' && !presenceOf(frame).some((entry) => entry.instanceId === 'phone'));
    expect(Date.now() - closedAt).toBeLessThan(1_000);
    expect(presenceOf(event).filter((entry) => entry.reason === 'self')).toHaveLength(1);
    expect(second.adapter.listPresence().some((entry) => entry.instanceId === 'phone')).toBe(false);
  });
});
