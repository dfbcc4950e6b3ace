import type { Connection } from '../connection/connection';
import type { Instrumentation } from '../instrumentation/instrumentation';
import type { MethodRegistry } from '../methods/method-registry';
import { MonitorFeed, type MonitorSources } from './monitor-feed';
import { attachMonitorFeed, followConnections } from './monitor-listeners';
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
  /** Detaches the connection listeners, attached while someone follows the feed. */
  #detachConnections: (() => void) | undefined;

  constructor(
    options: ResolvedMonitorOptions | false,
    sources: MonitorSources,
    wiring: { readonly registry: MethodRegistry; readonly instrumentation: Instrumentation; connectionOf(connId: string): Connection | undefined },
  ) {
    this.#feed = new MonitorFeed(options === false ? monitorDefaults : options, sources);
    const feed = this.#feed;
    const instrumentation = wiring.instrumentation;
    this.#subscribers =
      options === false
        ? undefined
        : new MonitorSubscribers(feed, options.updateIntervalMs, (following) => {
            if (following && this.#subscribers !== undefined) this.#detachConnections ??= followConnections(instrumentation, feed, this.#subscribers);
            else if (!following) this.#stopFollowingConnections();
          });
    if (this.#subscribers !== undefined) registerMonitorMethods(wiring.registry, this.#feed, this.#subscribers, wiring.connectionOf);
    this.#detach = attachMonitorFeed(wiring.instrumentation, this.#feed, this.#subscribers);
  }

  /** Latency of the requests answered in the last window, all methods together. */
  overallLatency(): WindowStats {
    return this.#feed.overallLatency();
  }

  stop(): void {
    this.#subscribers?.stop();
    this.#stopFollowingConnections();
    this.#detach();
  }

  #stopFollowingConnections(): void {
    this.#detachConnections?.();
    this.#detachConnections = undefined;
  }
}
