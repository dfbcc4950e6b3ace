import { GatewireError, isGatewireErrorOfFamily, type GatewireErrorOptions } from './gatewire-error';
import type { SdkErrorCode } from './sdk-error-codes';

/** Extra context of a {@link GatewayClientError}. */
export interface GatewayClientErrorOptions extends GatewireErrorOptions {
  /** The WebSocket close code, for errors caused by a close. */
  readonly closeCode?: number;
  /** The WebSocket close reason, for errors caused by a close. */
  readonly closeReason?: string;
  /** The pairing request id, for `PAIRING_REQUIRED`. */
  readonly pairingRequestId?: string;
  /** The transport's own error code, for `TRANSPORT_ERROR`. */
  readonly transportCode?: string;
  /** The HTTP status that answered the upgrade, for `TRANSPORT_ERROR` with `UNEXPECTED_RESPONSE`. */
  readonly httpStatus?: number;
  /** The `Retry-After` of that HTTP answer, ms. */
  readonly retryAfterMs?: number;
}

/**
 * An error raised by the SDK itself (the `"sdk"` family): timeouts, aborts, closed connections,
 * TLS pin mismatches, refused handshakes, full queues. Branch on {@link GatewayClientError.code}.
 */
export class GatewayClientError extends GatewireError {
  override readonly name = 'GatewayClientError';
  readonly family = 'sdk' as const;
  declare readonly code: SdkErrorCode;
  /** The WebSocket close code, when a close caused this error. */
  declare readonly closeCode: number | undefined;
  /** The WebSocket close reason, when a close caused this error. */
  declare readonly closeReason: string | undefined;
  /** For `PAIRING_REQUIRED`: the request an operator approves (`device.pair.approve {requestId}`). */
  declare readonly pairingRequestId: string | undefined;
  /**
   * For `TRANSPORT_ERROR` (Node): the code of the underlying error, which is kept as `cause`:
   * `ECONNREFUSED`, `ENOTFOUND`, `ECONNRESET`, `DEPTH_ZERO_SELF_SIGNED_CERT`, … or
   * `UNEXPECTED_RESPONSE` when an HTTP status answered the upgrade (see `httpStatus`).
   */
  declare readonly transportCode: string | undefined;
  /** For `UNEXPECTED_RESPONSE`: the HTTP status that answered the upgrade (e.g. 400, 429, 503). */
  declare readonly httpStatus: number | undefined;
  /**
   * For `UNEXPECTED_RESPONSE` (Node): the answer's `Retry-After`, ms (a locked-out address gets
   * HTTP 429 with it). The next reconnect waits at least this long (see `ReconnectOptions.maxRetryAfterMs`).
   */
  declare readonly retryAfterMs: number | undefined;

  constructor(code: SdkErrorCode, message: string, options: GatewayClientErrorOptions = {}) {
    super(message, options);
    this.code = code;
    this.closeCode = options.closeCode;
    this.closeReason = options.closeReason;
    this.pairingRequestId = options.pairingRequestId;
    this.transportCode = options.transportCode;
    this.httpStatus = options.httpStatus;
    this.retryAfterMs = options.retryAfterMs;
  }

  /** Whether `value` is an SDK error, optionally with a given code (copy-safe brand check). */
  static override isInstance(value: unknown, code?: SdkErrorCode): value is GatewayClientError {
    return isGatewireErrorOfFamily(value, 'sdk') && (code === undefined || (value as GatewayClientError).code === code);
  }
}
