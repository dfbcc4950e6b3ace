import { performance } from 'node:perf_hooks';
import { sleep } from '../sleep';

/**
 * A warm-up then a measurement window of fixed length. `measuring` is true only inside the window;
 * `stopped` becomes true at its end. Everything a workload counts, it counts while `measuring`.
 */
export class MeasurementWindow {
  measuring = false;
  stopped = false;
  #startedAt = 0;
  #endedAt = 0;

  /** Run the warm-up and the window; resolves when the window is over. */
  async run(warmupMs: number, durationMs: number): Promise<void> {
    await sleep(warmupMs);
    this.measuring = true;
    this.#startedAt = performance.now();
    await sleep(durationMs);
    this.#endedAt = performance.now();
    this.measuring = false;
    this.stopped = true;
  }

  /** The real length of the window, ms. */
  get elapsedMs(): number {
    return this.#endedAt - this.#startedAt;
  }
}
