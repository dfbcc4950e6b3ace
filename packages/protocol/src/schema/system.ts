import { Type, type Static } from '@sinclair/typebox';
import { NonEmptyString, NonNegativeInteger, Open } from './primitives';

/**
 * `last-heartbeat` result: the reference gateway's last automation heartbeat outcome
 * (`{ts, status, …}`), or `null` when there was none. A Gatewire gateway runs no automation
 * heartbeats and answers `null`; the liveness signal of a connection is the `tick` event.
 */
export const LastHeartbeatResult = Type.Union(
  [
    Open({
      ts: NonNegativeInteger,
      status: Type.Union([Type.Literal('sent'), Type.Literal('ok-empty'), Type.Literal('ok-token'), Type.Literal('skipped'), Type.Literal('failed')]),
    }),
    Type.Null(),
  ],
  { $id: 'LastHeartbeatResult' },
);
export type LastHeartbeatResult = Static<typeof LastHeartbeatResult>;

/**
 * `gateway.identity.get` result: the gateway's own Ed25519 identity. `deviceId` is
 * `sha256(raw public key)` in lowercase hex (as for devices), `publicKey` the raw key in base64url.
 */
export const GatewayIdentityResult = Open({ deviceId: NonEmptyString, publicKey: NonEmptyString }, { $id: 'GatewayIdentityResult' });
export type GatewayIdentityResult = Static<typeof GatewayIdentityResult>;

/** Memory of the gateway process (as Node reports it in `memoryUsage()`), bytes. */
export const ProcessMemory = Open({
  rssBytes: NonNegativeInteger,
  heapUsedBytes: NonNegativeInteger,
  heapTotalBytes: NonNegativeInteger,
  externalBytes: NonNegativeInteger,
  arrayBuffersBytes: NonNegativeInteger,
});
export type ProcessMemory = Static<typeof ProcessMemory>;

/** Event-loop delay of the gateway process since the previous `system.info` (or the start), ms. */
export const EventLoopDelay = Open({
  /** The window the figures cover, ms. */
  intervalMs: NonNegativeInteger,
  delayMeanMs: Type.Number({ minimum: 0 }),
  delayP99Ms: Type.Number({ minimum: 0 }),
  delayMaxMs: Type.Number({ minimum: 0 }),
});
export type EventLoopDelay = Static<typeof EventLoopDelay>;

/**
 * `system.info` result: the host and the gateway process, named as the reference gateway names them
 * (`hostname`, `platform`, `nodeVersion`, `uptimeMs`, `processMemory`, …), plus `gatewayVersion` and
 * `protocol`. The reference's agent, disk and LAN fields are not sent.
 */
export const SystemInfoResult = Open(
  {
    hostname: Type.String(),
    platform: Type.String(),
    release: Type.String(),
    arch: Type.String(),
    nodeVersion: NonEmptyString,
    gatewayVersion: NonEmptyString,
    protocol: NonNegativeInteger,
    pid: NonNegativeInteger,
    /** Uptime of the gateway (not of the process), ms. */
    uptimeMs: NonNegativeInteger,
    cpuCount: NonNegativeInteger,
    loadAverage: Type.Optional(Type.Tuple([Type.Number(), Type.Number(), Type.Number()])),
    memoryTotalBytes: NonNegativeInteger,
    memoryFreeBytes: NonNegativeInteger,
    processMemory: ProcessMemory,
    eventLoop: EventLoopDelay,
  },
  { $id: 'SystemInfoResult' },
);
export type SystemInfoResult = Static<typeof SystemInfoResult>;
