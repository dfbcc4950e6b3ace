import { HostHookErrorCodes, type HostHookErrorCode } from '@gatewire/protocol';

const HOST_HOOK_ERROR_MARK = Symbol.for('gatewire.server.HostHookError');

/** The host hooks a gateway runs (options `health`, `status` and `snapshot`). */
export type HostHookName = 'health' | 'status' | 'snapshot';

/**
 * A host hook gave no usable result: it threw, timed out, or returned something that is not plain
 * JSON of the right shape. The gateway's `error` event carries it, with the host's own error as
 * `cause`; what the wire says instead is documented per hook (docs/guides/embedding.md).
 */
export class HostHookError extends Error {
  readonly code: HostHookErrorCode;
  readonly hook: HostHookName;

  constructor(hook: HostHookName, code: HostHookErrorCode, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'HostHookError';
    this.hook = hook;
    this.code = code;
    Object.defineProperty(this, HOST_HOOK_ERROR_MARK, { value: true });
  }

  /** `error` as a HostHookError: itself when it is one, else `HOST_HOOK_FAILED` with `error` as the cause. */
  static from(hook: HostHookName, error: unknown): HostHookError {
    return HostHookError.isInstance(error) ? error : new HostHookError(hook, HostHookErrorCodes.HOST_HOOK_FAILED, `${hook} hook failed`, error);
  }

  /** Whether a value is a HostHookError, also across two installed copies of this package. */
  static isInstance(value: unknown): value is HostHookError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[HOST_HOOK_ERROR_MARK] === true;
  }
}
