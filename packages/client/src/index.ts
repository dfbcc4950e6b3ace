/**
 * `@gatewire/client` (Node build): the gateway client over the `ws` library. Browsers resolve the
 * same import to the browser build (global `WebSocket`). TLS pinning and the file identity store
 * are in `@gatewire/client/node`.
 */
import type { CoreEvents, CoreMethods, EventMap, MethodMap } from '@gatewire/protocol/lite';
import { GatewayClientBase } from './client';
import { withoutDefinitions, type ClientDefinitions, type NoDefinitions } from './client-definitions';
import type { GatewayClientOptions } from './options';
import { nodeDeviceSigner } from './node/device-signer';
import { createNodeTransport } from './transport/node-websocket';
import type { ClientEnvironment } from './client';

export * from './public-api';

/**
 * What every client of this build plugs in: one for the process (the transport factory holds no
 * per-client state), not one per client.
 */
const NODE_ENVIRONMENT: ClientEnvironment = Object.freeze({ transport: createNodeTransport(), deviceSigner: nodeDeviceSigner });

/** The gateway client (Node build, over `ws`; device payloads are signed with `node:crypto`). */
export class GatewayClient<M extends MethodMap = CoreMethods, E extends EventMap = CoreEvents> extends GatewayClientBase<M, E> {
  constructor(options: GatewayClientOptions<E> = {}) {
    super(options, NODE_ENVIRONMENT);
  }
}

/**
 * A gateway client (Node build, over `ws`) typed from the application's definitions, without writing the generics:
 * `createClient({ url, methods, events })` is a `GatewayClient<CoreMethods & typeof methods,
 * CoreEvents & typeof events>`. `methods` and `events` are used for their types only.
 */
export function createClient<Methods extends MethodMap = NoDefinitions, Events extends EventMap = NoDefinitions>(
  options: GatewayClientOptions<CoreEvents & NoInfer<Events>> & ClientDefinitions<Methods, Events> = {},
): GatewayClient<CoreMethods & Methods, CoreEvents & Events> {
  return new GatewayClient<CoreMethods & Methods, CoreEvents & Events>(withoutDefinitions(options));
}
