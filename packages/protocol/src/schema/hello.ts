import { Type, type Static } from '@sinclair/typebox';
import { StateVersion } from './frames';
import { NonEmptyString, NonNegativeInteger, Open } from './primitives';
import { HealthSnapshot, PresenceEntry } from './presence';

/** Who answered: version and ids of this gateway process and of this connection. */
export const ServerInfo = Open({
  version: NonEmptyString,
  buildId: Type.Optional(NonEmptyString),
  bootId: Type.Optional(NonEmptyString),
  controlUiBuildSource: Type.Optional(Type.Union([Type.Literal('bundled'), Type.Literal('configured')])),
  /** This connection's id; Gatewire clients pass it back to resume a stream. */
  connId: NonEmptyString,
});
export type ServerInfo = Static<typeof ServerInfo>;

/** What this gateway serves: method names, event names and capability flags. */
export const Features = Open({
  methods: Type.Array(Type.String()),
  events: Type.Array(Type.String()),
  capabilities: Type.Optional(Type.Array(Type.String())),
});
export type Features = Static<typeof Features>;

/** The gateway's state at connect time. */
export const Snapshot = Open(
  {
    presence: Type.Array(PresenceEntry),
    health: HealthSnapshot,
    stateVersion: StateVersion,
    uptimeMs: NonNegativeInteger,
    suspension: Type.Optional(
      Open({
        phase: Type.Union([
          Type.Literal('accepting'),
          Type.Literal('preparing'),
          Type.Literal('draining'),
          Type.Literal('prepared'),
        ]),
      }),
    ),
    authMode: Type.Optional(
      Type.Union([Type.Literal('none'), Type.Literal('token'), Type.Literal('password'), Type.Literal('trusted-proxy')]),
    ),
  },
  { $id: 'Snapshot' },
);
export type Snapshot = Static<typeof Snapshot>;

/** How the connection authenticated: `hello-ok.auth.method`. */
export const AuthMethod = Type.Union([
  Type.Literal('none'),
  Type.Literal('token'),
  Type.Literal('password'),
  Type.Literal('tailscale'),
  Type.Literal('device-token'),
  Type.Literal('bootstrap-token'),
  Type.Literal('trusted-proxy'),
]);
export type AuthMethod = Static<typeof AuthMethod>;

/** The connection's effective role and scopes, and a device token when one was issued. */
export const HelloAuth = Open({
  role: NonEmptyString,
  /** Effective scopes after any clearing, not the requested ones. */
  scopes: Type.Array(Type.String()),
  method: Type.Optional(AuthMethod),
  deviceToken: Type.Optional(NonEmptyString),
  issuedAtMs: Type.Optional(NonNegativeInteger),
});
export type HelloAuth = Static<typeof HelloAuth>;

/** Limits the client must respect. */
export const Policy = Open({
  /** Largest frame accepted after the handshake, bytes (25 MiB). */
  maxPayload: NonNegativeInteger,
  /** Buffered bytes above which the server drops droppable events or closes a slow consumer. */
  maxBufferedBytes: NonNegativeInteger,
  /** Interval of `tick` events, ms. A client closes after 2 × this without any frame. */
  tickIntervalMs: NonNegativeInteger,
});
export type Policy = Static<typeof Policy>;

/**
 * Payload of the successful `connect` response. Open: a reader accepts (and keeps) fields added by
 * newer gateways, such as OpenClaw's control-UI extras.
 */
export const HelloOk = Open(
  {
    type: Type.Literal('hello-ok'),
    protocol: Type.Integer({ minimum: 1 }),
    server: ServerInfo,
    features: Features,
    snapshot: Snapshot,
    auth: HelloAuth,
    policy: Policy,
  },
  { $id: 'HelloOk' },
);
export type HelloOk = Static<typeof HelloOk>;
