import type { ConnectionInfo } from '../connection/connection-info';
import type { Connection } from '../connection/connection';
import { parseTraceparent } from '@gatewire/protocol';
import type { RequestSpan } from '../tracing/request-tracer';
import type { MethodContext } from './method-context';

/**
 * One running method call, and the {@link MethodContext} its handler receives. One object per
 * request: the `AbortSignal` is created only when the handler reads `signal`, and `accept`/`emit`
 * are bound only when read (so destructuring `{ accept }` still works). `abort()` (disconnect,
 * shutdown) fires the signal if it exists, and a signal created later starts aborted.
 */
export class MethodCall implements MethodContext {
  readonly connection: ConnectionInfo;
  readonly requestId: string;
  readonly method: string;
  /** `performance.now()` when the request arrived. */
  readonly startedAt: number;
  readonly traceparent: string | undefined;
  /** The request's server span, when tracing is on. */
  trace: RequestSpan | undefined;
  readonly #socket: Connection;
  #controller: AbortController | undefined;
  #aborted = false;
  #abortReason: Error | undefined;
  #accepted = false;
  #accept: ((payload?: Record<string, unknown>) => void) | undefined;
  #emit: ((event: string, payload: unknown) => void) | undefined;

  constructor(socket: Connection, info: ConnectionInfo, requestId: string, method: string, startedAt: number, traceparent: string | undefined) {
    this.#socket = socket;
    this.connection = info;
    this.requestId = requestId;
    this.method = method;
    this.startedAt = startedAt;
    this.traceparent = traceparent !== undefined && parseTraceparent(traceparent) !== undefined ? traceparent : undefined;
  }

  /** Fires when the caller disconnects or the gateway shuts down. Created on first read. */
  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      if (this.#aborted) this.#controller.abort(this.#abortReason);
    }
    return this.#controller.signal;
  }

  /** Whether the call was aborted (without creating the signal). */
  get aborted(): boolean {
    return this.#aborted;
  }

  /** Abort the call: fires `signal` now, or makes it start aborted if it is read later. */
  abort(reason: Error): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#abortReason = reason;
    this.#controller?.abort(reason);
  }

  /** See {@link MethodContext.accept}. */
  get accept(): (payload?: Record<string, unknown>) => void {
    this.#accept ??= (payload) => {
      if (this.#accepted) return;
      this.#accepted = true;
      this.#socket.sendResponse(this.requestId, true, { ...payload, status: 'accepted' });
    };
    return this.#accept;
  }

  /** See {@link MethodContext.emit}. */
  get emit(): (event: string, payload: unknown) => void {
    this.#emit ??= (event, payload) => {
      this.#socket.sendEvent(event, payload);
    };
    return this.#emit;
  }
}
