/**
 * `@gatewire/client/node-invoke`: node mode for a client (role `"node"`), kept out of the default
 * entry. Pass `nodeInvoke()` as the client's `nodeInvoke` option, then serve each declared command
 * with `client.handleInvoke(command, handler)`.
 */
export { nodeInvoke } from './node-invoke-router';
export type { InvokeContext, InvokeHandler } from './invoke-handler';
export type { InvokeRouter, NodeInvokeHost, NodeInvokePlugin } from './node-invoke-plugin';
