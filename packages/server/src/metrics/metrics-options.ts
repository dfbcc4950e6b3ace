import type { Registry } from 'prom-client';

/** Options of the gateway's Prometheus metrics (`GatewayOptions.metrics`, `gateway.metrics()`). */
export interface MetricsOptions {
  /**
   * Register the metrics on this registry (the host's, e.g. prom-client's global `register`). One
   * gateway per registry, unless each has its own {@link prefix}.
   * @default a new `Registry` owned by the gateway
   */
  registry?: Registry;
  /** Prefix of every metric name (`[a-zA-Z_:][a-zA-Z0-9_:]*`). @default "gatewire_" */
  prefix?: string;
  /** Upper bounds of the request latency histogram, seconds. @default metricsDefaults.requestDurationBucketsSeconds */
  requestDurationBucketsSeconds?: readonly number[];
  /** Upper bounds of the `node.invoke` latency histogram, seconds. @default metricsDefaults.nodeInvokeDurationBucketsSeconds */
  nodeInvokeDurationBucketsSeconds?: readonly number[];
  /** Also collect prom-client's default process metrics (CPU, memory, event-loop lag, GC) on the registry. @default false */
  processMetrics?: boolean;
}

/** Defaults of {@link MetricsOptions}. */
export const metricsDefaults = {
  prefix: 'gatewire_',
  requestDurationBucketsSeconds: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  nodeInvokeDurationBucketsSeconds: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
  processMetrics: false,
} as const;

/** {@link MetricsOptions} with defaults applied and checked. */
export interface ResolvedMetricsOptions {
  readonly registry: Registry | undefined;
  readonly prefix: string;
  readonly requestDurationBucketsSeconds: readonly number[];
  readonly nodeInvokeDurationBucketsSeconds: readonly number[];
  readonly processMetrics: boolean;
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

function checkBuckets(name: string, buckets: readonly number[]): readonly number[] {
  const increasing = buckets.every((bound, index) => Number.isFinite(bound) && bound > 0 && (index === 0 || bound > (buckets[index - 1] as number)));
  if (buckets.length === 0 || !increasing) throw new TypeError(`metrics option ${name} must be positive, finite and increasing, got [${buckets.join(', ')}]`);
  return [...buckets];
}

/** Apply the defaults; an invalid option is a `TypeError` naming it. */
export function resolveMetricsOptions(options: MetricsOptions): ResolvedMetricsOptions {
  const prefix = options.prefix ?? metricsDefaults.prefix;
  if (prefix !== '' && !METRIC_NAME.test(prefix)) throw new TypeError(`metrics option prefix must match ${METRIC_NAME.source}, got "${prefix}"`);
  return {
    registry: options.registry,
    prefix,
    requestDurationBucketsSeconds: checkBuckets('requestDurationBucketsSeconds', options.requestDurationBucketsSeconds ?? metricsDefaults.requestDurationBucketsSeconds),
    nodeInvokeDurationBucketsSeconds: checkBuckets('nodeInvokeDurationBucketsSeconds', options.nodeInvokeDurationBucketsSeconds ?? metricsDefaults.nodeInvokeDurationBucketsSeconds),
    processMetrics: options.processMetrics ?? metricsDefaults.processMetrics,
  };
}
