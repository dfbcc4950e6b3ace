/** Small, dependency-free statistics used by the harness and the report. */

/** Median of a list of numbers (mean of the two middle values for an even count); NaN when empty. */
export function median(values: readonly number[]): number {
  const finite = values.filter((value) => Number.isFinite(value));
  if (finite.length === 0) return Number.NaN;
  const sorted = [...finite].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[middle] as number;
  return ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/**
 * Percentile `p` (0–100) of values already sorted ascending, nearest-rank method: the smallest
 * value such that at least p % of the values are less than or equal to it. NaN when empty.
 */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  if (p <= 0) return sorted[0] as number;
  if (p >= 100) return sorted[sorted.length - 1] as number;
  // The epsilon keeps float error (0.999 × 1000 = 999.0000000000001) from bumping the rank.
  const rank = Math.ceil((p / 100) * sorted.length - 1e-9);
  return sorted[Math.max(0, rank - 1)] as number;
}

/** p50, p99 and p99.9 of a sample (the sample is copied and sorted). */
export interface LatencySummary {
  readonly count: number;
  readonly p50: number;
  readonly p99: number;
  readonly p999: number;
  readonly max: number;
}

export function summarizeLatencies(sample: ArrayLike<number>): LatencySummary {
  const sorted = Float64Array.from(sample).sort();
  return {
    count: sorted.length,
    p50: percentileOfSorted(sorted, 50),
    p99: percentileOfSorted(sorted, 99),
    p999: percentileOfSorted(sorted, 99.9),
    max: sorted.length === 0 ? Number.NaN : (sorted[sorted.length - 1] as number),
  };
}

/** `subject / baseline`; NaN when either is missing or the baseline is 0. */
export function ratio(subject: number, baseline: number): number {
  if (!Number.isFinite(subject) || !Number.isFinite(baseline) || baseline === 0) return Number.NaN;
  return subject / baseline;
}

/** Events per second from a count and a duration in ms; NaN when the duration is not positive. */
export function perSecond(count: number, durationMs: number): number {
  return durationMs > 0 ? (count * 1000) / durationMs : Number.NaN;
}

/** "min a, p25 b, median c, p75 d, max e" of the finite values, 3 decimals (how a set of per-pair ratios spread). */
export function describeSpread(values: readonly number[]): string {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((left, right) => left - right);
  const at = (p: number) => percentileOfSorted(sorted, p).toFixed(3);
  return `min ${at(0)}, p25 ${at(25)}, median ${median(sorted).toFixed(3)}, p75 ${at(75)}, max ${at(100)}`;
}
