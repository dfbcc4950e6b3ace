/**
 * Heartbeat watchdog. Any frame counts as life. The connection only counts the frames it receives
 * (no clock read and no timer per frame: a broadcast reaches every connection of a process in turn);
 * a timer checks the count four times per window. When no frame arrived for `2 × tickIntervalMs`,
 * `onTimeout` runs once (at most a quarter of a window later); the client then closes with 4000
 * "tick timeout" and reconnects.
 */
export class TickWatchdog {
  /** The number of frames the connection has received so far. */
  readonly #framesReceived: () => number;
  readonly #onTimeout: (silentMs: number) => void;
  #windowMs = 0;
  /** The frame count at the last check that saw it change. */
  #framesSeen = 0;
  /** When a check last saw the count change (or the start): no frame arrived since, at the latest. */
  #quietSince = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(framesReceived: () => number, onTimeout: (silentMs: number) => void) {
    this.#framesReceived = framesReceived;
    this.#onTimeout = onTimeout;
  }

  /** Start (or restart) watching with the gateway's `policy.tickIntervalMs`. `0` disables it. */
  start(tickIntervalMs: number): void {
    this.stop();
    if (!(tickIntervalMs > 0)) return;
    this.#windowMs = 2 * tickIntervalMs;
    this.#framesSeen = this.#framesReceived();
    this.#quietSince = Date.now();
    this.#schedule();
  }

  /** Stop watching. */
  stop(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #schedule(): void {
    this.#timer = setTimeout(this.#check, this.#windowMs / 4);
    (this.#timer as { unref?: () => void }).unref?.();
  }

  readonly #check = (): void => {
    this.#timer = undefined;
    const now = Date.now();
    const frames = this.#framesReceived();
    if (frames !== this.#framesSeen) {
      this.#framesSeen = frames;
      this.#quietSince = now;
    } else if (now - this.#quietSince >= this.#windowMs) {
      this.#onTimeout(now - this.#quietSince);
      return;
    }
    this.#schedule();
  };
}
