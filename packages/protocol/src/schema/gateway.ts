import { Type, type Static } from '@sinclair/typebox';
import { Closed, NonNegativeInteger, Open } from './primitives';
import { PresenceEntry } from './presence';

/** Params of methods that take none (absent params are treated as `{}`). */
export const EmptyParams = Closed({}, { $id: 'EmptyParams' });
export type EmptyParams = Static<typeof EmptyParams>;

/** Connection counts of a gateway (`status`), the connection answering included. */
const StatusConnectionCounts = Open({
  total: NonNegativeInteger,
  operator: NonNegativeInteger,
  node: NonNegativeInteger,
  unauthenticated: NonNegativeInteger,
});

/**
 * One gateway of a cluster, as `status.cluster.gateways` lists it (Gatewire extension): its id, when
 * it started, and its connection counts as of its last lease renewal (about once a second).
 */
export const ClusterGatewayStatus = Open(
  {
    gatewayId: Type.String(),
    /** Whether it is the gateway that answered. */
    self: Type.Boolean(),
    startedAtMs: NonNegativeInteger,
    connections: StatusConnectionCounts,
  },
  { $id: 'ClusterGatewayStatus' },
);
export type ClusterGatewayStatus = Static<typeof ClusterGatewayStatus>;

/** `status` result: the gateway's load and counters. */
export const StatusResult = Open(
  {
    status: Type.Union([Type.Literal('ok'), Type.Literal('draining')]),
    version: Type.String(),
    uptimeMs: NonNegativeInteger,
    connections: StatusConnectionCounts,
    pendingRequests: NonNegativeInteger,
    queueDepth: NonNegativeInteger,
    /** Requests that may wait for a handler slot before calls are answered busy (`maxQueuedRequests`); Gatewire extension. */
    queueLimit: Type.Optional(NonNegativeInteger),
    events: Open({ sent: NonNegativeInteger, dropped: NonNegativeInteger }),
    latencyMs: Open({ avg: Type.Number({ minimum: 0 }), p99: Type.Number({ minimum: 0 }) }),
    /** The window `latencyMs` covers (requests finished in the last `latencyWindowMs`); Gatewire extension. */
    latencyWindowMs: Type.Optional(NonNegativeInteger),
    /** The gateways of the cluster (Gatewire extension), when the gateway runs on a multi-node adapter. */
    cluster: Type.Optional(Open({ gateways: Type.Array(ClusterGatewayStatus) })),
  },
  { $id: 'StatusResult' },
);
export type StatusResult = Static<typeof StatusResult>;

/** `system-presence` result: the presence list. */
export const SystemPresenceResult = Type.Array(PresenceEntry, { $id: 'SystemPresenceResult' });
export type SystemPresenceResult = Static<typeof SystemPresenceResult>;
