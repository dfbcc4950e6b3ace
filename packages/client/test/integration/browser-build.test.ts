import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { GatewayClient } from '../../src/browser';
import { track } from '../helpers/cleanup';
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
  it('connects, calls a method and reconnects after a drop', async () => {
    const { url, gateway } = await startRealGateway();
    const client = track(new GatewayClient({ url, auth: { token: TOKEN }, reconnect: { initialDelayMs: 5, maxDelayMs: 10 } }));
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
