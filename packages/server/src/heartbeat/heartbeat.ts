/** What the heartbeat drives. */
export interface HeartbeatHost {
  /** Broadcast `tick {ts}`. */
  tick(): void;
  /** Ping every socket; terminate those that missed the previous pong window. */
  sweep(now: number): void;
  /** Refresh and broadcast the health snapshot. */
  health(): void;
}

/**
 * Timers of the heartbeat: `tick` every `tickIntervalMs`, ping sweeps every `pingIntervalMs`, and
 * the `health` broadcast every `healthIntervalMs`.
 */
export class Heartbeat {
  readonly #host: HeartbeatHost;
  readonly #tickIntervalMs: number;
  readonly #pingIntervalMs: number;
  readonly #healthIntervalMs: number;
  #timers: NodeJS.Timeout[] = [];

  constructor(host: HeartbeatHost, intervals: { tickIntervalMs: number; pingIntervalMs: number; healthIntervalMs: number }) {
    this.#host = host;
    this.#tickIntervalMs = intervals.tickIntervalMs;
    this.#pingIntervalMs = intervals.pingIntervalMs;
    this.#healthIntervalMs = intervals.healthIntervalMs;
  }

  start(): void {
    if (this.#timers.length > 0) return;
    this.#timers = [
      setInterval(() => this.#host.tick(), this.#tickIntervalMs),
      setInterval(() => this.#host.sweep(Date.now()), this.#pingIntervalMs),
      setInterval(() => this.#host.health(), this.#healthIntervalMs),
    ];
    for (const timer of this.#timers) timer.unref();
  }

  stop(): void {
    for (const timer of this.#timers) clearInterval(timer);
    this.#timers = [];
  }
}
