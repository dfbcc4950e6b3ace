import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { GatewayClient, GatewayClientError } from '../../src/browser';
import { deviceAuth, MemoryIdentityStore } from '../../src/device';
import { startFakeGateway, track } from '../helpers/cleanup';
import { startRealGateway, TOKEN } from '../helpers/real-gateway';

// Node 20 has no global WebSocket; `ws` implements the WHATWG interface the browser build uses
// (addEventListener, MessageEvent.data, CloseEvent.code/reason/wasClean).
const globals = globalThis as { WebSocket?: unknown };
let previous: unknown;
beforeEach(() => {
  previous = globals.WebSocket;
  globals.WebSocket = WebSocket;
});
afterEach(() => {
  globals.WebSocket = previous;
});

describe('browser build (global WebSocket) against @gatewire/server', () => {
  it('says it is a web chat page, not the local backend, unless told otherwise', async () => {
    const gateway = await startFakeGateway();
    const client = track(new GatewayClient({ url: gateway.url, reconnect: false }));
    await client.connect();
    expect(gateway.connections[0]?.params?.client).toMatchObject({ id: 'webchat-ui', mode: 'webchat', platform: process.platform });
    const backend = track(new GatewayClient({ url: gateway.url, client: { id: 'gateway-client', mode: 'backend' }, reconnect: false }));
    await backend.connect();
    expect(gateway.connections[1]?.params?.client).toMatchObject({ id: 'gateway-client', mode: 'backend' });
  });

  it('is asked for a device identity by the gateway when it has none (the shared token alone is not enough)', async () => {
    const { url } = await startRealGateway();
    const client = track(new GatewayClient({ url, auth: { token: TOKEN }, reconnect: false }));
    const error = await client.connect().catch((caught: unknown) => caught);
    expect(GatewayClientError.isInstance(error, 'AUTH_FAILED')).toBe(true);
    expect((error as Error).cause).toMatchObject({ detailCode: 'CONTROL_UI_DEVICE_IDENTITY_REQUIRED' });
  });

  it('connects with a device identity, calls a method and reconnects after a drop', async () => {
    const { url, gateway } = await startRealGateway();
    const identityStore = new MemoryIdentityStore();
    const client = track(new GatewayClient({ url, auth: { token: TOKEN }, deviceAuth: deviceAuth({ identityStore }), reconnect: { initialDelayMs: 5, maxDelayMs: 10 } }));
    const hello = await client.connect();
    expect(hello.type).toBe('hello-ok');
    expect((await client.request('health')).ok).toBe(true);
    const reconnected = new Promise((resolve) => client.once('hello', resolve));
    gateway.disconnect(hello.server.connId, 1012, 'service restart');
    await reconnected;
    expect((await client.request('health')).ok).toBe(true);
  });

  it('reports the close code of a refused handshake', async () => {
    const { url } = await startRealGateway();
    const client = track(new GatewayClient({ url, auth: { token: 'wrong' }, reconnect: false }));
    const disconnected = new Promise<{ code: number }>((resolve) => client.once('disconnected', resolve));
    await client.connect().catch(() => undefined);
    expect((await disconnected).code).toBe(1008);
  });
});
