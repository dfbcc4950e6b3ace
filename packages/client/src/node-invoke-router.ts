import type { NodeInvokeResultParams } from '@gatewire/protocol/lite';

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

  /** Handle a `node.invoke.request` payload. */
  handleRequest(payload: unknown): void {
    const request = readRequest(payload);
    if (request === undefined) return;
    const { id, nodeId, command } = request;
    const handler = this.#handlers.get(command);
    if (handler === undefined) {
      this.#reply({ id, nodeId, ok: false, error: { code: 'UNAVAILABLE', message: `no handler for command ${command}` } });
      return;
    }
    let params: unknown;
    try {
      params = request.paramsJSON == null ? undefined : JSON.parse(request.paramsJSON);
    } catch {
      this.#reply({ id, nodeId, ok: false, error: { code: 'INVALID_REQUEST', message: 'paramsJSON is not valid JSON' } });
      return;
    }
    const controller = new AbortController();
    this.#running.set(id, controller);
    const context: InvokeContext = {
      invokeId: id,
      nodeId,
      command,
      signal: controller.signal,
      timeoutMs: request.timeoutMs,
      idempotencyKey: request.idempotencyKey,
    };
    Promise.resolve()
      .then(() => handler(params, context))
      .then(
        (result) => (result === undefined ? { id, nodeId, ok: true } : { id, nodeId, ok: true, payload: result }),
        (error: unknown) => ({ id, nodeId, ok: false, error: toResultError(error) }),
      )
      .then((result: NodeInvokeResultParams) => {
        if (this.#running.get(id) !== controller) return;
        this.#running.delete(id);
        if (!controller.signal.aborted) this.#reply(result);
      });
  }

  /** Handle a `node.invoke.cancel` payload (`{invokeId, nodeId, reason?}`). */
  handleCancel(payload: unknown): void {
    if (typeof payload !== 'object' || payload === null) return;
    const { invokeId, reason } = payload as Record<string, unknown>;
    if (typeof invokeId !== 'string') return;
    this.#running.get(invokeId)?.abort(new Error(typeof reason === 'string' ? reason : 'node.invoke.cancel'));
  }

  /** Abort every running handler (the connection dropped). */
  abortAll(reason: string): void {
    for (const controller of this.#running.values()) controller.abort(new Error(reason));
    this.#running.clear();
  }

  #reply(result: NodeInvokeResultParams): void {
    this.#sendResult(result).catch((error: unknown) => this.#onError(error instanceof Error ? error : new Error(String(error))));
  }
}

interface InvokeRequest {
  readonly id: string;
  readonly nodeId: string;
  readonly command: string;
  readonly paramsJSON: string | null | undefined;
  readonly timeoutMs: number | undefined;
  readonly idempotencyKey: string | undefined;
}

function readRequest(payload: unknown): InvokeRequest | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const { id, nodeId, command, paramsJSON, timeoutMs, idempotencyKey } = payload as Record<string, unknown>;
  if (typeof id !== 'string' || typeof nodeId !== 'string' || typeof command !== 'string') return undefined;
  return {
    id,
    nodeId,
    command,
    paramsJSON: typeof paramsJSON === 'string' ? paramsJSON : undefined,
    timeoutMs: typeof timeoutMs === 'number' ? timeoutMs : undefined,
    idempotencyKey: typeof idempotencyKey === 'string' ? idempotencyKey : undefined,
  };
}

function toResultError(error: unknown): { code: string; message: string } {
  const record = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  const code = typeof record['code'] === 'string' && record['code'].length > 0 ? record['code'] : 'UNAVAILABLE';
  const message = typeof record['message'] === 'string' && record['message'].length > 0 ? record['message'] : String(error) || 'invoke failed';
  return { code, message };
}
