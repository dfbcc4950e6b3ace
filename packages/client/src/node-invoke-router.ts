import type { NodeInvokeResultParams } from '@gatewire/protocol/lite';
import { fieldOf } from './field-of';
import type { InvokeContext, InvokeHandler } from './invoke-handler';
import type { InvokeRouter, NodeInvokeHost, NodeInvokePlugin } from './node-invoke-plugin';
import { toError } from './to-error';

export type { InvokeContext, InvokeHandler } from './invoke-handler';

/**
 * Node mode: answers `node.invoke.request` events with `node.invoke.result` requests, and aborts a
 * running handler on `node.invoke.cancel` (`{invokeId, nodeId}`) or on disconnect. A cancelled
 * invoke sends no result.
 */
export class NodeInvokeRouter implements InvokeRouter {
  readonly #handlers = new Map<string, InvokeHandler>();
  readonly #running = new Map<string, AbortController>();
  readonly #host: NodeInvokeHost;

  constructor(host: NodeInvokeHost) {
    this.#host = host;
  }

  /** Serve `command`; returns a function that stops serving it. */
  register(command: string, handler: InvokeHandler): () => void {
    if (typeof command !== 'string' || command.length === 0) throw new TypeError('handleInvoke: command must be a non-empty string');
    if (this.#handlers.has(command)) throw new TypeError(`handleInvoke: ${command} already has a handler`);
    this.#handlers.set(command, handler);
    return () => {
      if (this.#handlers.get(command) === handler) this.#handlers.delete(command);
    };
  }

  /** Handle a `node.invoke.request` payload (`{id, nodeId, command, paramsJSON?, timeoutMs?, idempotencyKey?}`). */
  handleRequest(payload: unknown): void {
    const id = fieldOf(payload, 'id');
    const nodeId = fieldOf(payload, 'nodeId');
    const command = fieldOf(payload, 'command');
    if (typeof id !== 'string' || typeof nodeId !== 'string' || typeof command !== 'string') return;
    const reply = (outcome: { payload?: unknown } | { error: { code: string; message: string } }): void => {
      const result: NodeInvokeResultParams = 'error' in outcome ? { id, nodeId, ok: false, ...outcome } : { id, nodeId, ok: true, ...outcome };
      this.#host.sendResult(result).catch((error: unknown) => this.#host.onError(toError(error)));
    };
    const handler = this.#handlers.get(command);
    if (handler === undefined) return reply({ error: { code: 'UNAVAILABLE', message: `no handler for command ${command}` } });
    const paramsJSON = fieldOf(payload, 'paramsJSON');
    let params: unknown;
    try {
      params = typeof paramsJSON === 'string' ? JSON.parse(paramsJSON) : undefined;
    } catch {
      return reply({ error: { code: 'INVALID_REQUEST', message: 'paramsJSON is not valid JSON' } });
    }
    const controller = new AbortController();
    this.#running.set(id, controller);
    const timeoutMs = fieldOf(payload, 'timeoutMs');
    const idempotencyKey = fieldOf(payload, 'idempotencyKey');
    const context: InvokeContext = {
      invokeId: id,
      nodeId,
      command,
      signal: controller.signal,
      timeoutMs: typeof timeoutMs === 'number' ? timeoutMs : undefined,
      idempotencyKey: typeof idempotencyKey === 'string' ? idempotencyKey : undefined,
    };
    Promise.resolve()
      .then(() => handler(params, context))
      .then(
        (result) => (result === undefined ? {} : { payload: result }),
        (error: unknown) => ({ error: toResultError(error) }),
      )
      .then((outcome) => {
        if (this.#running.get(id) !== controller) return;
        this.#running.delete(id);
        if (!controller.signal.aborted) reply(outcome);
      });
  }

  /** Handle a `node.invoke.cancel` payload (`{invokeId, nodeId, reason?}`). */
  handleCancel(payload: unknown): void {
    const invokeId = fieldOf(payload, 'invokeId');
    const reason = fieldOf(payload, 'reason');
    if (typeof invokeId === 'string') this.#running.get(invokeId)?.abort(new Error(typeof reason === 'string' ? reason : 'node.invoke.cancel'));
  }

  /** Abort every running handler (the connection dropped). */
  abortAll(reason: string): void {
    for (const controller of this.#running.values()) controller.abort(new Error(reason));
    this.#running.clear();
  }
}

function toResultError(error: unknown): { code: string; message: string } {
  const code = fieldOf(error, 'code');
  const message = fieldOf(error, 'message');
  return {
    code: typeof code === 'string' && code.length > 0 ? code : 'UNAVAILABLE',
    message: typeof message === 'string' && message.length > 0 ? message : String(error) || 'invoke failed',
  };
}

/**
 * Node mode for a client: pass `nodeInvoke()` as its `nodeInvoke` option, then serve each declared
 * command with `client.handleInvoke(command, handler)`. Kept out of the default entry (a browser
 * page is rarely a node); one value may serve several clients (each gets its own router).
 *
 * @example
 * const node = new GatewayClient({ role: 'node', commands: ['math.sum'], nodeInvoke: nodeInvoke() });
 * node.handleInvoke('math.sum', ({ values }) => ({ sum: values.reduce((a, b) => a + b, 0) }));
 */
export function nodeInvoke(): NodeInvokePlugin {
  return { createRouter: (host) => new NodeInvokeRouter(host) };
}
