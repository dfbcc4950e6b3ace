import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { EventLoopDelay } from '@gatewire/protocol';

/** Sampling resolution of the event-loop delay histogram, ms. */
const RESOLUTION_MS = 20;
const NS_PER_MS = 1e6;

/**
 * The event-loop delay of this process (Node's `monitorEventLoopDelay`), read and reset by each
 * {@link EventLoopMonitor.read}: the figures cover the window since the previous read.
 */
export class EventLoopMonitor {
  readonly #histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  #windowStartMs = Date.now();

  start(): void {
    this.#histogram.enable();
  }

  stop(): void {
    this.#histogram.disable();
  }

  /** The delay since the previous read (zeros when no sample was taken yet), then start a new window. */
  read(nowMs = Date.now()): EventLoopDelay {
    const histogram = this.#histogram;
    const sampled = histogram.count > 0;
    const delay: EventLoopDelay = {
      intervalMs: Math.max(0, nowMs - this.#windowStartMs),
      delayMeanMs: sampled ? histogram.mean / NS_PER_MS : 0,
      delayP99Ms: sampled ? histogram.percentile(99) / NS_PER_MS : 0,
      delayMaxMs: sampled ? histogram.max / NS_PER_MS : 0,
    };
    histogram.reset();
    this.#windowStartMs = nowMs;
    return delay;
  }
}
