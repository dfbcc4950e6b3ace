import { createServer as createHttpServer } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { createGateway } from '@gatewire/server';
import { describe, expect, it } from 'vitest';
import { GatewayClient, GatewayClientError } from '../../src/index';
import { onCleanup, track } from '../helpers/cleanup';
import { nextEvent } from '../helpers/wait';

/** A port on which nothing listens (bound, then released). */
async function unusedPort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** An HTTP server (no gateway) on port 0, stopped after the test. */
async function listenHttp(server: ReturnType<typeof createHttpServer>): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onCleanup(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return (server.address() as AddressInfo).port;
}

describe('transport failures keep their cause and code (not "connection closed (1006)")', () => {
  it('a refused TCP connection is TRANSPORT_ERROR with ECONNREFUSED', async () => {
    const port = await unusedPort();
    const client = track(new GatewayClient({ url: `ws://127.0.0.1:${port}`, reconnect: false }));
    const error = await client.connect().catch((caught: unknown) => caught);
    expect(GatewayClientError.isInstance(error, 'TRANSPORT_ERROR')).toBe(true);
    const failure = error as GatewayClientError;
    expect(failure.transportCode).toBe('ECONNREFUSED');
    expect((failure.cause as { code?: unknown }).code).toBe('ECONNREFUSED');
    expect(failure.message).toBe(`connect ECONNREFUSED 127.0.0.1:${port}`);
  });

  it('says why in the state change and in RECONNECT_EXHAUSTED', async () => {
    const port = await unusedPort();
    const client = track(new GatewayClient({ url: `ws://127.0.0.1:${port}`, reconnect: { initialDelayMs: 1, maxDelayMs: 2, maxAttempts: 1 } }));
    const reconnecting = nextEvent(client, 'state', (change) => change.to === 'reconnecting');
    const error = await client.connect().catch((caught: unknown) => caught);
    expect((await reconnecting).reason).toBe(`closed 1006 (TRANSPORT_ERROR: connect ECONNREFUSED 127.0.0.1:${port})`);
    expect(GatewayClientError.isInstance(error, 'RECONNECT_EXHAUSTED')).toBe(true);
    expect((error as Error).message).toBe(`gave up after 1 reconnection attempts: connect ECONNREFUSED 127.0.0.1:${port}`);
    expect((error as GatewayClientError).cause).toMatchObject({ code: 'TRANSPORT_ERROR', transportCode: 'ECONNREFUSED' });
  });

  it('an HTTP answer in place of the upgrade is UNEXPECTED_RESPONSE with the status', async () => {
    const server = createHttpServer((_request, response) => response.end('a web page'));
    const port = await listenHttp(server);
    const client = track(new GatewayClient({ url: `ws://127.0.0.1:${port}`, reconnect: false }));
    const error = await client.connect().catch((caught: unknown) => caught);
    expect(GatewayClientError.isInstance(error, 'TRANSPORT_ERROR')).toBe(true);
    expect(error).toMatchObject({ transportCode: 'UNEXPECTED_RESPONSE', httpStatus: 200, message: 'the server answered the WebSocket upgrade with HTTP 200' });
  });

  it("a gateway's refusal at the upgrade is shown with its message (attach, wrong path)", async () => {
    const gateway = createGateway({ shutdownTimeoutMs: 200 });
    onCleanup(() => gateway.close());
    const server = createHttpServer();
    gateway.attach(server, { path: '/ws' });
    const port = await listenHttp(server);
    const client = track(new GatewayClient({ url: `ws://127.0.0.1:${port}/wrong`, reconnect: false }));
    const error = await client.connect().catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      code: 'TRANSPORT_ERROR',
      transportCode: 'UNEXPECTED_RESPONSE',
      httpStatus: 400,
      message: 'the server answered the WebSocket upgrade with HTTP 400: no WebSocket endpoint on this path (unknown_path)',
    });
  });
});
