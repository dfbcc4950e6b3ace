import { Type, type Static } from '@sinclair/typebox';
import { CLIENT_IDS, CLIENT_MODES } from '../codes/client-info';
import { Closed, NonEmptyString, NonNegativeInteger, Open } from './primitives';

/** Server → client, first frame on every connection (an event without `seq`). */
export const ConnectChallenge = Open(
  {
    /** One random value per connection; a device signature must include it. */
    nonce: NonEmptyString,
    /** The server's clock in ms since the epoch; clients sign with `signedAt = ts`. */
    ts: NonNegativeInteger,
    /** Optional server capabilities offered before `connect`. */
    capabilities: Type.Optional(Type.Array(Type.String())),
  },
  { $id: 'ConnectChallenge' },
);
export type ConnectChallenge = Static<typeof ConnectChallenge>;

/** Who the client is. `id` and `mode` are closed enums in protocol v4. */
export const ClientInfo = Closed(
  {
    id: Type.Union(CLIENT_IDS.map((id) => Type.Literal(id))),
    version: NonEmptyString,
    platform: NonEmptyString,
    mode: Type.Union(CLIENT_MODES.map((mode) => Type.Literal(mode))),
    displayName: Type.Optional(NonEmptyString),
    buildId: Type.Optional(Type.String({ minLength: 1, maxLength: 96 })),
    deviceFamily: Type.Optional(NonEmptyString),
    modelIdentifier: Type.Optional(NonEmptyString),
    timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    instanceId: Type.Optional(NonEmptyString),
  },
  { $id: 'ClientInfo' },
);
export type ClientInfo = Static<typeof ClientInfo>;

/** Credentials in `connect.params.auth`. Any of the secret fields may be present. */
export const ConnectAuth = Closed(
  {
    token: Type.Optional(Type.String()),
    bootstrapToken: Type.Optional(Type.String()),
    deviceToken: Type.Optional(Type.String()),
    password: Type.Optional(Type.String()),
    approvalRuntimeToken: Type.Optional(Type.String()),
    agentRuntimeIdentityToken: Type.Optional(Type.String()),
  },
  { $id: 'ConnectAuth' },
);
export type ConnectAuth = Static<typeof ConnectAuth>;

/** Proof of a device key: an Ed25519 signature over the v3 (or v2) device-auth payload. */
export const DeviceProof = Closed(
  {
    /** `sha256(raw public key)` as lowercase hex. */
    id: NonEmptyString,
    /** The raw 32-byte Ed25519 public key, base64url (PEM and base64 are also accepted). */
    publicKey: NonEmptyString,
    /** Ed25519 signature of the payload, base64url. */
    signature: NonEmptyString,
    /** When the payload was signed, ms since the epoch (use the challenge `ts`). */
    signedAt: NonNegativeInteger,
    /** The challenge nonce of this connection. */
    nonce: NonEmptyString,
  },
  { $id: 'DeviceProof' },
);
export type DeviceProof = Static<typeof DeviceProof>;

/** Params of the `connect` request, the first frame a client sends. Closed. */
export const ConnectParams = Closed(
  {
    minProtocol: Type.Integer({ minimum: 1 }),
    maxProtocol: Type.Integer({ minimum: 1 }),
    client: ClientInfo,
    /** `"operator"` (default) or `"node"`. Any other value is refused with "invalid role". */
    role: Type.Optional(Type.String()),
    /** Requested scopes; absent means none. */
    scopes: Type.Optional(Type.Array(Type.String())),
    caps: Type.Optional(Type.Array(Type.String())),
    /** Commands a node serves. */
    commands: Type.Optional(Type.Array(Type.String())),
    permissions: Type.Optional(Type.Record(Type.String(), Type.Boolean())),
    pathEnv: Type.Optional(Type.String()),
    auth: Type.Optional(ConnectAuth),
    device: Type.Optional(DeviceProof),
    locale: Type.Optional(Type.String()),
    userAgent: Type.Optional(Type.String()),
    computerUse: Type.Optional(Type.Unknown()),
    workerRuns: Type.Optional(Type.Unknown()),
    modelCatalog: Type.Optional(Open({})),
  },
  { $id: 'ConnectParams' },
);
export type ConnectParams = Static<typeof ConnectParams>;

