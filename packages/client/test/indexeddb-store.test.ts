import { IDBFactory } from 'fake-indexeddb';
import { verifyDevicePayload } from '@gatewire/protocol/lite';
import { describe, expect, it } from 'vitest';
import { deviceAuth } from '../src/device';
import { IndexedDbIdentityStore } from '../src/indexeddb';
import { GatewayClient } from '../src/index';
import { startFakeGateway, track } from './helpers/cleanup';

describe('IndexedDbIdentityStore (browser)', () => {
  it('keeps a non-extractable key pair and tokens per role across instances', async () => {
    const indexedDB = new IDBFactory();
    const store = new IndexedDbIdentityStore({ indexedDB, databaseName: 'test' });
    expect(await store.loadIdentity()).toBeUndefined();
    const identity = await store.generateIdentity();
    expect(identity.keyPair.privateKey.extractable).toBe(false);
    await store.saveIdentity(identity);
    await store.saveDeviceToken(identity.deviceId, { token: 'op', role: 'operator', scopes: ['operator.read'] });
    await store.saveDeviceToken(identity.deviceId, { token: 'nd', role: 'node', scopes: [] });

    const reopened = new IndexedDbIdentityStore({ indexedDB, databaseName: 'test' });
    const loaded = await reopened.loadIdentity();
    expect(loaded?.deviceId).toBe(identity.deviceId);
    expect(loaded?.keyPair.privateKey.extractable).toBe(false);
    expect(await verifyDevicePayload(identity.publicKey, 'v3|x', (await loaded?.sign('v3|x')) ?? '')).toBe(true);
    expect(await reopened.loadDeviceToken(identity.deviceId, 'operator')).toEqual({ token: 'op', role: 'operator', scopes: ['operator.read'] });
    await reopened.clearDeviceToken(identity.deviceId, 'operator');
    expect(await store.loadDeviceToken(identity.deviceId, 'operator')).toBeUndefined();
    expect((await store.loadDeviceToken(identity.deviceId, 'node'))?.token).toBe('nd');
  });

  it('gives the client a non-extractable identity on first connect', async () => {
    const gateway = await startFakeGateway();
    const store = new IndexedDbIdentityStore({ indexedDB: new IDBFactory() });
    const client = track(new GatewayClient({ url: gateway.url, deviceAuth: deviceAuth({ identityStore: store }), reconnect: false }));
    const hello = await client.connect();
    const identity = await store.loadIdentity();
    expect(identity?.keyPair.privateKey.extractable).toBe(false);
    expect(gateway.ready[0]?.params?.device?.id).toBe(identity?.deviceId);
    expect((await store.loadDeviceToken(identity?.deviceId ?? '', 'operator'))?.token).toBe(hello.auth.deviceToken);
  });

  it('fails clearly without IndexedDB', async () => {
    const store = new IndexedDbIdentityStore();
    await expect(store.loadIdentity()).rejects.toThrow(/no indexedDB/);
  });
});
