import { Type, type Static } from '@sinclair/typebox';
import { Closed, NonNegativeInteger, Open } from './primitives';
import { PresenceEntry } from './presence';

/** Params of methods that take none (absent params are treated as `{}`). */
export const EmptyParams = Closed({}, { $id: 'EmptyParams' });
export type EmptyParams = Static<typeof EmptyParams>;

/** `status` result: the gateway's load and counters. */
export const StatusResult = Open(
  {
    status: Type.Union([Type.Literal('ok'), Type.Literal('draining')]),
    version: Type.String(),
    uptimeMs: NonNegativeInteger,
    connections: Open({
      total: NonNegativeInteger,
      operator: NonNegativeInteger,
      node: NonNegativeInteger,
      unauthenticated: NonNegativeInteger,
    }),
    pendingRequests: NonNegativeInteger,
    queueDepth: NonNegativeInteger,
    events: Open({ sent: NonNegativeInteger, dropped: NonNegativeInteger }),
    latencyMs: Open({ avg: Type.Number({ minimum: 0 }), p99: Type.Number({ minimum: 0 }) }),
  },
  { $id: 'StatusResult' },
);
export type StatusResult = Static<typeof StatusResult>;

/** `system-presence` result: the presence list. */
export const SystemPresenceResult = Type.Array(PresenceEntry, { $id: 'SystemPresenceResult' });
export type SystemPresenceResult = Static<typeof SystemPresenceResult>;
