import { Type, type Static } from '@sinclair/typebox';
import { Closed, NonEmptyString, NonNegativeInteger, Open, StringList } from './primitives';

/**
 * Upper bounds (ms) of the latency buckets behind every `p50Ms`/`p99Ms` of the monitor feed. A
 * percentile is estimated from these counts: exact to the bucket, linear inside it; a duration
 * above the last bound counts in an overflow bucket and is reported as the last bound.
 */
export const MONITOR_LATENCY_BUCKETS_MS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 30_000] as const;

const NonNegativeNumber = Type.Number({ minimum: 0 });

/** One live connection as the monitor shows it. */
export const MonitorConnection = Open(
  {
    connId: NonEmptyString,
    role: Type.Union([Type.Literal('operator'), Type.Literal('node')]),
    clientId: NonEmptyString,
    clientMode: NonEmptyString,
    clientVersion: Type.Optional(Type.String()),
    platform: Type.Optional(Type.String()),
    displayName: Type.Optional(Type.String()),
    /** The client's address (after trusted-proxy resolution). */
    clientIp: Type.String(),
    deviceId: Type.Optional(NonEmptyString),
    scopes: StringList,
    /** When the handshake completed (epoch ms); the age is `ts - connectedAtMs`. */
    connectedAtMs: NonNegativeInteger,
  },
  { $id: 'MonitorConnection' },
);
export type MonitorConnection = Static<typeof MonitorConnection>;

/** A connection that closed since the previous update. */
export const MonitorClosedConnection = Open(
  { connId: NonEmptyString, ts: NonNegativeInteger, code: NonNegativeInteger, reason: Type.String() },
  { $id: 'MonitorClosedConnection' },
);
export type MonitorClosedConnection = Static<typeof MonitorClosedConnection>;

/** Request statistics of one method over the sliding window (`windowMs`) and since start. */
export const MonitorMethodStats = Open(
  {
    method: NonEmptyString,
    /** Requests finished in the window. */
    count: NonNegativeInteger,
    /** Of those, the ones that did not end `ok`. */
    errors: NonNegativeInteger,
    ratePerSecond: NonNegativeNumber,
    avgMs: NonNegativeNumber,
    p50Ms: NonNegativeNumber,
    p99Ms: NonNegativeNumber,
    /** Requests finished since the gateway started. */
    totalCount: NonNegativeInteger,
  },
  { $id: 'MonitorMethodStats' },
);
export type MonitorMethodStats = Static<typeof MonitorMethodStats>;

/** What the monitor counts as an incident. */
export const MonitorIncidentKind = Type.Union([Type.Literal('refused'), Type.Literal('upgrade-refused'), Type.Literal('slow-consumer')], {
  $id: 'MonitorIncidentKind',
});
export type MonitorIncidentKind = Static<typeof MonitorIncidentKind>;

/** A refused handshake or upgrade, or a connection closed as a slow consumer. */
export const MonitorIncident = Open(
  {
    ts: NonNegativeInteger,
    kind: MonitorIncidentKind,
    connId: Type.Optional(NonEmptyString),
    clientIp: Type.Optional(Type.String()),
    /** The error code (`AUTH_FAILED`, …), the detail code when there is one, or the HTTP status. */
    code: Type.String(),
    message: Type.String(),
  },
  { $id: 'MonitorIncident' },
);
export type MonitorIncident = Static<typeof MonitorIncident>;

/** An event the gateway broadcast; `count` broadcasts of it in a row are coalesced into one entry (`ts` of the last). */
export const MonitorRecentEvent = Open({ ts: NonNegativeInteger, event: NonEmptyString, count: NonNegativeInteger }, { $id: 'MonitorRecentEvent' });
export type MonitorRecentEvent = Static<typeof MonitorRecentEvent>;

