import type { ErrorShape } from '@gatewire/protocol/lite';
import { GatewireError, isGatewireErrorOfFamily } from './gatewire-error';
import { fieldOf } from '../field-of';

/** Where a wire error came from. */
export interface GatewayRequestErrorContext {
  /** The method of the failed request (`"connect"` for a refused handshake). */
  readonly method?: string;
  /** The `payload` of the failed response, when the gateway sent one beside `error`. */
  readonly payload?: unknown;
}

/**
 * An error the gateway sent in a failed `res` frame (the `"wire"` family). It keeps every field of
 * the wire `ErrorShape`: branch on {@link GatewayRequestError.code} (`INVALID_REQUEST`,
 * `FORBIDDEN`, `NOT_PAIRED`, `UNAVAILABLE`, …) and on {@link GatewayRequestError.detailCode}.
 */
export class GatewayRequestError extends GatewireError {
  override readonly name = 'GatewayRequestError';
  readonly family = 'wire' as const;
  /** The gateway's `error.code`. */
  declare readonly code: string;
  /** The gateway's `error.details`, as sent. */
  declare readonly details: unknown;
  /** `details.code` when it is a string (e.g. `AUTH_TOKEN_MISMATCH`, `MISSING_SCOPE`). */
  declare readonly detailCode: string | undefined;
  /** Whether the gateway says a retry may succeed. */
  declare readonly retryable: boolean;
  /** How long to wait before retrying, ms, when the gateway says so. */
  declare readonly retryAfterMs: number | undefined;
  /** The method of the failed request. */
  declare readonly method: string | undefined;
  /** The `payload` of the failed response, when there was one. */
  declare readonly payload: unknown;

  constructor(error: ErrorShape, context: GatewayRequestErrorContext = {}) {
    super(error.message);
    this.code = error.code;
    this.details = error.details;
    const detailCode = fieldOf(error.details, 'code');
    this.detailCode = typeof detailCode === 'string' ? detailCode : undefined;
    this.retryable = error.retryable === true;
    this.retryAfterMs = typeof error.retryAfterMs === 'number' ? error.retryAfterMs : undefined;
    this.method = context.method;
    this.payload = context.payload;
  }

  /** The wire shape of this error, e.g. to forward it. */
  toErrorShape(): ErrorShape {
    return {
      code: this.code,
      message: this.message,
      ...(this.details === undefined ? {} : { details: this.details }),
      ...(this.retryable ? { retryable: true } : {}),
      ...(this.retryAfterMs === undefined ? {} : { retryAfterMs: this.retryAfterMs }),
    };
  }

  /** Whether `value` is a wire error, optionally with a given code (copy-safe brand check). */
  static override isInstance(value: unknown, code?: string): value is GatewayRequestError {
    return isGatewireErrorOfFamily(value, 'wire') && (code === undefined || (value as GatewayRequestError).code === code);
  }
}
