/** Handler latency over the most recent calls: average and 99th percentile, ms. */
export class LatencyStats {
  readonly #samples: Float64Array;
  #count = 0;
  #next = 0;

  constructor(capacity = 1024) {
    this.#samples = new Float64Array(capacity);
  }

  record(durationMs: number): void {
    this.#samples[this.#next] = durationMs;
    this.#next = (this.#next + 1) % this.#samples.length;
    this.#count = Math.min(this.#count + 1, this.#samples.length);
  }

  summary(): { avg: number; p99: number } {
    if (this.#count === 0) return { avg: 0, p99: 0 };
    const window = Array.from(this.#samples.subarray(0, this.#count)).sort((left, right) => left - right);
    const avg = window.reduce((sum, value) => sum + value, 0) / window.length;
    const p99 = window[Math.min(window.length - 1, Math.ceil(window.length * 0.99) - 1)] ?? 0;
    return { avg: round(avg), p99: round(p99) };
  }
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
