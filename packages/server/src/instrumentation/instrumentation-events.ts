import type { Role } from '@gatewire/protocol';
import type { CallOutcome } from '../audit/audit-log';
import type { ConnectionState } from '../connection/connection';
import type { ConnectionInfo } from '../connection/connection-info';

/** `connection-opened`: a client completed the handshake (`hello-ok` sent). */
export interface ConnectionOpenedEvent {
  readonly connection: ConnectionInfo;
}

/** `connection-closed`: a socket closed, authenticated or not (either side). */
export interface ConnectionClosedEvent {
  readonly connId: string;
  readonly clientIp: string;
  /** The state the connection was in when its socket closed. */
  readonly state: Exclude<ConnectionState, 'closed'>;
  /** Who it was, when it had completed the handshake. */
  readonly connection: ConnectionInfo | undefined;
  /** The close code and reason the socket reported. */
  readonly code: number;
  readonly reason: string;
  /** How long the socket was open, ms. */
  readonly openForMs: number;
}

/** `handshake`: a `connect` was answered, with `hello-ok` or a refusal. */
export interface HandshakeEvent {
  readonly connId: string;
  readonly clientIp: string;
  readonly outcome: 'ok' | 'refused';
  /** The admitted role (`ok` only). */
  readonly role: Role | undefined;
  /** The refusal's error code (`INVALID_REQUEST`, `NOT_PAIRED`, …); `refused` only. */
  readonly errorCode: string | undefined;
  /** The refusal's `details.code` (`AUTH_TOKEN_MISMATCH`, …), else its error code; `refused` only. */
  readonly refusalCode: string | undefined;
  /** The close code sent with a refusal; `refused` only. */
  readonly closeCode: number | undefined;
  /** From the socket's upgrade to the answer, ms. */
  readonly durationMs: number;
}

/** `upgrade-refused`: an HTTP upgrade was refused before any WebSocket frame. */
export interface UpgradeRefusedEvent {
  /** The HTTP status answered (403, 503), or that a host-created server's socket was closed with. */
  readonly status: number;
  /** The refusal's type (`connection_limit`, `preauth_budget_exceeded`, …). */
  readonly type: string;
  readonly clientIp: string;
}

/** `request`: a request of an authenticated connection was answered. */
export interface RequestEvent {
  readonly connId: string;
  readonly method: string;
  /** Whether `method` is registered on the gateway (an unknown method is refused). */
  readonly registered: boolean;
  readonly outcome: CallOutcome;
  /** The error code of a failed or refused call. */
  readonly errorCode: string | undefined;
  /** From the frame's arrival to the answer, ms. */
  readonly durationMs: number;
}

/** `busy`: a request was answered `UNAVAILABLE` busy instead of being run. */
export interface BusyEvent {
  readonly connId: string;
  readonly method: string;
  /** Which bound was full: the connection's concurrent handlers, or the gateway's work queue. */
  readonly limit: 'connection' | 'gateway';
}

/** `slow-consumer`: a connection was closed 1008 "slow consumer". */
export interface SlowConsumerEvent {
  readonly connId: string;
  readonly clientIp: string;
  readonly role: Role | undefined;
  /** The socket's send buffer when it was closed, bytes. */
  readonly bufferedBytes: number;
}

/** `resume`: a `gateway.resume` was answered. */
export interface ResumeEvent {
  readonly connId: string;
  /** `recovered`, or the failure reason (`expired`, `overflow`, `not-owner`, …). */
  readonly outcome: string;
  /** Events sent back in the answer. */
  readonly replayed: number;
}

/** `node-invoke`: a `node.invoke` ended. */
export interface NodeInvokeEvent {
  readonly nodeId: string;
  readonly command: string;
  /**
   * `ok`; `error` (the node answered with an error); or why no answer came: `TIMEOUT`, `ABORTED`,
   * `UNAVAILABLE` (not connected or gone), `POLICY_CHANGED` (command not declared),
   * `PAIRING_CHANGED` (command not approved).
   */
  readonly outcome: string;
  /** From the call to its end, ms. */
  readonly durationMs: number;
}

/** `broadcast`: a broadcast (from this gateway or, in a cluster, another) is being delivered to this gateway's connections. */
export interface BroadcastEvent {
  readonly event: string;
  /** The scope guard it is delivered under. */
  readonly scope: string;
  /** Whether it carries a `seq` (most broadcasts do; a few are sent unsequenced). */
  readonly sequenced: boolean;
}

/** `auth-lockout`: an address was locked out after too many failed handshakes. */
export interface AuthLockoutEvent {
  readonly clientIp: string;
  readonly lockedForMs: number;
}

/**
 * The instrumentation event map: one context object per event. Nothing is built for an event that
 * has no listener.
 */
export interface InstrumentationEvents {
  'connection-opened': (event: ConnectionOpenedEvent) => void;
  'connection-closed': (event: ConnectionClosedEvent) => void;
  handshake: (event: HandshakeEvent) => void;
  'upgrade-refused': (event: UpgradeRefusedEvent) => void;
  request: (event: RequestEvent) => void;
  busy: (event: BusyEvent) => void;
  'slow-consumer': (event: SlowConsumerEvent) => void;
  resume: (event: ResumeEvent) => void;
  'node-invoke': (event: NodeInvokeEvent) => void;
  'auth-lockout': (event: AuthLockoutEvent) => void;
  broadcast: (event: BroadcastEvent) => void;
}
