import type { AuthMethod, ClientInfo, ConnectAuth } from '@gatewire/protocol';
import type { RequestHeaders } from '../transport/upgrade-request';

/** How clients prove they may connect (`hello-ok.snapshot.authMode`). */
export type AuthMode = 'none' | 'token' | 'password' | 'trusted-proxy';

/** Identity from a trusted reverse proxy (auth mode `trusted-proxy`). */
export interface TrustedProxyAuthOptions {
  /** Header carrying the authenticated user, set by the proxy (e.g. `x-forwarded-user`). */
  userHeader: string;
  /**
   * Headers that must also be present on every request from the proxy.
   * @default []
   */
  requiredHeaders?: readonly string[];
  /**
   * Users allowed to connect; empty allows any user the proxy vouches for.
   * @default []
   */
  allowUsers?: readonly string[];
  /**
   * Allow a proxy on the loopback interface.
   * @default false
   */
  allowLoopback?: boolean;
}

/** Gateway authentication. */
export interface AuthOptions {
  /**
   * The auth mode. `token` and `password` compare a shared secret in constant time; either wire
   * field (`auth.token` or `auth.password`) may carry it.
   * @default "none"
   */
  mode?: AuthMode;
  /** The shared token (mode `token`). Required in that mode. Never logged. */
  token?: string;
  /** The shared password (mode `password`). Required in that mode. Never logged. */
  password?: string;
  /** Trusted-proxy identity (mode `trusted-proxy`). Requires `trustedProxies`. */
  trustedProxy?: TrustedProxyAuthOptions;
}

/** What an {@link AuthenticateHook} is told about a connecting client. */
export interface AuthenticateContext {
  readonly connId: string;
  readonly auth: ConnectAuth | undefined;
  readonly client: ClientInfo;
  readonly role: string;
  readonly requestedScopes: readonly string[];
  readonly clientIp: string;
  readonly isDirectLocal: boolean;
  readonly headers: RequestHeaders;
  /** The device id, when the client presented a device proof (verified only later). */
  readonly claimedDeviceId: string | undefined;
}

/** The verdict of an {@link AuthenticateHook}. */
export type AuthenticateResult =
  | {
      readonly ok: true;
      /** Who this is, for the audit log and method contexts. */
      readonly user?: string;
      /** Scopes to grant instead of the requested ones. */
      readonly scopes?: readonly string[];
      /** Reported in `hello-ok.auth.method`. @default "token" */
      readonly method?: AuthMethod;
    }
  | {
      readonly ok: false;
      /** Sent to the client (prefixed with `unauthorized: `). */
      readonly message?: string;
    };

/**
 * A host's own identity check. It runs after the built-in mode accepted the client (use mode
 * `none` to rely on the hook alone); a refusal gives `AUTH_UNAUTHORIZED`.
 */
export type AuthenticateHook = (context: AuthenticateContext) => AuthenticateResult | Promise<AuthenticateResult>;
