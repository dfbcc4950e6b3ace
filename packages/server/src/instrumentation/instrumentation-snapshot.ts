import type { AdapterObservation } from '../cluster/adapter';

/** Sockets by where they are in their life. */
export interface ConnectionStateCounts {
  /** Authenticated operators. */
  readonly operator: number;
  /** Authenticated nodes. */
  readonly node: number;
  /** Upgraded sockets that have not sent `connect` yet. */
  readonly awaitingConnect: number;
  /** Sockets whose `connect` is being checked. */
  readonly authenticating: number;
}

/**
 * The gateway's gauges and running totals at one moment, read on demand (a metrics scrape, a
 * dashboard refresh): nothing on the hot path builds it.
 */
export interface InstrumentationSnapshot {
  readonly connections: ConnectionStateCounts;
  /** Bytes waiting in the send buffers of every socket, in total and of the fullest one. */
  readonly bufferedBytes: { readonly total: number; readonly max: number };
  /** Requests waiting for a handler slot (the gateway's work queue). */
  readonly queueDepth: number;
  /** Handlers running. */
  readonly activeHandlers: number;
  /** Requests admitted and not answered yet. */
  readonly pendingRequests: number;
  /** Events sent, dropped for slow consumers, and replayed by `gateway.resume`, since the gateway started. */
  readonly events: { readonly sent: number; readonly dropped: number; readonly replayed: number };
  /** Connections closed 1008 "slow consumer" since the gateway started. */
  readonly slowConsumerCloses: number;
  /** The adapter's back end, when the adapter reports it ({@link AdapterObservation}). */
  readonly adapter: AdapterObservation | undefined;
}
