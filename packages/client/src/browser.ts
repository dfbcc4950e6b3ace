/**
 * `@gatewire/client` (browser build): the gateway client over the global `WebSocket`. No `ws`, no
 * `node:*` module and no TypeBox at runtime (a test bundles this entry and checks).
 */
import type { CoreEvents, CoreMethods, EventMap, MethodMap } from '@gatewire/protocol/lite';
import { GatewayClientBase } from './client';
import { withoutDefinitions, type ClientDefinitions, type NoDefinitions } from './client-definitions';
import type { GatewayClientOptions } from './options';
import { createBrowserTransport } from './transport/browser-websocket';

export * from './public-api';

/**
 * The gateway client (browser build, over the global `WebSocket`). A page is not a local backend:
 * unless `client` says otherwise it connects as `webchat-ui`/`webchat`, as the reference web chat
 * does, so the gateway asks it for a device identity (`deviceAuth: deviceAuth({ identityStore: new
 * IndexedDbIdentityStore() })` from `@gatewire/client/device` and `@gatewire/client/indexeddb`).
 */
export class GatewayClient<M extends MethodMap = CoreMethods, E extends EventMap = CoreEvents> extends GatewayClientBase<M, E> {
  constructor(options: GatewayClientOptions<E> = {}) {
    super(options, { transport: createBrowserTransport, clientIdentity: { id: 'webchat-ui', mode: 'webchat' } });
  }
}

/**
 * A browser gateway client typed from the application's definitions, without writing the generics:
 * `createClient({ url, methods, events })` is a `GatewayClient<CoreMethods & typeof methods,
 * CoreEvents & typeof events>`. `methods` and `events` are used for their types only.
 */
export function createClient<Methods extends MethodMap = NoDefinitions, Events extends EventMap = NoDefinitions>(
  options: GatewayClientOptions<CoreEvents & NoInfer<Events>> & ClientDefinitions<Methods, Events> = {},
): GatewayClient<CoreMethods & Methods, CoreEvents & Events> {
  return new GatewayClient<CoreMethods & Methods, CoreEvents & Events>(withoutDefinitions(options));
}
