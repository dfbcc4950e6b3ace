/** Options of `gateway.close()`. */
export interface ShutdownOptions {
  /** Sent in the `shutdown` event. @default "gateway shutting down" */
  reason?: string;
  /** Sent in the `shutdown` event: when clients may expect the gateway back, ms. */
  restartExpectedMs?: number;
}

/**
 * The bookkeeping of a graceful shutdown: runs the shutdown once, waits for sockets to close, and
 * owns every delay timer of the gateway so none outlives it.
 */
export class ShutdownSequence {
  #promise: Promise<void> | undefined;
  readonly #delays = new Map<NodeJS.Timeout, () => void>();
  #waiter: (() => void) | undefined;

  get started(): boolean {
    return this.#promise !== undefined;
  }

  /** Run `steps` once; later calls get the same promise. Pending delays end at once. */
  run(steps: () => Promise<void>): Promise<void> {
    if (this.#promise === undefined) {
      for (const [timer, resolve] of this.#delays) {
        clearTimeout(timer);
        resolve();
      }
      this.#delays.clear();
      this.#promise = steps();
    }
    return this.#promise;
  }

  /** Wait `ms` (or until shutdown starts). */
  delay(ms: number): Promise<void> {
    if (this.started) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#delays.delete(timer);
        resolve();
      }, ms);
      this.#delays.set(timer, resolve);
    });
  }

  /** Tell a waiting shutdown how many sockets remain. */
  connectionClosed(remaining: number): void {
    if (remaining === 0) this.#waiter?.();
  }

  /** Resolves `true` when no socket remains, `false` after `timeoutMs`. */
  waitForConnections(remaining: number, timeoutMs: number): Promise<boolean> {
    if (remaining === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#waiter = undefined;
        resolve(false);
      }, timeoutMs);
      this.#waiter = () => {
        clearTimeout(timer);
        this.#waiter = undefined;
        resolve(true);
      };
    });
  }
}
