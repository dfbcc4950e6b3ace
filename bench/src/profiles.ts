/** The three run profiles: `quick` (default, < 3 min), `full` (the numbers), `smoke` (CI, seconds). */

export type ProfileName = 'quick' | 'full' | 'smoke';

export interface Profile {
  readonly name: ProfileName;
  /** Rounds of A B C D E alternation per case. */
  readonly rounds: number;
  readonly throughput: {
    readonly cases: readonly { readonly connections: number; readonly inflight: number }[];
    readonly warmupMs: number;
    readonly durationMs: number;
  };
  readonly latency: {
    readonly connections: number;
    /** Fraction of the lower of Gatewire's and raw ws's single-connection peak. */
    readonly rateFraction: number;
    readonly warmupMs: number;
    readonly durationMs: number;
    readonly drainMs: number;
  };
  readonly broadcast: {
    readonly clientCounts: readonly number[];
    /**
     * Unmeasured broadcasts first: the first ones after the handshakes run code that the JIT has not
     * optimized yet (on both sides), which is not what deliveries per second describe.
     */
    readonly warmupEvents: number;
    /** Measured broadcasts per measurement (after the warm-up ones). */
    readonly events: number;
    /** Spread the clients over two load generators from this many clients on. */
    readonly twoLoadGeneratorsFrom: number;
  };
  readonly memory: { readonly connections: number; readonly twoLoadGeneratorsFrom: number };
  readonly handshake: {
    readonly concurrency: number;
    /**
     * Unmeasured handshakes first. Every handshake runs a wide stretch of code (Node's `net`/`http`,
     * `ws`, the system's own handshake), and the CPU time per handshake of every system keeps falling
     * for the first few thousand of them while the JIT settles (bench/profiling-notes.md): the full
     * profile warms up long enough to measure the steady state a long-running gateway runs in.
     */
    readonly warmupMs: number;
    readonly durationMs: number;
  };
  /** The cluster scenario (issue 13): broadcast clients spread over the gateways, and events timed one by one across two gateways. */
  readonly cluster: { readonly clients: number; readonly latencyEvents: number };
  /**
   * The metrics-overhead scenario (issue 14): a server with metrics on and one with metrics off stay
   * up for the whole case, each with its own load, and are measured in short windows, one pair of
   * windows after the other (see bench/README.md).
   */
  readonly metricsOverhead: {
    /** Pairs of windows per case (one on, one off; the order alternates from pair to pair). */
    readonly pairs: number;
    /** Unmeasured RPC load on each server before the first pair, ms. */
    readonly warmupMs: number;
    /** Each RPC window: unmeasured lead-in, then the measured time, ms. */
    readonly windowWarmupMs: number;
    readonly windowMs: number;
    /** Broadcasts measured in each broadcast window (its value is their median). */
    readonly eventsPerWindow: number;
  };
  /**
   * The versus-ws scenario (issue 15's goals): Gatewire and raw ws side by side, both up for the whole
   * case, measured in short windows one pair after the other (as metricsOverhead), for the handshake
   * and the broadcast cases; their clients and concurrency are the handshake and broadcast scenarios'.
   */
  readonly versusWs: {
    /** Pairs of windows per case (one Gatewire, one raw ws; the order alternates from pair to pair). */
    readonly pairs: number;
    /** Unmeasured handshakes on each side before the first pair, ms (see `handshake.warmupMs`). */
    readonly handshakeWarmupMs: number;
    /** Each handshake window: unmeasured lead-in, then the measured time, ms. */
    readonly handshakeWindowWarmupMs: number;
    readonly handshakeWindowMs: number;
    /** Broadcasts measured in each broadcast window (its value is their median). */
    readonly eventsPerWindow: number;
  };
  /** Handshakes under way at once while opening a fleet. */
  readonly connectConcurrency: number;
}

export const PROFILES: Readonly<Record<ProfileName, Profile>> = {
  quick: {
    name: 'quick',
    rounds: 3,
    throughput: {
      cases: [
        { connections: 1, inflight: 64 },
        { connections: 50, inflight: 8 },
      ],
      warmupMs: 150,
      durationMs: 500,
    },
    latency: { connections: 1, rateFraction: 0.5, warmupMs: 150, durationMs: 700, drainMs: 700 },
    broadcast: { clientCounts: [200, 1000], warmupEvents: 5, events: 5, twoLoadGeneratorsFrom: 2000 },
    memory: { connections: 1000, twoLoadGeneratorsFrom: 5000 },
    handshake: { concurrency: 8, warmupMs: 100, durationMs: 500 },
    cluster: { clients: 600, latencyEvents: 200 },
    metricsOverhead: { pairs: 8, warmupMs: 1000, windowWarmupMs: 100, windowMs: 400, eventsPerWindow: 3 },
    versusWs: { pairs: 6, handshakeWarmupMs: 1000, handshakeWindowWarmupMs: 100, handshakeWindowMs: 400, eventsPerWindow: 3 },
    connectConcurrency: 32,
  },
  full: {
    name: 'full',
    rounds: 3,
    throughput: {
      cases: [
        { connections: 1, inflight: 64 },
        { connections: 200, inflight: 8 },
      ],
      warmupMs: 1000,
      durationMs: 5000,
    },
    latency: { connections: 1, rateFraction: 0.5, warmupMs: 1000, durationMs: 5000, drainMs: 5000 },
    broadcast: { clientCounts: [1000, 10_000], warmupEvents: 20, events: 30, twoLoadGeneratorsFrom: 2000 },
    memory: { connections: 10_000, twoLoadGeneratorsFrom: 5000 },
    handshake: { concurrency: 8, warmupMs: 4000, durationMs: 3000 },
    cluster: { clients: 3000, latencyEvents: 1000 },
    metricsOverhead: { pairs: 20, warmupMs: 3000, windowWarmupMs: 200, windowMs: 1000, eventsPerWindow: 5 },
    versusWs: { pairs: 16, handshakeWarmupMs: 4000, handshakeWindowWarmupMs: 200, handshakeWindowMs: 1000, eventsPerWindow: 5 },
    connectConcurrency: 64,
  },
  smoke: {
    name: 'smoke',
    rounds: 1,
    throughput: {
      cases: [
        { connections: 1, inflight: 4 },
        { connections: 3, inflight: 2 },
      ],
      warmupMs: 50,
      durationMs: 150,
    },
    latency: { connections: 1, rateFraction: 0.1, warmupMs: 50, durationMs: 200, drainMs: 1000 },
    broadcast: { clientCounts: [4], warmupEvents: 1, events: 2, twoLoadGeneratorsFrom: 4 },
    memory: { connections: 10, twoLoadGeneratorsFrom: 1_000_000 },
    handshake: { concurrency: 2, warmupMs: 50, durationMs: 150 },
    cluster: { clients: 6, latencyEvents: 10 },
    metricsOverhead: { pairs: 2, warmupMs: 100, windowWarmupMs: 50, windowMs: 150, eventsPerWindow: 2 },
    versusWs: { pairs: 2, handshakeWarmupMs: 50, handshakeWindowWarmupMs: 20, handshakeWindowMs: 100, eventsPerWindow: 2 },
    connectConcurrency: 4,
  },
};
