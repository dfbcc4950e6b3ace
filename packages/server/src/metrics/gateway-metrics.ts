import { collectDefaultMetrics, Registry } from 'prom-client';
import type { Instrumentation } from '../instrumentation/instrumentation';
import { registerEventMetrics } from './event-metrics';
import type { ResolvedMetricsOptions } from './metrics-options';
import { ScrapeSnapshot } from './scrape-snapshot';
import { registerSnapshotMetrics } from './snapshot-metrics';

/**
 * A gateway's Prometheus metrics on prom-client, built on its {@link Instrumentation} only: the
 * event metrics count as things happen, the snapshot metrics are read at each scrape.
 */
export class GatewayMetrics {
  readonly registry: Registry;
  readonly #unsubscribe: () => void;

  constructor(instrumentation: Instrumentation, options: ResolvedMetricsOptions) {
    this.registry = options.registry ?? new Registry();
    const withAdapter = instrumentation.snapshot().adapter !== undefined;
    registerSnapshotMetrics(this.registry, options.prefix, new ScrapeSnapshot(() => instrumentation.snapshot()), withAdapter);
    this.#unsubscribe = registerEventMetrics(this.registry, options, instrumentation);
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry, prefix: options.prefix });
  }

  /** Stop counting (the gateway closed); the registry keeps its last values. */
  stop(): void {
    this.#unsubscribe();
  }
}
