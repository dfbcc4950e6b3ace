/**
 * Start the real `@gatewire/server` gateway on 127.0.0.1, port 0 (or a given port to simulate a
 * restart), with short timeouts, stopped after the current test.
 */
import type { EventMap } from '@gatewire/protocol';
import { startGateway, type StandaloneGateway, type StartGatewayOptions } from '@gatewire/server';
import { onCleanup } from './cleanup';

export const TOKEN = 'integration-token';

export async function startRealGateway<E extends EventMap = EventMap>(options: StartGatewayOptions<E> = {}): Promise<StandaloneGateway<E>> {
  const gateway = await startGateway<E>({
    port: 0,
    bind: 'loopback',
    auth: { mode: 'token', token: TOKEN },
    authRateLimit: { loopbackDelayMs: 1, loopbackMaxDelayMs: 5 },
    shutdownTimeoutMs: 200,
    ...options,
  });
  onCleanup(() => gateway.close());
  return gateway;
}

/** The listening port of a standalone gateway. */
export function portOf(gateway: StandaloneGateway<EventMap>): number {
  const address = gateway.address();
  if (typeof address === 'string') throw new TypeError('not a TCP gateway');
  return address.port;
}
