/** What the heartbeat drives. */
export interface HeartbeatHost {
  /** Broadcast `tick {ts}`. */
  tick(): void;
  /** Ping every socket; terminate those that missed the previous pong window. */
  sweep(now: number): void;
}

/** Timers of the heartbeat: `tick` every `tickIntervalMs`, ping sweeps every `pingIntervalMs`. */
export class Heartbeat {
  readonly #host: HeartbeatHost;
  readonly #tickIntervalMs: number;
  readonly #pingIntervalMs: number;
  #tickTimer: NodeJS.Timeout | undefined;
  #pingTimer: NodeJS.Timeout | undefined;

  constructor(host: HeartbeatHost, tickIntervalMs: number, pingIntervalMs: number) {
    this.#host = host;
    this.#tickIntervalMs = tickIntervalMs;
    this.#pingIntervalMs = pingIntervalMs;
  }

  start(): void {
    if (this.#tickTimer) return;
    this.#tickTimer = setInterval(() => this.#host.tick(), this.#tickIntervalMs);
    this.#pingTimer = setInterval(() => this.#host.sweep(Date.now()), this.#pingIntervalMs);
    this.#tickTimer.unref();
    this.#pingTimer.unref();
  }

  stop(): void {
    clearInterval(this.#tickTimer);
    clearInterval(this.#pingTimer);
    this.#tickTimer = undefined;
    this.#pingTimer = undefined;
  }
}
