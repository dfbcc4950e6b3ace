import type { NodeInvokeResultParams } from '@gatewire/protocol/lite';
import type { InvokeHandler } from './invoke-handler';

/** What a node's invoke router needs from its client. */
export interface NodeInvokeHost {
  /** Send `node.invoke.result` (through the client's request path). */
  sendResult(params: NodeInvokeResultParams): Promise<unknown>;
  /** Report an error that has no caller to reject (the client's `error` event). */
  onError(error: Error): void;
}

/** The router of one node client, as the client uses it (implemented by `NodeInvokeRouter`). */
export interface InvokeRouter {
  /** Serve `command`; returns a function that stops serving it. */
  register(command: string, handler: InvokeHandler): () => void;
  /** A `node.invoke.request` event's payload. */
  handleRequest(payload: unknown): void;
  /** A `node.invoke.cancel` event's payload. */
  handleCancel(payload: unknown): void;
  /** Abort every running handler (the connection dropped). */
  abortAll(reason: string): void;
}

/**
 * The client's `nodeInvoke` option: made by `nodeInvoke()` from `@gatewire/client/node-invoke`. A
 * client acting as a node (role `"node"` with `commands`) needs it to answer `node.invoke.request`.
 */
export interface NodeInvokePlugin {
  /** Creates the router of one client (called once, by its constructor). */
  createRouter(host: NodeInvokeHost): InvokeRouter;
}
