import { Type, type Static } from '@sinclair/typebox';
import { NonEmptyString, NonNegativeInteger, Open } from './primitives';
import { PresenceEntry } from './presence';

/** `tick`: heartbeat every `policy.tickIntervalMs`. */
export const TickEvent = Open({ ts: NonNegativeInteger }, { $id: 'TickEvent' });
export type TickEvent = Static<typeof TickEvent>;

/** `shutdown`: the gateway is stopping; a restart is expected after `restartExpectedMs` when given. */
export const ShutdownEvent = Open(
  { reason: NonEmptyString, restartExpectedMs: Type.Optional(NonNegativeInteger) },
  { $id: 'ShutdownEvent' },
);
export type ShutdownEvent = Static<typeof ShutdownEvent>;

/** `presence`: the presence list changed (the frame carries `stateVersion`). */
export const PresenceEvent = Open({ presence: Type.Array(PresenceEntry) }, { $id: 'PresenceEvent' });
export type PresenceEvent = Static<typeof PresenceEvent>;
