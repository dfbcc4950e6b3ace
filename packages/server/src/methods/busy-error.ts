import { ErrorCodes, type ErrorShape } from '@gatewire/protocol';

/** The answer to a call that found no capacity: retry after `retryAfterMs`. */
export function busyError(retryAfterMs: number): ErrorShape {
  return {
    code: ErrorCodes.UNAVAILABLE,
    message: 'The server is busy. Please try again in a moment.',
    details: { code: 'BUSY' },
    retryable: true,
    retryAfterMs,
  };
}

/** The sanitized answer to a handler that threw: no message, stack or secret of the original. */
export function handlerFailedError(method: string): ErrorShape {
  return { code: ErrorCodes.UNAVAILABLE, message: `${method} failed`, details: { code: 'HANDLER_FAILED' } };
}
