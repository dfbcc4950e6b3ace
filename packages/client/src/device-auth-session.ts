import type { HelloOk } from '@gatewire/protocol/lite';
import type { Challenge, ConnectRequest } from './connect-request';
import type { DeviceSigner } from './device/device-signer';
import type { DeviceIdentity } from './device/identity';
import type { IdentityStore } from './device/identity-store';
import type { GatewayRequestError } from './errors/gateway-request-error';
import type { ResolvedClientOptions } from './resolved-options';

/** Options of `deviceAuth()` (`@gatewire/client/device`). */
export interface DeviceAuthOptions {
  /**
   * The device identity that signs the v3 payload. When absent and an `identityStore` is given, the
   * stored identity is used (a new one is generated and saved when the store has none).
   * @default undefined (the store's identity)
   */
  readonly device?: DeviceIdentity;
  /** Where the identity and the device tokens of `hello-ok.auth` are kept. @default undefined */
  readonly identityStore?: IdentityStore;
}

/** What the device side reads of an ended connection (a `ConnectionEnd`). */
export interface DeviceEndInfo {
  readonly code: number;
  readonly reason: string;
  /** The gateway's refusal of `connect`, if it sent one. */
  readonly refusal: GatewayRequestError | undefined;
  /** Whether `hello-ok` had arrived on this connection. */
  readonly handshaken: boolean;
  /** The `connect` sent on this connection, if it got that far. */
  readonly connectRequest: ConnectRequest | undefined;
}

/** What the device side may do to its client after a connection ended. */
export interface DeviceEndHost {
  /** Whether the transport pins the server's certificate (a pinned `wss://` endpoint is trusted). */
  readonly pinned: boolean;
  /** Whether the client stopped (or is closing) meanwhile. */
  stopped(): boolean;
  /** Reconnect after `delayMs`. */
  reconnect(delayMs: number): void;
  /** Stop reconnecting, with this error. */
  stop(error: Error): void;
  /** Report an error with no caller (the client's `error` event). */
  error(error: Error): void;
}

/**
 * The device side of one client, as the client uses it: signing the `connect`, the identity store's
 * device tokens, and what a refused or revoked token means for reconnecting. Implemented in
 * `@gatewire/client/device`, so a client without a device identity does not carry it.
 */
export interface DeviceAuthSession {
  /** The identity in use, once resolved (or the configured one). */
  readonly device: DeviceIdentity | undefined;
  /** The refusal of the configured token, while (or after) the stored-token retry replaced it. */
  readonly sharedTokenRefusal: GatewayRequestError | undefined;
  /** Build (and sign) the `connect` params for a challenge: at once when nothing has to be awaited. */
  prepareConnect(challenge: Challenge): ConnectRequest | Promise<ConnectRequest>;
  /** Keep the device token of `hello-ok.auth`; `undefined` when there is nothing to wait for. */
  storeIssuedToken(hello: HelloOk): Promise<void> | undefined;
  /** Forget the refusal of the configured token (a new `connect()` starts). */
  forgetSharedTokenRefusal(): void;
  /** Follow a successful `device.token.rotate` or `device.token.revoke` in the identity store. */
  applyTokenChange(method: string, params: unknown, result: unknown): Promise<void>;
  /**
   * A connection ended (not by `close()`): take over when it is the device side's business (the one
   * retry with the stored token after `AUTH_TOKEN_MISMATCH`, a revoked stored token, a refused
   * shared token whose stored-token retry failed too). Returns whether it did; if not, the client
   * goes on as usual. `error` is the error that best explains the end.
   */
  handleEnd(end: DeviceEndInfo, error: Error | undefined, host: DeviceEndHost): boolean;
}

/**
 * The client's `deviceAuth` option: made by `deviceAuth({ device, identityStore })` from
 * `@gatewire/client/device`. A client without it sends no device proof and keeps no device token.
 */
export interface DeviceAuthPlugin extends DeviceAuthOptions {
  /**
   * Creates the device side of one client (called once, by its constructor). `signer` is the
   * build's Ed25519 signer (the Node builds sign with `node:crypto`; default: `identity.sign`).
   */
  createSession(options: ResolvedClientOptions, signer?: DeviceSigner): DeviceAuthSession;
}
