import { Type, type Static } from '@sinclair/typebox';
import { NonEmptyString, NonNegativeInteger, Open, StringList } from './primitives';

/** One entry of the presence list: a connected, presence-tracked client (or the gateway itself). */
export const PresenceEntry = Open(
  {
    host: Type.Optional(NonEmptyString),
    ip: Type.Optional(NonEmptyString),
    version: Type.Optional(NonEmptyString),
    platform: Type.Optional(NonEmptyString),
    deviceFamily: Type.Optional(NonEmptyString),
    modelIdentifier: Type.Optional(NonEmptyString),
    timeZone: Type.Optional(NonEmptyString),
    mode: Type.Optional(NonEmptyString),
    lastInputSeconds: Type.Optional(NonNegativeInteger),
    reason: Type.Optional(NonEmptyString),
    tags: Type.Optional(StringList),
    text: Type.Optional(Type.String()),
    ts: NonNegativeInteger,
    onlineSince: Type.Optional(NonNegativeInteger),
    lastActivityAt: Type.Optional(NonNegativeInteger),
    deviceId: Type.Optional(NonEmptyString),
    roles: Type.Optional(StringList),
    scopes: Type.Optional(StringList),
    instanceId: Type.Optional(NonEmptyString),
  },
  { $id: 'PresenceEntry' },
);
export type PresenceEntry = Static<typeof PresenceEntry>;

/**
 * The `health` snapshot: `ok` plus whatever the gateway reports about itself (a host may serve a
 * richer shape, such as the reference gateway's `HealthSummary`, through its `health` hook).
 */
export const HealthSnapshot = Open(
  {
    ok: Type.Boolean(),
    ts: NonNegativeInteger,
    durationMs: Type.Optional(NonNegativeInteger),
    /**
     * Why `ok` is false when the host's `health` hook failed (Gatewire extension): `code` is one of
     * the `HostHookErrorCodes`.
     */
    error: Type.Optional(Open({ code: NonEmptyString, message: Type.String() })),
  },
  { $id: 'HealthSnapshot' },
);
export type HealthSnapshot = Static<typeof HealthSnapshot>;
