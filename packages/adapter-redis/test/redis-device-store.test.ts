import { DeviceIdentity, deviceAuth, GatewayClient, GatewayClientError, MemoryIdentityStore, type NodeGatewayClientOptions } from '@gatewire/client/node';
import type { CoreEvents } from '@gatewire/protocol';
import { MemoryDeviceStore, startGateway, type DeviceRecord, type DeviceStore, type StandaloneGateway } from '@gatewire/server';
import { describe, expect, it } from 'vitest';
import { RedisDeviceStore } from '../src/redis-device-store';
import { useRedisServer } from './harness/redis-fixture';

const TOKEN = 'redis-device-store-test-token';
const REMOTE_IP = '198.51.100.20';

const { connection, afterThisTest } = useRedisServer();

function record(deviceId: string, scopes: string[] = ['operator.read']): DeviceRecord {
  return { deviceId, publicKey: `key-${deviceId}`, roles: ['operator'], scopes, approvedAtMs: 1, tokens: {} };
}

async function gateway(deviceStore: DeviceStore): Promise<StandaloneGateway> {
  const running = await startGateway({ port: 0, auth: { mode: 'token', token: TOKEN }, trustedProxies: ['127.0.0.1'], deviceStore });
  afterThisTest(() => running.close());
  return running;
}

/** A client that looks remote (X-Forwarded-For through the trusted loopback proxy), so pairing needs approval. */
function remoteClient(options: NodeGatewayClientOptions<CoreEvents>): GatewayClient {
  const client = new GatewayClient({ reconnect: false, ...options, headers: { 'X-Forwarded-For': REMOTE_IP } });
  afterThisTest(() => client.close());
  return client;
}

describe('RedisDeviceStore', () => {
  it('stores, lists and deletes devices; two connections see the same devices', async () => {
    const one = new RedisDeviceStore({ redis: await connection(), cluster: 'crud' });
    const two = new RedisDeviceStore({ redis: await connection(), cluster: 'crud' });
    await one.put(record('d1'));
    await one.put(record('d2'));
    expect(await two.get('d1')).toEqual(record('d1'));
    expect((await two.list()).map((device) => device.deviceId).sort()).toEqual(['d1', 'd2']);
    await two.put(record('d1', ['operator.write']));
    expect((await one.get('d1'))?.scopes).toEqual(['operator.write']);
    await two.delete('d1');
    expect(await one.get('d1')).toBeUndefined();
    expect(one.key).toBe('gatewire:{crud}:devices');
  });

  it('keeps clusters apart by keyPrefix and cluster name, and refuses a cluster name with a hash-tag character', async () => {
    const redisConnection = await connection();
    await new RedisDeviceStore({ redis: redisConnection, cluster: 'east' }).put(record('d1'));
    expect(await new RedisDeviceStore({ redis: redisConnection, cluster: 'west' }).get('d1')).toBeUndefined();
    expect(await new RedisDeviceStore({ redis: redisConnection, cluster: 'east', keyPrefix: 'other' }).get('d1')).toBeUndefined();
    expect(() => new RedisDeviceStore({ redis: redisConnection, cluster: 'a:b' })).toThrow(TypeError);
  });

  it('keeps pending pairing requests shared, oldest first; of two concurrent takes only one gets the request', async () => {
    const one = new RedisDeviceStore({ redis: await connection(), cluster: 'pending' });
    const two = new RedisDeviceStore({ redis: await connection(), cluster: 'pending' });
    const request = (requestId: string, ts: number) => ({ requestId, deviceId: `device-${requestId}`, publicKey: 'key', ts });
    await one.putPending(request('r2', 20));
    await one.putPending(request('r1', 10));
    expect(await two.getPending('r1')).toEqual(request('r1', 10));
    expect((await two.listPending()).map((pending) => pending.requestId)).toEqual(['r1', 'r2']);
    const takes = await Promise.all([one.takePending('r1'), two.takePending('r1')]);
    expect(takes.filter((taken) => taken !== undefined)).toEqual([request('r1', 10)]);
    expect(await one.getPending('r1')).toBeUndefined();
    expect(await two.takePending('missing')).toBeUndefined();
  });

  it('rejects a value that is not a device record with a TypeError naming the key and field', async () => {
    const redisConnection = await connection();
    const store = new RedisDeviceStore({ redis: redisConnection, cluster: 'corrupt' });
    await redisConnection.hSet(store.key, 'bad-json', '{');
    await redisConnection.hSet(store.key, 'other-id', JSON.stringify(record('someone-else')));
    await expect(store.get('bad-json')).rejects.toThrow(/gatewire:\{corrupt\}:devices field bad-json is not JSON/);
    await expect(store.get('other-id')).rejects.toThrow(/field other-id is not a device record/);
    await expect(store.list()).rejects.toThrow(TypeError);
  });

  it('a device asks through gateway A, is approved on gateway B, and connects with its device token through B', async () => {
    const a = await gateway(new RedisDeviceStore({ redis: await connection(), cluster: 'pairing' }));
    const b = await gateway(new RedisDeviceStore({ redis: await connection(), cluster: 'pairing' }));

    // The device asks through A; an operator on B finds the request there and approves it.
    const identity = await DeviceIdentity.generate();
    const identityStore = new MemoryIdentityStore(identity);
    const device = remoteClient({ url: a.url, auth: { token: TOKEN }, deviceAuth: deviceAuth({ identityStore }), scopes: ['operator.read'] });
    const refused = await device.connect().catch((error: unknown) => error);
    expect(GatewayClientError.isInstance(refused, 'PAIRING_REQUIRED')).toBe(true);
    const requestId = (refused as GatewayClientError).pairingRequestId;
    const operator = new GatewayClient({ url: b.url, auth: { token: TOKEN }, scopes: ['operator.pairing', 'operator.read'], reconnect: false });
    afterThisTest(() => operator.close());
    await operator.connect();
    const { pending } = await operator.request('device.pair.list');
    expect(pending.map((request) => request.requestId)).toEqual([requestId]);
    await operator.request('device.pair.approve', { requestId: requestId as string });
    const paired = await device.connect();
    const deviceToken = paired.auth.deviceToken;
    expect(deviceToken).toEqual(expect.any(String));
    await device.close();

    // Through B, with the device token alone.
    const later = remoteClient({ url: b.url, deviceAuth: deviceAuth({ identityStore }) });
    const hello = await later.connect();
    expect(hello.auth.method).toBe('device-token');
    expect(hello.auth.scopes).toEqual(['operator.read']);
    // Redis holds the token's hash, never the token.
    const stored = await (await connection()).hGet('gatewire:{pairing}:devices', identity.deviceId);
    expect(stored).toContain(identity.deviceId);
    expect(stored).not.toContain(deviceToken as string);

    // The control: a gateway with its own in-memory store does not know the device.
    const c = await gateway(new MemoryDeviceStore());
    const elsewhere = remoteClient({ url: c.url, deviceAuth: deviceAuth({ identityStore }) });
    const refusedElsewhere = await elsewhere.connect().catch((error: unknown) => error);
    expect(GatewayClientError.isInstance(refusedElsewhere)).toBe(true);
  });
});
