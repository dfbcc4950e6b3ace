import type { SoakSecond } from './soak-messages';

/**
 * The soak's pass condition, flat memory: the gateway's RSS and heap used, averaged over the last
 * window, may exceed their average over the first window after the warm-up by at most
 * {@link memoryGrowthBound} (a fraction). The window is a minute, or a fifth of a shorter run; the
 * warm-up is one window. Also: no failed request.
 */

export const memoryGrowthBound = 0.1;

export interface MemoryWindowCheck {
  readonly baseline: number;
  readonly last: number;
  readonly growth: number;
  readonly ok: boolean;
}

export interface SoakVerdict {
  readonly ok: boolean;
  readonly windowSeconds: number;
  readonly rss: MemoryWindowCheck;
  readonly heap: MemoryWindowCheck;
  readonly failedRequests: number;
}

export function soakVerdict(seconds: readonly SoakSecond[]): SoakVerdict {
  const windowSeconds = Math.max(1, Math.min(60, Math.floor(seconds.length / 5)));
  const baseline = seconds.slice(windowSeconds, 2 * windowSeconds);
  const last = seconds.slice(-windowSeconds);
  const check = (pick: (second: SoakSecond) => number): MemoryWindowCheck => {
    const before = mean(baseline.map(pick));
    const after = mean(last.map(pick));
    const growth = after / before - 1;
    return { baseline: before, last: after, growth, ok: Number.isFinite(growth) && growth <= memoryGrowthBound };
  };
  const rss = check((second) => second.rssMiB);
  const heap = check((second) => second.heapUsedMiB);
  const failedRequests = seconds.reduce((total, second) => total + second.failed, 0);
  return { ok: rss.ok && heap.ok && failedRequests === 0, windowSeconds, rss, heap, failedRequests };
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((total, value) => total + value, 0) / values.length;
}
