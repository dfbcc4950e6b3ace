/**
 * `@gatewire/client` (Node build): the gateway client over the `ws` library. Browsers resolve the
 * same import to the browser build (global `WebSocket`). TLS pinning and the file identity store
 * are in `@gatewire/client/node`.
 */
import type { CoreEvents, CoreMethods, EventMap, MethodMap } from '@gatewire/protocol/lite';
import { GatewayClientBase } from './client';
import type { GatewayClientOptions } from './options';
import { createNodeTransport } from './transport/node-websocket';

export * from './public-api';

/** The gateway client (Node build, over `ws`). */
export class GatewayClient<M extends MethodMap = CoreMethods, E extends EventMap = CoreEvents> extends GatewayClientBase<M, E> {
  constructor(options: GatewayClientOptions<E> = {}) {
    super(options, { transport: createNodeTransport() });
  }
}