/** Gateway-wide figures. */
export const MonitorTotals = Open(
  {
    connections: Open({ total: NonNegativeInteger, operator: NonNegativeInteger, node: NonNegativeInteger, unauthenticated: NonNegativeInteger }),
    /** Requests per second over the window, every method. */
    requestsPerSecond: NonNegativeNumber,
    p50Ms: NonNegativeNumber,
    p99Ms: NonNegativeNumber,
    pendingRequests: NonNegativeInteger,
    queueDepth: NonNegativeInteger,
    queueLimit: NonNegativeInteger,
    /** Since start. */
    refusals: NonNegativeInteger,
    /** Since start. */
    slowConsumerCloses: NonNegativeInteger,
  },
  { $id: 'MonitorTotals' },
);
export type MonitorTotals = Static<typeof MonitorTotals>;

/** `monitor.snapshot` / `monitor.subscribe` result: the whole picture at `ts`. */
export const MonitorSnapshot = Open(
  {
    ts: NonNegativeInteger,
    bootId: NonEmptyString,
    serverVersion: Type.String(),
    uptimeMs: NonNegativeInteger,
    /** Width of the sliding window behind rates and percentiles, ms. */
    windowMs: NonNegativeInteger,
    /** {@link MONITOR_LATENCY_BUCKETS_MS}. */
    latencyBucketsMs: Type.Array(NonNegativeNumber),
    /** The `updateSeq` of the last `monitor.update` before this snapshot: later updates continue from it. */
    updateSeq: NonNegativeInteger,
    totals: MonitorTotals,
    /** The oldest connections first, at most `maxConnectionsListed`. */
    connections: Type.Array(MonitorConnection),
    /** More connections exist than are listed. */
    connectionsTruncated: Type.Boolean(),
    methods: Type.Array(MonitorMethodStats),
    /** The most recent incidents, oldest first. */
    incidents: Type.Array(MonitorIncident),
    /** The most recent events sent, oldest first. */
    recentEvents: Type.Array(MonitorRecentEvent),
  },
  { $id: 'MonitorSnapshot' },
);
export type MonitorSnapshot = Static<typeof MonitorSnapshot>;

/**
 * `monitor.update` (to subscribers only): what changed since the previous update. `updateSeq` counts
 * updates per gateway; an update the gateway skipped for a slow subscriber leaves a gap, and then
 * (or when `resync` is set) the subscriber calls `monitor.snapshot` again.
 */
export const MonitorUpdateEvent = Open(
  {
    ts: NonNegativeInteger,
    updateSeq: NonNegativeInteger,
    totals: MonitorTotals,
    opened: Type.Array(MonitorConnection),
    closed: Type.Array(MonitorClosedConnection),
    /** Methods with requests in the window, or whose window just emptied. */
    methods: Type.Array(MonitorMethodStats),
    incidents: Type.Array(MonitorIncident),
    recentEvents: Type.Array(MonitorRecentEvent),
    /** More happened than one update carries: take a new `monitor.snapshot`. */
    resync: Type.Boolean(),
  },
  { $id: 'MonitorUpdateEvent' },
);
export type MonitorUpdateEvent = Static<typeof MonitorUpdateEvent>;

/** `monitor.snapshot` params: none. */
export const MonitorSnapshotParams = Closed({}, { $id: 'MonitorSnapshotParams' });
export type MonitorSnapshotParams = Static<typeof MonitorSnapshotParams>;

/** `monitor.subscribe` params: none. */
export const MonitorSubscribeParams = Closed({}, { $id: 'MonitorSubscribeParams' });
export type MonitorSubscribeParams = Static<typeof MonitorSubscribeParams>;

/** `monitor.unsubscribe` params: none. */
export const MonitorUnsubscribeParams = Closed({}, { $id: 'MonitorUnsubscribeParams' });
export type MonitorUnsubscribeParams = Static<typeof MonitorUnsubscribeParams>;

/** `monitor.unsubscribe` result: whether the caller was subscribed. */
export const MonitorUnsubscribeResult = Open({ subscribed: Type.Boolean() }, { $id: 'MonitorUnsubscribeResult' });
export type MonitorUnsubscribeResult = Static<typeof MonitorUnsubscribeResult>;
