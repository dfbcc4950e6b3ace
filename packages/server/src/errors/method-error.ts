import type { ErrorShape } from '@gatewire/protocol';

const METHOD_ERROR_MARK = Symbol.for('gatewire.server.MethodError');

/** Fields of a {@link MethodError} besides its code and message. */
export interface MethodErrorOptions {
  readonly details?: unknown;
  readonly retryable?: boolean;
  readonly retryAfterMs?: number;
  readonly cause?: unknown;
}

/**
 * A wire error a handler throws on purpose: it reaches the caller as
 * `{code, message, details?, retryable?, retryAfterMs?}`. Anything else a handler throws is logged
 * and answered with a sanitized `UNAVAILABLE`.
 */
export class MethodError extends Error {
  readonly code: string;
  readonly details: unknown;
  readonly retryable: boolean | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(code: string, message: string, options: MethodErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'MethodError';
    this.code = code;
    this.details = options.details;
    this.retryable = options.retryable;
    this.retryAfterMs = options.retryAfterMs;
    Object.defineProperty(this, METHOD_ERROR_MARK, { value: true });
  }

  /** Whether a value is a MethodError, also across two installed copies of this package. */
  static isInstance(value: unknown): value is MethodError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[METHOD_ERROR_MARK] === true;
  }

  /** The error object sent on the wire. */
  toErrorShape(): ErrorShape {
    return {
      code: this.code,
      message: this.message,
      ...(this.details === undefined ? {} : { details: this.details }),
      ...(this.retryable === undefined ? {} : { retryable: this.retryable }),
      ...(this.retryAfterMs === undefined ? {} : { retryAfterMs: this.retryAfterMs }),
    };
  }
}
