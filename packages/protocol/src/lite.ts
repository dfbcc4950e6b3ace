/**
 * `@gatewire/protocol/lite`: everything in the protocol that does not need the schema compiler:
 * constants, code tables, negotiation, structural frame guards, device-auth and fingerprint helpers,
 * and `defineMethod`/`defineEvent`. Browser clients import this to stay small; the schemas and
 * compiled validators live in the main entry (`@gatewire/protocol`).
 */
export * from './lite-runtime';
/** TypeBox's types (no runtime): the application's `@sinclair/typebox`, a peer dependency. */
export type { Static, TSchema } from '@sinclair/typebox';
export type { ErrorShape, RequestFrame, ResponseFrame, EventFrame, GatewayFrame, StateVersion } from './schema/frames';
export type { ConnectChallenge, ConnectParams, ClientInfo, ConnectAuth, DeviceProof } from './schema/connect';
export type { HelloOk, HelloAuth, Policy, Snapshot, Features, ServerInfo, AuthMethod } from './schema/hello';
export type { PresenceEntry, HealthSnapshot } from './schema/presence';
export type { TickEvent, ShutdownEvent, PresenceEvent } from './schema/events';
export type * from './schema/nodes';
export type * from './schema/node-pairing';
export type * from './schema/devices';
export type * from './schema/gateway';
export type * from './schema/system';
export type * from './schema/monitor';
export type { CoreMethods } from './definitions/core-methods';
export type { CoreEvents } from './definitions/core-events';
export { RESUME_CAPABILITY } from './definitions/resume-capability';
export type { ResumeParams, ResumeResult, ResumeFailureReason } from './definitions/resume';
