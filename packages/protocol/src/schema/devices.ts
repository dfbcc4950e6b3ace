import { Type, type Static } from '@sinclair/typebox';
import { Closed, NonEmptyString, NonNegativeInteger, Open, StringList } from './primitives';

/** A pending pairing request, as listed by `device.pair.list` and announced by `device.pair.requested`. */
export const PairingRequest = Open(
  {
    requestId: NonEmptyString,
    deviceId: NonEmptyString,
    publicKey: NonEmptyString,
    displayName: Type.Optional(NonEmptyString),
    platform: Type.Optional(NonEmptyString),
    deviceFamily: Type.Optional(NonEmptyString),
    clientId: Type.Optional(NonEmptyString),
    clientMode: Type.Optional(NonEmptyString),
    role: Type.Optional(NonEmptyString),
    roles: Type.Optional(StringList),
    scopes: Type.Optional(StringList),
    remoteIp: Type.Optional(NonEmptyString),
    silent: Type.Optional(Type.Boolean()),
    isRepair: Type.Optional(Type.Boolean()),
    ts: NonNegativeInteger,
  },
  { $id: 'PairingRequest' },
);
export type PairingRequest = Static<typeof PairingRequest>;

/** A device token as listed: its role, scopes and issue time (never the token). */
export const DeviceTokenSummary = Open(
  { role: NonEmptyString, scopes: StringList, issuedAtMs: NonNegativeInteger },
  { $id: 'DeviceTokenSummary' },
);
export type DeviceTokenSummary = Static<typeof DeviceTokenSummary>;

/** A paired device. `label` is the name an operator gave it with `device.pair.rename`. */
export const PairedDevice = Open(
  {
    deviceId: NonEmptyString,
    publicKey: NonEmptyString,
    displayName: Type.Optional(NonEmptyString),
    label: Type.Optional(NonEmptyString),
    platform: Type.Optional(NonEmptyString),
    clientId: Type.Optional(NonEmptyString),
    roles: StringList,
    scopes: StringList,
    approvedAtMs: NonNegativeInteger,
    tokens: Type.Optional(Type.Array(DeviceTokenSummary)),
  },
  { $id: 'PairedDevice' },
);
export type PairedDevice = Static<typeof PairedDevice>;

/** `device.pair.list` params: none. */
export const DevicePairListParams = Closed({}, { $id: 'DevicePairListParams' });
export type DevicePairListParams = Static<typeof DevicePairListParams>;
/** `device.pair.list` result. */
export const DevicePairListResult = Open(
  { pending: Type.Array(PairingRequest), paired: Type.Array(PairedDevice) },
  { $id: 'DevicePairListResult' },
);
export type DevicePairListResult = Static<typeof DevicePairListResult>;

/** `device.pair.approve` params. */
export const DevicePairApproveParams = Closed({ requestId: NonEmptyString }, { $id: 'DevicePairApproveParams' });
export type DevicePairApproveParams = Static<typeof DevicePairApproveParams>;
/** `device.pair.approve` result. */
export const DevicePairApproveResult = Open({ requestId: NonEmptyString, device: PairedDevice }, { $id: 'DevicePairApproveResult' });
export type DevicePairApproveResult = Static<typeof DevicePairApproveResult>;

/** `device.pair.reject` params. */
export const DevicePairRejectParams = Closed({ requestId: NonEmptyString }, { $id: 'DevicePairRejectParams' });
export type DevicePairRejectParams = Static<typeof DevicePairRejectParams>;
/** `device.pair.reject` result. */
export const DevicePairRejectResult = Open({ requestId: NonEmptyString, deviceId: NonEmptyString }, { $id: 'DevicePairRejectResult' });
export type DevicePairRejectResult = Static<typeof DevicePairRejectResult>;

/** `device.pair.requested` event payload (to operators with `operator.pairing`). */
export const DevicePairRequestedEvent = PairingRequest;
export type DevicePairRequestedEvent = PairingRequest;

/**
 * `device.pair.resolved` event payload. A request the device replaced by asking for a different
 * role or scope set is resolved `rejected` with `reason: "superseded"` and `supersededBy`, the id
 * of the new request (a pending request never changes what it asks for). A request nobody decided
 * within the gateway's `pairingRequestTtlMs` is resolved `rejected` with `reason: "expired"`.
 */
export const DevicePairResolvedEvent = Open(
  {
    requestId: NonEmptyString,
    deviceId: NonEmptyString,
    decision: Type.Union([Type.Literal('approved'), Type.Literal('rejected')]),
    reason: Type.Optional(Type.Union([Type.Literal('superseded'), Type.Literal('expired')])),
    supersededBy: Type.Optional(NonEmptyString),
    ts: NonNegativeInteger,
  },
  { $id: 'DevicePairResolvedEvent' },
);
export type DevicePairResolvedEvent = Static<typeof DevicePairResolvedEvent>;
