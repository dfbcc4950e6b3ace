/**
 * Bounds handler work across the gateway: at most `maxConcurrent` handlers run; up to `maxQueued`
 * more wait in FIFO order; beyond that {@link tryAcquire} refuses, and the caller answers busy
 * instead of growing memory.
 */
export class WorkLimiter {
  readonly #maxConcurrent: number;
  readonly #maxQueued: number;
  #active = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(maxConcurrent: number, maxQueued: number) {
    this.#maxConcurrent = maxConcurrent;
    this.#maxQueued = maxQueued;
  }

  /** Requests waiting for a slot. */
  get queueDepth(): number {
    return this.#waiting.length;
  }

  /** Handlers running. */
  get active(): number {
    return this.#active;
  }

  /** Take a free slot now (no promise, no tick): `true` when one was free. */
  acquireNow(): boolean {
    if (this.#active >= this.#maxConcurrent) return false;
    this.#active += 1;
    return true;
  }

  /**
   * Wait in line for a slot: a promise resolved when {@link release} hands one over, or `undefined`
   * when the queue is full. Call after {@link acquireNow} returned `false`.
   */
  enqueue(): Promise<void> | undefined {
    if (this.#waiting.length >= this.#maxQueued) return undefined;
    return new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  /** A promise of a slot (resolved at once when one is free), or `undefined` when the queue is full. */
  tryAcquire(): Promise<void> | undefined {
    return this.acquireNow() ? Promise.resolve() : this.enqueue();
  }

  /** Give a slot back; the next waiter (if any) takes it over. */
  release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#active -= 1;
  }
}
