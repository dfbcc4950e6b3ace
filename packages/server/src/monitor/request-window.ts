import type { MonitorMethodStats } from '@gatewire/protocol';
import { LatencyHistogram } from './latency-histogram';
import { MONITOR_SLOT_MS, MONITOR_WINDOW_SLOTS } from './monitor-options';

/** Window figures of a {@link RequestWindow} (a `MonitorMethodStats` without the name). */
export type WindowStats = Omit<MonitorMethodStats, 'method'>;

/**
 * Finished requests of one method over the last {@link MONITOR_WINDOW_SLOTS} slots of
 * {@link MONITOR_SLOT_MS}: a ring of histograms, the slot of the current second reused once the
 * window has moved past it. Memory is fixed per method.
 */
export class RequestWindow {
  readonly #slots = Array.from({ length: MONITOR_WINDOW_SLOTS }, () => new LatencyHistogram());
  /** The slot number (`floor(now / MONITOR_SLOT_MS)`) each ring entry currently holds. */
  readonly #slotNumbers = new Float64Array(MONITOR_WINDOW_SLOTS).fill(-1);
  totalCount = 0;

  record(durationMs: number, ok: boolean, now: number): void {
    this.#slotAt(now).record(durationMs, ok);
    this.totalCount += 1;
  }

  /** Whether any request finished within the window. */
  active(now: number): boolean {
    const oldest = Math.floor(now / MONITOR_SLOT_MS) - MONITOR_WINDOW_SLOTS + 1;
    for (let index = 0; index < MONITOR_WINDOW_SLOTS; index += 1) {
      if ((this.#slotNumbers[index] as number) >= oldest && (this.#slots[index] as LatencyHistogram).count > 0) return true;
    }
    return false;
  }

  /** Rate, errors, average and percentiles over the window that ends `now`. */
  stats(now: number): WindowStats {
    const merged = new LatencyHistogram();
    const current = Math.floor(now / MONITOR_SLOT_MS);
    for (let index = 0; index < MONITOR_WINDOW_SLOTS; index += 1) {
      if ((this.#slotNumbers[index] as number) > current - MONITOR_WINDOW_SLOTS) merged.add(this.#slots[index] as LatencyHistogram);
    }
    return {
      count: merged.count,
      errors: merged.errors,
      ratePerSecond: Math.round((merged.count / ((MONITOR_SLOT_MS * MONITOR_WINDOW_SLOTS) / 1000)) * 100) / 100,
      avgMs: merged.avgMs,
      p50Ms: merged.quantile(0.5),
      p99Ms: merged.quantile(0.99),
      totalCount: this.totalCount,
    };
  }

  #slotAt(now: number): LatencyHistogram {
    const number = Math.floor(now / MONITOR_SLOT_MS);
    const index = number % MONITOR_WINDOW_SLOTS;
    const slot = this.#slots[index] as LatencyHistogram;
    if (this.#slotNumbers[index] !== number) {
      slot.reset();
      this.#slotNumbers[index] = number;
    }
    return slot;
  }
}
