import type { Connection } from '../connection/connection';
import type { Instrumentation } from '../instrumentation/instrumentation';
import type { MethodRegistry } from '../methods/method-registry';
import { MonitorFeed, type MonitorSources } from './monitor-feed';
import { attachMonitorFeed } from './monitor-listeners';
import { registerMonitorMethods } from './monitor-methods';
import { monitorDefaults, type ResolvedMonitorOptions } from './monitor-options';
import { MonitorSubscribers } from './monitor-subscribers';
import type { WindowStats } from './request-window';

/**
 * The operator monitor feed of a gateway (`monitor.*`): the feed fed by the instrumentation, and,
 * unless the option is `false`, its subscribers and methods. Its request windows also give `status`
 * its latency, so the feed runs even with `monitor: false`. {@link MonitorFeature.stop} at close.
 */
export class MonitorFeature {
  readonly #feed: MonitorFeed;
  /** Connections following the feed; `undefined` with `monitor: false`. */
  readonly #subscribers: MonitorSubscribers | undefined;
  readonly #detach: () => void;

  constructor(
    options: ResolvedMonitorOptions | false,
    sources: MonitorSources,
    wiring: { readonly registry: MethodRegistry; readonly instrumentation: Instrumentation; connectionOf(connId: string): Connection | undefined },
  ) {
    this.#feed = new MonitorFeed(options === false ? monitorDefaults : options, sources);
    this.#subscribers = options === false ? undefined : new MonitorSubscribers(this.#feed, options.updateIntervalMs);
    if (this.#subscribers !== undefined) registerMonitorMethods(wiring.registry, this.#feed, this.#subscribers, wiring.connectionOf);
    this.#detach = attachMonitorFeed(wiring.instrumentation, this.#feed, this.#subscribers);
  }

  /** Latency of the requests answered in the last window, all methods together. */
  overallLatency(): WindowStats {
    return this.#feed.overallLatency();
  }

  stop(): void {
    this.#subscribers?.stop();
    this.#detach();
  }
}
