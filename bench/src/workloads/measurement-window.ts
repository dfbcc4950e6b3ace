import { performance } from 'node:perf_hooks';
import { sleep } from '../sleep';

/** The two edges of a measurement window, announced to the harness (it samples the server's CPU time there). */
export type WindowEdge = 'window-start' | 'window-end';

/**
 * A warm-up then a measurement window of fixed length. `measuring` is true only inside the window;
 * `stopped` becomes true at its end. Everything a workload counts, it counts while `measuring`. It
 * also measures this process's CPU time inside the window.
 */
export class MeasurementWindow {
  measuring = false;
  stopped = false;
  #startedAt = 0;
  #endedAt = 0;
  #cpuUs = 0;
  readonly #onEdge: ((edge: WindowEdge) => void) | undefined;

  constructor(onEdge?: (edge: WindowEdge) => void) {
    this.#onEdge = onEdge;
  }

  /** Run the warm-up and the window; resolves when the window is over. */
  async run(warmupMs: number, durationMs: number): Promise<void> {
    await sleep(warmupMs);
    this.measuring = true;
    this.#onEdge?.('window-start');
    const cpuAtStart = process.cpuUsage();
    this.#startedAt = performance.now();
    await sleep(durationMs);
    this.#endedAt = performance.now();
    const cpu = process.cpuUsage(cpuAtStart);
    this.#cpuUs = cpu.user + cpu.system;
    this.#onEdge?.('window-end');
    this.measuring = false;
    this.stopped = true;
  }

  /** CPU time (user + system) this process spent inside the window, µs. */
  get cpuUs(): number {
    return this.#cpuUs;
  }

  /** The real length of the window, ms. */
  get elapsedMs(): number {
    return this.#endedAt - this.#startedAt;
  }
}
