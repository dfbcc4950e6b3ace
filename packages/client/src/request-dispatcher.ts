import type { ResponseFrame } from '@gatewire/protocol/lite';
import type { Connection } from './connection';
import type { Logger } from './logger';
import { PendingRequest, type PendingRequestOwner } from './pending-request';
import { PendingRequestTimeouts } from './pending-request-timeouts';
import { PendingRequests } from './pending-requests';
import type { RequestOptions } from './request-options';
import { RequestQueue } from './request-queue';
import { fieldOf } from './field-of';

/** Settings of a {@link RequestDispatcher}. */
export interface RequestDispatcherSettings {
  readonly defaultTimeoutMs: number | null;
  readonly queueMaxSize: number;
  readonly queueTimeoutMs: number;
  readonly logger: Logger;
  /** Called with each intermediate `accepted` response of an `expectFinal` request. */
  readonly onProgress: (id: string, method: string, payload: unknown) => void;
}

/** What a {@link RequestDispatcher} holds once it has seen a request. */
interface DispatcherState {
  readonly pending: PendingRequests;
  readonly queue: RequestQueue;
  /** What every request reports to: one object for all of them, so a request needs no closures. */
  readonly owner: PendingRequestOwner;
}

/**
 * Every request of a client between `request()` and its answer: builds the frame once, sends it on
 * the live connection or holds it in the bounded queue, routes responses, and decides what a drop
 * does to each request (re-queue the idempotent ones, reject the others).
 */
export class RequestDispatcher {
  readonly #settings: RequestDispatcherSettings;
  /**
   * The pending requests, the queue and the object every request reports to, created with the
   * first request: a client that never sends one (only the handshake's `connect`, which is not a
   * pending request) builds none of them.
   */
  #state: DispatcherState | undefined;
  #counter = 0;

  constructor(settings: RequestDispatcherSettings) {
    this.#settings = settings;
  }

  /**
   * A request id unique for this client: a counter (`"1"`, `"2"`, …). The protocol asks ids to be
   * unique among the client's pending requests; a counter is, across reconnections too, and keeps
   * every request frame short.
   */
  nextId(): string {
    this.#counter += 1;
    return String(this.#counter);
  }

  /** Send now on `connection` when it is ready, else queue. Settles through the returned promise. */
  submit(method: string, params: unknown, options: RequestOptions, connection: Connection | undefined): Promise<unknown> {
    const state = (this.#state ??= this.#createState());
    return new Promise((resolve, reject) => {
      const id = this.nextId();
      const expectFinal = options.expectFinal ?? false;
      const request = new PendingRequest({
        id,
        method,
        frame: requestFrame(id, method, params, options.traceparent),
        expectFinal,
        replayable: options.idempotencyKey !== undefined || hasIdempotencyKey(params),
        timeoutMs: options.timeoutMs !== undefined ? options.timeoutMs : expectFinal ? null : this.#settings.defaultTimeoutMs,
        signal: options.signal,
        onProgress: options.onProgress,
        resolve,
        reject,
        owner: state.owner,
      });
      if (connection?.ready === true) this.#transmit(state, connection, request);
      else state.queue.enqueue(request);
    });
  }

  /** Route a response to its request (late replies are ignored). */
  settle(frame: ResponseFrame): void {
    this.#state?.pending.settle(frame);
  }

  /** Send every queued request on a connection that just completed its handshake. */
  flush(connection: Connection): void {
    const state = this.#state;
    if (state === undefined || state.queue.size === 0) return;
    for (const request of state.queue.drain()) this.#transmit(state, connection, request);
  }

  /**
   * The connection dropped: re-queue replayable requests when `replay`, reject the others with
   * `error`. A function is called (once) only when a request is rejected, so a drop with nothing
   * pending builds no error (and no stack trace).
   */
  dropped(replay: boolean, error: Error | (() => Error)): void {
    const state = this.#state;
    if (state === undefined || state.pending.size === 0) return;
    let built: Error | undefined;
    for (const request of state.pending.drain()) {
      if (replay && request.replayable) state.queue.enqueue(request, true);
      else request.fail((built ??= typeof error === 'function' ? error() : error));
    }
  }

  /** The client closed: reject everything, queued or sent (`error` as in {@link dropped}). */
  failAll(error: Error | (() => Error)): void {
    const state = this.#state;
    if (state === undefined || (state.queue.size === 0 && state.pending.size === 0)) return;
    let built: Error | undefined;
    for (const request of [...state.queue.drain(), ...state.pending.drain()]) request.fail((built ??= typeof error === 'function' ? error() : error));
  }

  #createState(): DispatcherState {
    const pending = new PendingRequests();
    const queue = new RequestQueue(this.#settings.queueMaxSize, this.#settings.queueTimeoutMs);
    const { onProgress } = this.#settings;
    const owner: PendingRequestOwner = {
      timeouts: new PendingRequestTimeouts(),
      settled: (request) => {
        pending.remove(request);
        queue.remove(request);
      },
      progress: (request, payload) => onProgress(request.id, request.method, payload),
    };
    return { pending, queue, owner };
  }

  #transmit(state: DispatcherState, connection: Connection, request: PendingRequest): void {
    state.pending.add(request);
    try {
      connection.send(request.frame);
    } catch (error) {
      this.#settings.logger.warn?.('send failed; the close will settle the request', { method: request.method, error });
    }
  }
}

function hasIdempotencyKey(params: unknown): boolean {
  return typeof fieldOf(params, 'idempotencyKey') === 'string';
}

/**
 * The `req` frame text, serialized once: the envelope written directly around the serialized
 * `method` and `params` (no envelope object per request; `id` is our counter, digits only). `params`
 * that serialize to nothing (`undefined`, a function) are left out, as `JSON.stringify` would.
 */
function requestFrame(id: string, method: string, params: unknown, traceparent: string | undefined): string {
  const body = params === undefined ? undefined : (JSON.stringify(params) as string | undefined);
  const head = `{"type":"req","id":"${id}","method":${JSON.stringify(method)}`;
  const withParams = body === undefined ? head : `${head},"params":${body}`;
  return traceparent === undefined ? `${withParams}}` : `${withParams},"traceparent":${JSON.stringify(traceparent)}}`;
}
