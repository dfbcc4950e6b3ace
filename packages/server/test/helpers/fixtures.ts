import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ConnectParams, EventMap } from '@gatewire/protocol';
import { afterEach } from 'vitest';
import { createGateway, type Gateway, type GatewayOptions } from '../../src/index';
import { RawClient, type Frame, type RawClientOptions } from '@gatewire/test-harness';

const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Register something to dispose after the current test. */
export function onCleanup(cleanup: () => Promise<void> | void): void {
  cleanups.push(async () => {
    await cleanup();
  });
}

/** A gateway mounted on a fresh HTTP server on 127.0.0.1, port 0. */
export interface TestGateway<E extends EventMap = EventMap> {
  gateway: Gateway<E>;
  server: Server;
  url: string;
  port: number;
  /** Open a raw client (closed after the test). */
  open(options?: RawClientOptions): Promise<RawClient>;
}

/** Small timeouts so tests stay fast; override per test. */
export const fastOptions: GatewayOptions = {
  authRateLimit: { loopbackDelayMs: 1, loopbackMaxDelayMs: 5 },
  shutdownTimeoutMs: 500,
};

export async function startTestGateway<E extends EventMap = EventMap>(options: GatewayOptions<E> = {}): Promise<TestGateway<E>> {
  const gateway = createGateway<E>({ ...(fastOptions as GatewayOptions<E>), ...options });
  const server = createServer((request, response) => {
    if (!gateway.healthRoutes()(request, response)) {
      response.writeHead(404);
      response.end();
    }
  });
  gateway.attach(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `ws://127.0.0.1:${port}/`;
  onCleanup(async () => {
    await gateway.close();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  });
  return {
    gateway,
    server,
    url,
    port,
    open: async (clientOptions) => {
      const client = await RawClient.open(url, clientOptions);
      onCleanup(() => client.close());
      return client;
    },
  };
}

/** Connect params of a test client (backend mode: not presence-tracked). */
export function connectParams(overrides: Partial<ConnectParams> = {}): ConnectParams {
  return {
    minProtocol: 4,
    maxProtocol: 4,
    client: { id: 'gateway-client', version: '1.0.0', platform: 'linux', mode: 'backend' },
    scopes: ['operator.admin'],
    ...overrides,
  };
}

/** Read the challenge, send `connect`, and return the challenge and the response. */
export async function handshake(client: RawClient, params: ConnectParams | ((challenge: { nonce: string; ts: number }) => Promise<ConnectParams> | ConnectParams)): Promise<{ challenge: { nonce: string; ts: number }; response: Frame }> {
  const challengeFrame = await client.nextEvent('connect.challenge');
  const challenge = challengeFrame['payload'] as { nonce: string; ts: number };
  const resolved = typeof params === 'function' ? await params(challenge) : params;
  client.send({ type: 'req', id: 'c1', method: 'connect', params: resolved });
  const response = await client.nextMatching((frame) => frame.type === 'res' && frame.id === 'c1');
  return { challenge, response };
}

/** Open and complete a handshake that must succeed; returns the client and `hello-ok`. */
export async function connectClient<E extends EventMap>(target: TestGateway<E>, params: ConnectParams | ((challenge: { nonce: string; ts: number }) => Promise<ConnectParams> | ConnectParams) = connectParams(), options?: RawClientOptions): Promise<{ client: RawClient; hello: Record<string, unknown> }> {
  const client = await target.open(options);
  const { response } = await handshake(client, params);
  if (response.ok !== true) throw new Error(`handshake failed: ${JSON.stringify(response['error'])}`);
  const hello = response['payload'] as Record<string, unknown>;
  await expectHelloHealth(client, hello);
  return { client, hello };
}

/**
 * Read the `health` event every connection gets right after `hello-ok` and check it: the first
 * sequenced event (`seq` 1), carrying the snapshot's health and state version.
 */
export async function expectHelloHealth(client: RawClient, hello: Record<string, unknown>): Promise<Frame> {
  const frame = await client.nextEvent('health');
  const snapshot = hello['snapshot'] as { health: unknown; stateVersion: unknown };
  const expected = { type: 'event', event: 'health', payload: snapshot.health, stateVersion: snapshot.stateVersion, seq: 1 };
  if (JSON.stringify(frame) !== JSON.stringify(expected)) throw new Error(`the health event after hello-ok is ${JSON.stringify(frame)}, expected ${JSON.stringify(expected)}`);
  return frame;
}

/** The error object of a failed response. */
export function errorOf(frame: Frame): { code: string; message: string; details?: Record<string, unknown>; retryable?: boolean; retryAfterMs?: number } {
  return frame['error'] as never;
}
