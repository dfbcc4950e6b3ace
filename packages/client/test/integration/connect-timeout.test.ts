import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { GatewayClient, GatewayClientError } from '../../src/index';
import { onCleanup, track } from '../helpers/cleanup';
import { startRealGateway, TOKEN } from '../helpers/real-gateway';
import { TcpProxy } from '../helpers/tcp-proxy';
import { nextEvent, recordStates } from '../helpers/wait';

const fast = { initialDelayMs: 5, maxDelayMs: 20 };

/** A TCP server that accepts every connection and never answers (the HTTP upgrade hangs). */
async function startSilentServer(): Promise<{ url: string; accepted: () => number }> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server: Server = createServer((socket) => {
    accepted += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket)).on('error', () => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onCleanup(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`, accepted: () => accepted };
}

describe('connect timeout covers the HTTP upgrade', () => {
  it('gives up on an upgrade that is never answered, with HANDSHAKE_TIMEOUT, and retries', async () => {
    const silent = await startSilentServer();
    const client = track(new GatewayClient({ url: silent.url, connectTimeoutMs: 150, reconnect: fast }));
    const states = recordStates(client);
    const firstEnd = nextEvent(client, 'disconnected');
    const scheduled = nextEvent(client, 'reconnect-scheduled');
    const secondEnd = nextEvent(client, 'disconnected', (context) => context !== undefined && silent.accepted() >= 2);
    void client.connect().catch(() => undefined);
    const disconnected = await firstEnd;
    expect(GatewayClientError.isInstance(disconnected.error, 'HANDSHAKE_TIMEOUT')).toBe(true);
    expect((disconnected.error as Error).message).toBe('no answer to the WebSocket upgrade within 150 ms');
    expect((await scheduled).attempt).toBe(1);
    expect(GatewayClientError.isInstance((await secondEnd).error, 'HANDSHAKE_TIMEOUT')).toBe(true);
    expect(silent.accepted()).toBeGreaterThanOrEqual(2);
    expect(states.slice(0, 3)).toEqual(['connecting', 'reconnecting', 'connecting']);
  });

  it('rejects connect() when reconnection is off', async () => {
    const silent = await startSilentServer();
    const client = track(new GatewayClient({ url: silent.url, connectTimeoutMs: 100, reconnect: false }));
    const error = await client.connect().catch((caught: unknown) => caught);
    expect(GatewayClientError.isInstance(error, 'HANDSHAKE_TIMEOUT')).toBe(true);
    expect(client.state).toBe('closed');
  });

  it('recovers through a proxy that stalls new links, once it forwards again', async () => {
    const { url } = await startRealGateway();
    const proxy = await TcpProxy.start(Number(new URL(url).port));
    const client = track(new GatewayClient({ url: proxy.url, auth: { token: TOKEN }, connectTimeoutMs: 1000, reconnect: fast }));
    const first = await client.connect();
    proxy.stallNew(true);
    const timedOut = nextEvent(client, 'disconnected', (context) => GatewayClientError.isInstance(context.error, 'HANDSHAKE_TIMEOUT'));
    proxy.stall().forEach(({ client: socket }) => socket.destroy());
    expect((await timedOut).error?.message).toBe('no answer to the WebSocket upgrade within 1000 ms');
    proxy.stallNew(false);
    const { hello, reconnected } = await nextEvent(client, 'hello');
    expect(reconnected).toBe(true);
    expect(hello.server.connId).not.toBe(first.server.connId);
    expect(client.state).toBe('connected');
  });
});
