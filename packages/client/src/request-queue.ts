import { GatewayClientError } from './errors/gateway-client-error';
import type { PendingRequest } from './pending-request';

/**
 * Requests issued while the client is (re)connecting. Bounded in size (`QUEUE_FULL`) and in waiting
 * time (`QUEUE_TIMEOUT`); drained in order once `hello-ok` arrives.
 */
export class RequestQueue {
  readonly #entries = new Map<PendingRequest, ReturnType<typeof setTimeout>>();
  readonly #maxSize: number;
  readonly #timeoutMs: number;

  constructor(maxSize: number, timeoutMs: number) {
    this.#maxSize = maxSize;
    this.#timeoutMs = timeoutMs;
  }

  /** Number of waiting requests. */
  get size(): number {
    return this.#entries.size;
  }

  /**
   * Queue a request, or reject it with `QUEUE_FULL`. Requests re-queued after a drop
   * (`force`) are always accepted: they were admitted before.
   */
  enqueue(request: PendingRequest, force = false): void {
    if (!force && this.#entries.size >= this.#maxSize) {
      request.fail(new GatewayClientError('QUEUE_FULL', `${request.method}: the reconnect queue is full (${this.#maxSize})`));
      return;
    }
    const timer = setTimeout(() => {
      request.fail(new GatewayClientError('QUEUE_TIMEOUT', `${request.method}: no connection within ${this.#timeoutMs} ms`));
    }, this.#timeoutMs);
    this.#entries.set(request, timer);
  }

  /** Forget a request (it settled). */
  remove(request: PendingRequest): void {
    const timer = this.#entries.get(request);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.#entries.delete(request);
  }

  /** Take every waiting request, in order. */
  drain(): PendingRequest[] {
    const requests = [...this.#entries.keys()];
    for (const timer of this.#entries.values()) clearTimeout(timer);
    this.#entries.clear();
    return requests;
  }
}
