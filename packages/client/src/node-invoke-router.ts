import type { NodeInvokeResultParams } from '@gatewire/protocol/lite';
import { fieldOf } from './field-of';
import { toError } from './to-error';

/** What an invoke handler gets beside the params. */
export interface InvokeContext {
  /** The invoke id (`node.invoke.request.id`). */
  readonly invokeId: string;
  readonly nodeId: string;
  readonly command: string;
  /** Aborted on `node.invoke.cancel` for this invoke, or when the connection drops. */
  readonly signal: AbortSignal;
  /** The remaining time budget the gateway gave, ms. */
  readonly timeoutMs: number | undefined;
  readonly idempotencyKey: string | undefined;
}

/**
 * Serves one node command. The resolved value is sent as the result `payload`; a throw (or
 * rejection) is sent as `ok: false` with `error.code` (the thrown error's string `code`, else
 * `UNAVAILABLE`) and `error.message`.
 */
export type InvokeHandler<Params = unknown, Result = unknown> = (params: Params, context: InvokeContext) => Result | Promise<Result>;

/**
 * Node mode: answers `node.invoke.request` events with `node.invoke.result` requests, and aborts a
 * running handler on `node.invoke.cancel` (`{invokeId, nodeId}`) or on disconnect. A cancelled
 * invoke sends no result.
 */
export class NodeInvokeRouter {
  readonly #handlers = new Map<string, InvokeHandler>();
  readonly #running = new Map<string, AbortController>();
  readonly #sendResult: (params: NodeInvokeResultParams) => Promise<unknown>;
  readonly #onError: (error: Error) => void;

  constructor(sendResult: (params: NodeInvokeResultParams) => Promise<unknown>, onError: (error: Error) => void) {
    this.#sendResult = sendResult;
    this.#onError = onError;
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
      this.#sendResult(result).catch((error: unknown) => this.#onError(toError(error)));
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
