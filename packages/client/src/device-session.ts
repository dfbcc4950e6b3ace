import { AUTH_INVALIDATED_CLOSE_CODE } from './close-code-literals';
import { DeviceAuth } from './device-auth';
import type { DeviceAuthSession, DeviceEndHost, DeviceEndInfo } from './device-auth-session';
import type { DeviceSigner } from './device/device-signer';
import { GatewayClientError } from './errors/gateway-client-error';
import type { GatewayRequestError } from './errors/gateway-request-error';
import type { ResolvedClientOptions } from './resolved-options';
import { toError } from './to-error';
import { isLoopbackHost } from './url-policy';

/** Delay of the one retry with the stored device token after `AUTH_TOKEN_MISMATCH`, ms. */
const STORED_TOKEN_RETRY_DELAY_MS = 250;

/**
 * {@link DeviceAuth} plus what its outcomes mean for the client's reconnecting: the one retry with
 * the stored device token after `AUTH_TOKEN_MISMATCH` on a trusted endpoint, dropping a revoked
 * stored token, and the error the client stops with when neither token is accepted.
 */
export class DeviceSession extends DeviceAuth implements DeviceAuthSession {
  readonly #options: ResolvedClientOptions;

  constructor(options: ResolvedClientOptions, signer?: DeviceSigner) {
    super(options, signer);
    this.#options = options;
  }

  handleEnd(end: DeviceEndInfo, error: Error | undefined, host: DeviceEndHost): boolean {
    const { refusal, connectRequest: request } = end;
    if (refusal?.detailCode === 'AUTH_TOKEN_MISMATCH' && this.armStoredTokenRetry(request, refusal, this.#trustedEndpoint(host.pinned))) {
      host.reconnect(STORED_TOKEN_RETRY_DELAY_MS);
      return true;
    }
    const sharedRefusal = request?.usedStoredToken === true && !end.handshaken ? this.sharedTokenRefusal : undefined;
    if (this.#options.identityStore !== undefined && isStoredTokenLoss(end)) {
      this.#handleStoredTokenLoss(end, sharedRefusal, host);
      return true;
    }
    if (sharedRefusal === undefined) return false;
    host.stop(sharedTokenError(end, sharedRefusal, error));
    return true;
  }

  /**
   * The gateway revoked or replaced the stored device token this connection relied on: drop it from
   * the store (unless the store already holds a newer one, then reconnect with that), and stop with
   * `DEVICE_TOKEN_REVOKED` (or with the original `AUTH_TOKEN_MISMATCH` when the stored token was only
   * the fallback for a refused shared token).
   */
  #handleStoredTokenLoss(end: DeviceEndInfo, sharedRefusal: GatewayRequestError | undefined, host: DeviceEndHost): void {
    const used = end.connectRequest?.usedStoredToken === true ? end.connectRequest.params.auth?.deviceToken : undefined;
    const refused = end.refusal?.detailCode === 'AUTH_DEVICE_TOKEN_MISMATCH';
    const why = refused ? 'refused the stored device token (AUTH_DEVICE_TOKEN_MISMATCH)' : `closed ${end.code}: ${end.reason}`;
    const revoked = new GatewayClientError('DEVICE_TOKEN_REVOKED', `the gateway ${why}; the token was dropped from the identity store`, {
      cause: end.refusal,
      closeCode: end.code,
      closeReason: end.reason,
    });
    void this.dropRevokedToken(used).then(
      (newer) => {
        if (host.stopped()) return;
        if (newer && sharedRefusal === undefined) return host.reconnect(STORED_TOKEN_RETRY_DELAY_MS);
        host.stop(sharedRefusal === undefined ? revoked : sharedTokenError(end, sharedRefusal, revoked));
      },
      (error: unknown) => {
        host.error(toError(error));
        host.stop(revoked);
      },
    );
  }

  /** Loopback, or `wss://` with a pinned certificate: where the stored device token may replace a refused shared token. */
  #trustedEndpoint(pinned: boolean): boolean {
    return isLoopbackHost(new URL(this.#options.url).hostname) || (this.#options.secure && pinned);
  }
}

/** Whether a connection ended because the gateway revoked or replaced a device token. */
function isStoredTokenLoss(end: DeviceEndInfo): boolean {
  if (end.connectRequest?.usedStoredToken === true && end.refusal?.detailCode === 'AUTH_DEVICE_TOKEN_MISMATCH') return true;
  if (end.code !== AUTH_INVALIDATED_CLOSE_CODE || !end.handshaken) return false;
  return end.connectRequest?.usedStoredToken === true || end.reason === 'device removed';
}

/** The configured token was refused and the stored-token retry failed too: the refusal of the token. */
function sharedTokenError(end: DeviceEndInfo, sharedRefusal: GatewayRequestError, retryError: Error | undefined): GatewayClientError {
  const retry = retryError?.message ?? `closed ${end.code}`;
  return new GatewayClientError('AUTH_FAILED', `connect refused: ${sharedRefusal.message} (AUTH_TOKEN_MISMATCH); the stored device token was tried instead and failed: ${retry}`, {
    cause: sharedRefusal,
    closeCode: end.code,
    closeReason: end.reason,
  });
}
