import { MONITOR_LATENCY_BUCKETS_MS } from '@gatewire/protocol';

const BOUNDS: readonly number[] = MONITOR_LATENCY_BUCKETS_MS;

/**
 * Durations counted in the fixed buckets of {@link MONITOR_LATENCY_BUCKETS_MS} (plus one overflow
 * bucket): constant memory whatever the traffic, and mergeable, so a sliding window is a sum of
 * slots. Percentiles are estimates, exact to the bucket and linear inside it. Written here rather
 * than taken from a library: prom-client's histograms give no percentiles and its summaries are
 * asynchronous and tied to a registry; this is a small array of counts.
 */
export class LatencyHistogram {
  readonly #counts = new Uint32Array(BOUNDS.length + 1);
  count = 0;
  sumMs = 0;
  errors = 0;

  record(durationMs: number, ok: boolean): void {
    let index = 0;
    while (index < BOUNDS.length && durationMs > (BOUNDS[index] as number)) index += 1;
    this.#counts[index] = (this.#counts[index] ?? 0) + 1;
    this.count += 1;
    this.sumMs += durationMs;
    if (!ok) this.errors += 1;
  }

  /** Add `other`'s counts to this one. */
  add(other: LatencyHistogram): void {
    for (let index = 0; index < this.#counts.length; index += 1) this.#counts[index] = (this.#counts[index] ?? 0) + (other.#counts[index] ?? 0);
    this.count += other.count;
    this.sumMs += other.sumMs;
    this.errors += other.errors;
  }

  reset(): void {
    this.#counts.fill(0);
    this.count = 0;
    this.sumMs = 0;
    this.errors = 0;
  }

  /** The estimated `q`-quantile (0..1), ms; 0 when empty. */
  quantile(q: number): number {
    if (this.count === 0) return 0;
    const rank = q * this.count;
    let below = 0;
    for (let index = 0; index < this.#counts.length; index += 1) {
      const inBucket = this.#counts[index] ?? 0;
      if (inBucket > 0 && below + inBucket >= rank) {
        if (index >= BOUNDS.length) return BOUNDS[BOUNDS.length - 1] as number;
        const lower = index === 0 ? 0 : (BOUNDS[index - 1] as number);
        const upper = BOUNDS[index] as number;
        return round(lower + ((upper - lower) * (rank - below)) / inBucket);
      }
      below += inBucket;
    }
    return BOUNDS[BOUNDS.length - 1] as number;
  }

  get avgMs(): number {
    return this.count === 0 ? 0 : round(this.sumMs / this.count);
  }
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
