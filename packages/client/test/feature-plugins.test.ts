import { describe, expect, it } from 'vitest';
import * as root from '../src/index';
import { deviceAuth, DeviceIdentity, MemoryIdentityStore } from '../src/device';
import { GatewayClient, GatewayClientError } from '../src/index';
import * as nodeEntry from '../src/node';
import { nodeInvoke } from '../src/node-invoke';
import { startFakeGateway, track } from './helpers/cleanup';

// Device identity and node mode are optional features passed in as plugins (`deviceAuth`,
// `nodeInvoke`) from their own entries, so the default entry does not carry them.
describe('feature plugins', () => {
  it('keeps device identity and node mode out of the default entry and in their subpaths (and in /node)', () => {
    for (const name of ['DeviceIdentity', 'MemoryIdentityStore', 'IndexedDbIdentityStore', 'deviceAuth', 'nodeInvoke']) expect(root).not.toHaveProperty(name);
    expect(nodeEntry.DeviceIdentity).toBe(DeviceIdentity);
    expect(nodeEntry.deviceAuth).toBe(deviceAuth);
    expect(nodeEntry.nodeInvoke).toBe(nodeInvoke);
  });

  it('sends no device block without deviceAuth, and a signed one with it', async () => {
    const gateway = await startFakeGateway();
    const plain = track(new GatewayClient({ url: gateway.url, reconnect: false }));
    await plain.connect();
    expect(gateway.connections[0]?.params?.device).toBeUndefined();
    expect(plain.device).toBeUndefined();
    const device = await DeviceIdentity.generate();
    const signed = track(new GatewayClient({ url: gateway.url, deviceAuth: deviceAuth({ device }), reconnect: false }));
    await signed.connect();
    expect(gateway.connections[1]?.params?.device).toMatchObject({ id: device.deviceId, publicKey: device.publicKey });
    expect(signed.device).toBe(device);
  });

  it('gives every client of one deviceAuth value its own device state over a shared store', async () => {
    const gateway = await startFakeGateway();
    const plugin = deviceAuth({ identityStore: new MemoryIdentityStore() });
    const first = track(new GatewayClient({ url: gateway.url, deviceAuth: plugin, reconnect: false }));
    const second = track(new GatewayClient({ url: gateway.url, deviceAuth: plugin, reconnect: false }));
    await first.connect();
    await second.connect();
    // The second client found the identity the first one generated and saved.
    expect(second.device?.deviceId).toBe(first.device?.deviceId);
    expect(gateway.connections[1]?.params?.device?.id).toBe(first.device?.deviceId);
  });

  it('deviceAuth() carries exactly the options given, and each createSession call makes a new session', async () => {
    const device = await DeviceIdentity.generate();
    const identityStore = new MemoryIdentityStore();
    expect(Object.keys(deviceAuth())).toEqual(['createSession']);
    expect(Object.keys(deviceAuth({ device }))).toEqual(['device', 'createSession']);
    expect(Object.keys(deviceAuth({ identityStore }))).toEqual(['identityStore', 'createSession']);
    const plugin = deviceAuth({ device, identityStore });
    expect(Object.keys(plugin)).toEqual(['device', 'identityStore', 'createSession']);
    expect(plugin).toMatchObject({ device, identityStore });
    const resolved = { device, identityStore } as unknown as Parameters<typeof plugin.createSession>[0];
    const first = plugin.createSession(resolved);
    expect(plugin.createSession(resolved)).not.toBe(first);
    expect(first.device).toBe(device);
  });

  it('refuses handleInvoke without the nodeInvoke option, naming the subpath', () => {
    const client = new GatewayClient({ role: 'node' });
    let caught: unknown;
    try {
      client.handleInvoke('echo', () => 'pong');
    } catch (error) {
      caught = error;
    }
    expect(GatewayClientError.isInstance(caught, 'INVALID_OPTIONS')).toBe(true);
    expect((caught as Error).message).toContain("nodeInvoke() from '@gatewire/client/node-invoke'");
  });
});
