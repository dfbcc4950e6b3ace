import { DeviceIdentity, deviceAuth, GatewayClient, GatewayClientError, MemoryIdentityStore } from '@gatewire/client/node';
import { describe, expect, it } from 'vitest';
import { RedisDeviceStore } from '../src/redis-device-store';
import { useRedisServer } from './harness/redis-fixture';
import { connect, onCleanup, startClusterGateway, type Frame } from './helpers/cluster';

/**
 * Device pairing events across two gateways on the Redis adapter, each with its own RedisDeviceStore
 * on one real redis-server: a request made through one gateway is announced to the operators of the
 * other, and its resolution made through the other is announced back.
 */

const { server, connection } = useRedisServer();
const REMOTE_IP = '198.51.100.21';

function pairEvent(event: string, requestId: string): (frame: Frame) => boolean {
  return (frame) => frame.event === event && (frame['payload'] as { requestId?: string }).requestId === requestId;
}

describe('device pairing across gateways (Redis adapter, RedisDeviceStore, real redis-server)', () => {
  it('device.pair.requested made through A reaches an operator of B; device.pair.resolved of its approval through B reaches an operator of A', async () => {
    const gateways = [];
    for (let index = 0; index < 2; index++) {
      const deviceStore = new RedisDeviceStore({ redis: await connection(), cluster: 'device-events' });
      gateways.push(await startClusterGateway(server().url, { deviceStore, trustedProxies: ['127.0.0.1'] }, { cluster: 'device-events' }));
    }
    const [a, b] = gateways;
    if (a === undefined || b === undefined) throw new Error('two gateways');
    const { client: operatorA } = await connect(a.url);
    const { client: operatorB } = await connect(b.url);

    // A device that looks remote (X-Forwarded-For through the trusted loopback proxy) asks through A.
    const identity = await DeviceIdentity.generate();
    const device = new GatewayClient({ url: a.url, reconnect: false, deviceAuth: deviceAuth({ identityStore: new MemoryIdentityStore(identity) }), scopes: ['operator.read'], headers: { 'X-Forwarded-For': REMOTE_IP } });
    onCleanup(() => device.close());
    const refused = await device.connect().catch((error: unknown) => error);
    expect(GatewayClientError.isInstance(refused, 'PAIRING_REQUIRED')).toBe(true);
    const requestId = (refused as GatewayClientError).pairingRequestId as string;
    expect(requestId).toEqual(expect.any(String));

    const requested = await operatorB.nextMatching(pairEvent('device.pair.requested', requestId));
    expect(requested['payload']).toMatchObject({ requestId, deviceId: identity.deviceId });

    const approved = await operatorB.request('device.pair.approve', { requestId });
    expect(approved.ok).toBe(true);
    const resolved = await operatorA.nextMatching(pairEvent('device.pair.resolved', requestId));
    expect(resolved['payload']).toMatchObject({ requestId, deviceId: identity.deviceId, decision: 'approved' });

    // The approval is the cluster's: the device now connects through A, where it asked.
    const hello = await device.connect();
    expect(hello.auth.deviceToken).toEqual(expect.any(String));
  });
});
