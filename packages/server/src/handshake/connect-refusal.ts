import { CloseCodes, ErrorCodes, truncateCloseReason, type ErrorShape } from '@gatewire/protocol';

/** Extra fields of a refusal's error object. */
export interface RefusalExtras {
  readonly details?: Record<string, unknown>;
  readonly retryable?: boolean;
  readonly retryAfterMs?: number;
  /** Close reason when it differs from the message (still truncated to 120 bytes). */
  readonly closeReason?: string;
}

/**
 * A refused `connect`: the error answered to the client, then the close code. The close reason is
 * the message truncated to 120 UTF-8 bytes, as the reference gateway does.
 */
export class ConnectRefusal extends Error {
  readonly error: ErrorShape;
  readonly closeCode: number;
  readonly closeReason: string;

  constructor(code: string, message: string, closeCode: number, extras: RefusalExtras = {}) {
    super(message);
    this.name = 'ConnectRefusal';
    this.error = {
      code,
      message,
      ...(extras.details === undefined ? {} : { details: extras.details }),
      ...(extras.retryable === undefined ? {} : { retryable: extras.retryable }),
      ...(extras.retryAfterMs === undefined ? {} : { retryAfterMs: extras.retryAfterMs }),
    };
    this.closeCode = closeCode;
    this.closeReason = truncateCloseReason(extras.closeReason ?? message);
  }

  /** The `details.code` of the refusal, if any. */
  get detailCode(): string | undefined {
    const details = this.error.details as { code?: unknown } | undefined;
    return typeof details?.code === 'string' ? details.code : undefined;
  }
}

/** `INVALID_REQUEST` refusal with close 1008. */
export function invalidRequest(message: string, extras: RefusalExtras = {}): ConnectRefusal {
  return new ConnectRefusal(ErrorCodes.INVALID_REQUEST, message, CloseCodes.POLICY_VIOLATION, extras);
}

/** `NOT_PAIRED` refusal with close 1008. */
export function notPaired(message: string, extras: RefusalExtras = {}): ConnectRefusal {
  return new ConnectRefusal(ErrorCodes.NOT_PAIRED, message, CloseCodes.POLICY_VIOLATION, extras);
}
