/**
 * Heartbeat watchdog. Any frame counts as life (`touch()` only stores a timestamp: no timer per
 * frame). When nothing arrived for `2 × tickIntervalMs`, `onTimeout` runs once; the client then
 * closes with 4000 "tick timeout" and reconnects.
 */
export class TickWatchdog {
  readonly #onTimeout: (silentMs: number) => void;
  #windowMs = 0;
  #lastFrameAt = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(onTimeout: (silentMs: number) => void) {
    this.#onTimeout = onTimeout;
  }

  /** Start (or restart) watching with the gateway's `policy.tickIntervalMs`. `0` disables it. */
  start(tickIntervalMs: number): void {
    this.stop();
    if (!(tickIntervalMs > 0)) return;
    this.#windowMs = 2 * tickIntervalMs;
    this.#lastFrameAt = Date.now();
    this.#schedule(this.#windowMs);
  }

  /** A frame arrived. */
  touch(): void {
    this.#lastFrameAt = Date.now();
  }

  /** Stop watching. */
  stop(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #schedule(delayMs: number): void {
    this.#timer = setTimeout(this.#check, delayMs);
    (this.#timer as { unref?: () => void }).unref?.();
  }

  readonly #check = (): void => {
    this.#timer = undefined;
    const silentMs = Date.now() - this.#lastFrameAt;
    if (silentMs >= this.#windowMs) {
      this.#onTimeout(silentMs);
      return;
    }
    this.#schedule(this.#windowMs - silentMs);
  };
}
