import type { AuthMethod, ClientInfo, Role } from '@gatewire/protocol';
import { headerValue, type RequestHeaders } from '../transport/upgrade-request';
import { sharedClientInfo, sharedList } from './shared-values';

/**
 * Who is on the other end of an authenticated connection; handed to method handlers and events.
 * `scopes`, `client`, `caps` and `commands` are frozen, and shared by the connections that have
 * equal ones.
 */
export interface ConnectionInfo {
  readonly connId: string;
  readonly role: Role;
  /** Effective scopes (after any clearing), as granted; not expanded. */
  readonly scopes: readonly string[];
  /** The verified device id, when the client proved a device key. */
  readonly deviceId: string | undefined;
  readonly client: ClientInfo;
  readonly authMethod: AuthMethod;
  /** The user named by a trusted proxy or the `authenticate` hook. */
  readonly user: string | undefined;
  /** The TCP peer's address. */
  readonly remoteAddress: string;
  /** The client's address (behind a trusted proxy: the forwarded one). */
  readonly clientIp: string;
  /** The upgrade's `Origin` header (browsers), already checked against `allowedOrigins`. */
  readonly origin: string | undefined;
  /** Node capabilities and commands from `connect` (empty for operators). */
  readonly caps: readonly string[];
  readonly commands: readonly string[];
  readonly connectedAtMs: number;
}

/** The facts of a successful handshake that make up a {@link ConnectionInfo}. */
export interface AdmittedIdentity {
  readonly role: Role;
  readonly scopes: readonly string[];
  readonly method: AuthMethod;
  readonly deviceId: string | undefined;
  readonly user: string | undefined;
}

/** Build the {@link ConnectionInfo} of an admitted connection. */
export function connectionInfoOf(
  connection: { readonly connId: string; readonly address: { readonly peerAddress: string; readonly clientIp: string }; readonly request: { readonly headers: RequestHeaders } },
  params: { readonly client: ClientInfo; readonly caps?: readonly string[] | undefined; readonly commands?: readonly string[] | undefined },
  admitted: AdmittedIdentity,
): ConnectionInfo {
  return {
    connId: connection.connId,
    role: admitted.role,
    scopes: sharedList(admitted.scopes),
    deviceId: admitted.deviceId,
    client: sharedClientInfo(params.client),
    authMethod: admitted.method,
    user: admitted.user,
    remoteAddress: connection.address.peerAddress,
    clientIp: connection.address.clientIp,
    origin: headerValue(connection.request.headers, 'origin'),
    caps: sharedList(params.caps ?? []),
    commands: sharedList(params.commands ?? []),
    connectedAtMs: Date.now(),
  };
}
