import { GatewayClientError } from './errors/gateway-client-error';
import type { PendingRequestTimeouts, TimedRequest } from './pending-request-timeouts';

/** Where a request lives while it is pending: told when it settles or reports progress. */
export interface PendingRequestOwner {
  /** The timeouts of the owner's requests (one timer for all). */
  readonly timeouts: PendingRequestTimeouts;
  /** Called once when the request settles, to remove it from whichever collection holds it. */
  settled(request: PendingRequest): void;
  /** An intermediate `accepted` response of an `expectFinal` request. */
  progress(request: PendingRequest, payload: unknown): void;
}

/** What a caller asked for; the parts of a request that survive a reconnection. */
export interface PendingRequestInit {
  readonly id: string;
  readonly method: string;
  /** The serialized `req` frame, built once and re-sent as is after a reconnection. */
  readonly frame: string;
  readonly expectFinal: boolean;
  /** Safe to re-send after a drop (it carries an idempotency key). */
  readonly replayable: boolean;
  /** Overall timeout from the call, ms; `null` waits forever. */
  readonly timeoutMs: number | null;
  readonly signal: AbortSignal | undefined;
  /** The caller's progress listener (`RequestOptions.onProgress`). */
  readonly onProgress: ((payload: unknown) => void) | undefined;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly owner: PendingRequestOwner;
}

/**
 * One request from `client.request()` to its settlement: owns its deadline and abort listener, and
 * settles exactly once. Whether it waits in the queue or on the wire is the client's business. No
 * timer or closure of its own (the deadline is on the owner's shared timer; the abort listener
 * exists only when the caller passed a signal).
 */
export class PendingRequest implements TimedRequest {
  declare readonly id: string;
  declare readonly method: string;
  declare readonly frame: string;
  declare readonly expectFinal: boolean;
  declare readonly replayable: boolean;
  /** `Date.now()` at which it times out (`Infinity` without a timeout). */
  declare readonly deadline: number;
  readonly #timeoutMs: number | null;
  readonly #signal: AbortSignal | undefined;
  readonly #onProgress: ((payload: unknown) => void) | undefined;
  readonly #resolve: (value: unknown) => void;
  readonly #reject: (error: Error) => void;
  readonly #owner: PendingRequestOwner;
  readonly #onAbort: (() => void) | undefined;
  #settled = false;

  constructor(init: PendingRequestInit) {
    this.id = init.id;
    this.method = init.method;
    this.frame = init.frame;
    this.expectFinal = init.expectFinal;
    this.replayable = init.replayable;
    this.#timeoutMs = init.timeoutMs;
    this.#signal = init.signal;
    this.#onProgress = init.onProgress;
    this.#resolve = init.resolve;
    this.#reject = init.reject;
    this.#owner = init.owner;
    this.deadline = init.timeoutMs === null ? Number.POSITIVE_INFINITY : Date.now() + init.timeoutMs;
    const signal = init.signal;
    if (signal !== undefined) {
      const onAbort = (): void => this.fail(abortError(signal, this.method));
      this.#onAbort = onAbort;
      if (signal.aborted) {
        queueMicrotask(onAbort);
        return;
      }
      signal.addEventListener('abort', onAbort, { once: true });
    }
    if (init.timeoutMs !== null) init.owner.timeouts.add(this);
  }

  /** Whether it has settled (a late response is then ignored). */
  get settled(): boolean {
    return this.#settled;
  }

  /** Resolve with a result. */
  succeed(value: unknown): void {
    if (this.#finish()) this.#resolve(value);
  }

  /** Reject with an error. */
  fail(error: Error): void {
    if (this.#finish()) this.#reject(error);
  }

  /** An intermediate `accepted` response arrived: tell the caller and the owner. */
  progress(payload: unknown): void {
    this.#onProgress?.(payload);
    this.#owner.progress(this, payload);
  }

  /** The deadline passed. */
  timeOut(): void {
    this.fail(new GatewayClientError('REQUEST_TIMEOUT', `${this.method}: no response within ${this.#timeoutMs ?? 0} ms`));
  }

  #finish(): boolean {
    if (this.#settled) return false;
    this.#settled = true;
    if (this.#timeoutMs !== null) this.#owner.timeouts.remove(this);
    if (this.#onAbort !== undefined) this.#signal?.removeEventListener('abort', this.#onAbort);
    this.#owner.settled(this);
    return true;
  }
}

function abortError(signal: AbortSignal | undefined, method: string): GatewayClientError {
  return new GatewayClientError('ABORTED', `${method}: aborted`, { cause: signal?.reason });
}
