import type { AuthKind, SystemName } from '../systems/types';

/** Everything the harness and its two kinds of children say to each other over IPC. */

/** How the server child is configured (argv[2], JSON). */
export interface ServerChildConfig {
  readonly system: SystemName;
  /** Count the TCP bytes in and out (frame-size probe). */
  readonly countBytes: boolean;
  readonly maxConnections: number;
  /** Gatewire only: Prometheus metrics on, scraped once a second (the metrics-overhead scenario). */
  readonly metrics?: boolean;
  /** Gatewire only: run on the Redis adapter (the cluster scenario). */
  readonly redis?: RedisAdapterTarget;
}

/** Which Redis and which cluster a Gatewire server child joins. */
export interface RedisAdapterTarget {
  /** `redis://127.0.0.1:<port>`. */
  readonly url: string;
  /** The adapter's cluster name: gateways of one measurement share it, measurements never do. */
  readonly cluster: string;
}

export interface MemorySample {
  readonly rss: number;
  readonly heapUsed: number;
  readonly external: number;
  readonly arrayBuffers: number;
}

export type HarnessToServer =
  | { readonly kind: 'broadcast'; readonly n: number }
  | { readonly kind: 'memory' }
  | { readonly kind: 'bytes' }
  | { readonly kind: 'cpu' }
  | { readonly kind: 'stop' };

export type ServerToHarness =
  | { readonly kind: 'ready'; readonly port: number }
  /** `cpuAtStartUs`: the server's total CPU time (user + system) just before the broadcast call, µs. */
  | { readonly kind: 'broadcast-sent'; readonly n: number; readonly startNs: number; readonly endNs: number; readonly cpuAtStartUs: number }
  | { readonly kind: 'memory'; readonly sample: MemorySample }
  | { readonly kind: 'bytes'; readonly bytesIn: number; readonly bytesOut: number }
  /** CPU time (user + system) of the server process so far, µs. */
  | { readonly kind: 'cpu'; readonly cpuUs: number }
  | { readonly kind: 'error'; readonly message: string };

/** Run-to-completion workloads: they report one `result` and exit. */
export type FiniteWorkload =
  | {
      readonly kind: 'throughput';
      readonly connections: number;
      readonly inflight: number;
      readonly warmupMs: number;
      readonly durationMs: number;
    }
  | {
      readonly kind: 'latency';
      readonly connections: number;
      readonly ratePerSec: number;
      readonly warmupMs: number;
      readonly durationMs: number;
      readonly drainMs: number;
    }
  | {
      readonly kind: 'handshake';
      readonly auth: AuthKind;
      readonly concurrency: number;
      readonly warmupMs: number;
      readonly durationMs: number;
    };

/** A fleet of connected clients that stays up until told to stop. */
export interface FleetWorkload {
  readonly kind: 'fleet';
  readonly connections: number;
  /** Subscribe every client to the broadcast event. */
  readonly subscribe: boolean;
  /** Open and close this many connections first. */
  readonly warmConnections: number;
  /** After the warm-up, report `warmed` and wait for `go` before opening the fleet. */
  readonly waitForGo: boolean;
  readonly connectConcurrency: number;
}

/**
 * Connections that stay up and run the closed-loop throughput load only inside the windows the
 * harness asks for (`window`), each answered by a `window-result`; idle in between, until `stop`.
 */
export interface ThroughputWindowsWorkload {
  readonly kind: 'throughput-windows';
  readonly connections: number;
  readonly inflight: number;
}

/**
 * The handshake load (open, authenticate, close, again, on `concurrency` lanes) run only inside the
 * windows the harness asks for (`window`), each answered by a `window-result`; idle in between.
 */
export interface HandshakeWindowsWorkload {
  readonly kind: 'handshake-windows';
  readonly auth: AuthKind;
  readonly concurrency: number;
}

export type Workload = FiniteWorkload | FleetWorkload | ThroughputWindowsWorkload | HandshakeWindowsWorkload;

/** How the load child is configured (argv[2], JSON); the port follows in a `start` message. */
export interface LoadChildConfig {
  readonly system: SystemName;
  readonly workload: Workload;
}

export type HarnessToLoad =
  | { readonly kind: 'start'; readonly port: number }
  | { readonly kind: 'go' }
  | { readonly kind: 'rpc'; readonly count: number }
  /** Run the load for `warmupMs` unmeasured, then `durationMs` measured (`throughput-windows`, `handshake-windows`). */
  | { readonly kind: 'window'; readonly warmupMs: number; readonly durationMs: number }
  | { readonly kind: 'stop' };

export interface ThroughputResult {
  readonly kind: 'throughput';
  readonly completed: number;
  readonly errors: number;
  readonly elapsedMs: number;
  /** CPU time of the load generator inside the window, µs. */
  readonly clientCpuUs: number;
}

export interface LatencyResult {
  readonly kind: 'latency';
  readonly sent: number;
  readonly completed: number;
  readonly unanswered: number;
  /** Requests answered with an error (counted as infinitely slow in the percentiles). */
  readonly failed: number;
  readonly elapsedMs: number;
  /** Latencies in ms (unanswered ones are counted at the drain deadline). */
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly p999Ms: number;
  readonly maxMs: number;
}

export interface HandshakeResult {
  readonly kind: 'handshake';
  readonly completed: number;
  readonly errors: number;
  readonly elapsedMs: number;
  /** CPU time of the load generator inside the window, µs. */
  readonly clientCpuUs: number;
}

export type FiniteResult = ThroughputResult | LatencyResult | HandshakeResult;

export type LoadToHarness =
  | { readonly kind: 'result'; readonly result: FiniteResult }
  | { readonly kind: 'warmed' }
  | { readonly kind: 'window-start' }
  | { readonly kind: 'window-end' }
  | { readonly kind: 'ready'; readonly connected: number }
  /** `cpuUs`: the load generator's total CPU time (user + system) when its last client got event `n`, µs. */
  | { readonly kind: 'received'; readonly n: number; readonly lastAtNs: number; readonly count: number; readonly cpuUs: number }
  | { readonly kind: 'rpc-done'; readonly count: number }
  /** The answer to `window`: requests answered (or handshakes completed) inside it, their errors, its real length and this process's CPU time in it. */
  | { readonly kind: 'window-result'; readonly result: ThroughputResult | HandshakeResult }
  | { readonly kind: 'error'; readonly message: string };
