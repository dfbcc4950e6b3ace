import type { Server } from 'node:http';
import type { EventMap } from '@gatewire/protocol';
import { afterEach } from 'vitest';
import { createGateway, type Gateway, type GatewayOptions } from '../../src/index';
import { completeHandshake, connectParams, RawClient, serveOnLoopback, type ConnectParamsSource, type Frame, type RawClientOptions } from '@gatewire/test-harness';

export { connectParams, expectHelloHealth, handshake } from '@gatewire/test-harness';

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
  const { server, url, port, close } = await serveOnLoopback(gateway);
  onCleanup(close);
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

/** Open and complete a handshake that must succeed; returns the client and `hello-ok`. */
export async function connectClient<E extends EventMap>(target: TestGateway<E>, params: ConnectParamsSource = connectParams(), options?: RawClientOptions): Promise<{ client: RawClient; hello: Record<string, unknown> }> {
  const client = await target.open(options);
  const hello = await completeHandshake(client, params);
  return { client, hello };
}

/** The error object of a failed response. */
export function errorOf(frame: Frame): { code: string; message: string; details?: Record<string, unknown>; retryable?: boolean; retryAfterMs?: number } {
  return frame['error'] as never;
}
