import { GatewayClientError } from './errors/gateway-client-error';

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
  readonly onProgress: ((payload: unknown) => void) | undefined;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
  /** Called once when the request settles, to remove it from whichever collection holds it. */
  readonly onSettled: (request: PendingRequest) => void;
}

/**
 * One request from `client.request()` to its settlement: owns its timeout and abort listener, and
 * settles exactly once. Whether it waits in the queue or on the wire is the client's business.
 */
export class PendingRequest {
  readonly id: string;
  readonly method: string;
  readonly frame: string;
  readonly expectFinal: boolean;
  readonly replayable: boolean;
  readonly onProgress: ((payload: unknown) => void) | undefined;
  #settled = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #init: PendingRequestInit;
  readonly #onAbort = (): void => this.fail(abortError(this.#init.signal, this.method));

  constructor(init: PendingRequestInit) {
    this.#init = init;
    this.id = init.id;
    this.method = init.method;
    this.frame = init.frame;
    this.expectFinal = init.expectFinal;
    this.replayable = init.replayable;
    this.onProgress = init.onProgress;
    if (init.signal?.aborted) {
      queueMicrotask(this.#onAbort);
      return;
    }
    init.signal?.addEventListener('abort', this.#onAbort, { once: true });
    if (init.timeoutMs !== null) {
      const timeoutMs = init.timeoutMs;
      this.#timer = setTimeout(() => {
        this.fail(new GatewayClientError('REQUEST_TIMEOUT', `${this.method}: no response within ${timeoutMs} ms`));
      }, timeoutMs);
    }
  }

  /** Whether it has settled (a late response is then ignored). */
  get settled(): boolean {
    return this.#settled;
  }

  /** Resolve with a result. */
  succeed(value: unknown): void {
    if (this.#finish()) this.#init.resolve(value);
  }

  /** Reject with an error. */
  fail(error: Error): void {
    if (this.#finish()) this.#init.reject(error);
  }

  #finish(): boolean {
    if (this.#settled) return false;
    this.#settled = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#init.signal?.removeEventListener('abort', this.#onAbort);
    this.#init.onSettled(this);
    return true;
  }
}

function abortError(signal: AbortSignal | undefined, method: string): GatewayClientError {
  return new GatewayClientError('ABORTED', `${method}: aborted`, { cause: signal?.reason });
}
