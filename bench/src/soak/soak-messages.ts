/** What the soak harness and its children say to each other over IPC, and what a run records. */

/** Configuration of the soak's gateway child (argv[2], JSON). */
export interface SoakGatewayConfig {
  readonly maxConnections: number;
  /** One broadcast to every connection per interval. */
  readonly broadcastIntervalMs: number;
}

/** Configuration of a soak load child (argv[2], JSON); the port follows in `start`. */
export interface SoakLoadConfig {
  readonly connections: number;
  /** Requests per second this child sends, spread over its connections. */
  readonly requestsPerSecond: number;
  readonly connectConcurrency: number;
}

/** One second of the gateway process. */
export interface GatewaySample {
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
  /** Event-loop delay over the second (`monitorEventLoopDelay`, 10 ms resolution), ms. */
  readonly loopDelayP99Ms: number;
  readonly loopDelayMaxMs: number;
}

/** One second of one load child. */
export interface LoadSample {
  /** Round-trip times of the requests answered this second, ms. */
  readonly latenciesMs: readonly number[];
  readonly failed: number;
  readonly eventsReceived: number;
}

export type HarnessToSoakChild = { readonly kind: 'start'; readonly port: number } | { readonly kind: 'measure' } | { readonly kind: 'stop' };

export type SoakGatewayMessage =
  | { readonly kind: 'ready'; readonly port: number }
  | { readonly kind: 'sample'; readonly sample: GatewaySample }
  | { readonly kind: 'error'; readonly message: string };

export type SoakLoadMessage =
  | { readonly kind: 'connected'; readonly connections: number }
  | { readonly kind: 'sample'; readonly sample: LoadSample }
  | { readonly kind: 'error'; readonly message: string };

/** One second of the whole soak, as recorded and plotted. */
export interface SoakSecond {
  /** Seconds since the measurement started. */
  readonly second: number;
  readonly rssMiB: number;
  readonly heapUsedMiB: number;
  readonly loopDelayP99Ms: number;
  /** p99 request round trip of the second, ms (NaN when no request was answered). */
  readonly requestP99Ms: number;
  readonly requests: number;
  readonly failed: number;
  readonly eventsReceived: number;
}
