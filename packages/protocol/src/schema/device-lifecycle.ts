import { Type, type Static } from '@sinclair/typebox';
import { Closed, NonEmptyString, NonNegativeInteger, Open, StringList } from './primitives';

/** Longest `label` of `device.pair.rename`, in characters. */
export const DEVICE_LABEL_MAX_LENGTH = 64;

/** `device.pair.remove` params: the paired device to forget. */
export const DevicePairRemoveParams = Closed({ deviceId: NonEmptyString }, { $id: 'DevicePairRemoveParams' });
export type DevicePairRemoveParams = Static<typeof DevicePairRemoveParams>;
/** `device.pair.remove` result. */
export const DevicePairRemoveResult = Open({ deviceId: NonEmptyString, removedAtMs: NonNegativeInteger }, { $id: 'DevicePairRemoveResult' });
export type DevicePairRemoveResult = Static<typeof DevicePairRemoveResult>;

/** `device.pair.rename` params: an operator's label for a paired device (1..64 characters, trimmed). */
export const DevicePairRenameParams = Closed(
  { deviceId: NonEmptyString, label: Type.String({ minLength: 1, maxLength: DEVICE_LABEL_MAX_LENGTH }) },
  { $id: 'DevicePairRenameParams' },
);
export type DevicePairRenameParams = Static<typeof DevicePairRenameParams>;
/** `device.pair.rename` result. */
export const DevicePairRenameResult = Open({ deviceId: NonEmptyString, label: NonEmptyString }, { $id: 'DevicePairRenameResult' });
export type DevicePairRenameResult = Static<typeof DevicePairRenameResult>;

/** `device.token.rotate` params: a new token for a device and role; `scopes` defaults to the current token's. */
export const DeviceTokenRotateParams = Closed(
  { deviceId: NonEmptyString, role: NonEmptyString, scopes: Type.Optional(StringList) },
  { $id: 'DeviceTokenRotateParams' },
);
export type DeviceTokenRotateParams = Static<typeof DeviceTokenRotateParams>;
/** `device.token.rotate` result: the new token (sensitive: it works only with the device's key). */
export const DeviceTokenRotateResult = Open(
  {
    deviceId: NonEmptyString,
    role: NonEmptyString,
    token: Type.Optional(NonEmptyString),
    scopes: StringList,
    rotatedAtMs: NonNegativeInteger,
    tokenDelivery: Type.Optional(Type.Union([Type.Literal('in-band'), Type.Literal('withheld-cross-device')])),
  },
  { $id: 'DeviceTokenRotateResult' },
);
export type DeviceTokenRotateResult = Static<typeof DeviceTokenRotateResult>;

/** `device.token.revoke` params. */
export const DeviceTokenRevokeParams = Closed({ deviceId: NonEmptyString, role: NonEmptyString }, { $id: 'DeviceTokenRevokeParams' });
export type DeviceTokenRevokeParams = Static<typeof DeviceTokenRevokeParams>;
/** `device.token.revoke` result. */
export const DeviceTokenRevokeResult = Open(
  { deviceId: NonEmptyString, role: NonEmptyString, revokedAtMs: NonNegativeInteger },
  { $id: 'DeviceTokenRevokeResult' },
);
export type DeviceTokenRevokeResult = Static<typeof DeviceTokenRevokeResult>;

/** What changed in a `device.pair.changed` event. */
export const DevicePairChange = Type.Union([
  Type.Literal('renamed'),
  Type.Literal('removed'),
  Type.Literal('token-rotated'),
  Type.Literal('token-revoked'),
]);
export type DevicePairChange = Static<typeof DevicePairChange>;

/**
 * `device.pair.changed` event payload (to `operator.pairing`): a paired device was renamed or
 * removed, or one of its tokens rotated or revoked. Re-read `device.pair.list`. Every field is
 * optional (the reference sends `{}`).
 */
export const DevicePairChangedEvent = Open(
  {
    deviceId: Type.Optional(NonEmptyString),
    change: Type.Optional(DevicePairChange),
    role: Type.Optional(NonEmptyString),
    ts: Type.Optional(NonNegativeInteger),
  },
  { $id: 'DevicePairChangedEvent' },
);
export type DevicePairChangedEvent = Static<typeof DevicePairChangedEvent>;
