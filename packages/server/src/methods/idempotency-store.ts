import { ErrorCodes, type ErrorShape } from '@gatewire/protocol';
import type { CallResult } from './idempotency-cache';

/** What a shared {@link IdempotencyStore} answers when a gateway is about to run a keyed call. */
export type IdempotencyClaim =
  /** Nobody ran this key: this gateway runs the call, then calls `settle`. */
  | { readonly kind: 'run' }
  /** A gateway already ran it with the same params: answer this result, do not run again. */
  | { readonly kind: 'result'; readonly result: CallResult }
  /** A gateway is running it right now: answer {@link idempotencyKeyRunningElsewhere}. */
  | { readonly kind: 'running' }
  /** The key was used with other params: answer `IDEMPOTENCY_KEY_REUSED`. */
  | { readonly kind: 'conflict' };

/**
 * Results of keyed calls (`idempotencyKey`) shared by the gateways of a cluster, so that a retry
 * that lands on another gateway does not run the call twice (`@gatewire/adapter-redis` ships
 * `RedisIdempotencyStore`). The gateway's in-process cache stays in front: a repeat on the same
 * gateway is answered from memory; the store is asked only when the key is not known locally.
 *
 * Keys are the gateway's cache keys (method, caller identity, client key); `digest` identifies the
 * params. If the store fails (rejects), the call is not run and the caller gets a retryable
 * `UNAVAILABLE`: running it could run it twice.
 */
export interface IdempotencyStore {
  /** Atomically claim `key` for a run, or tell what another gateway did with it. */
  claim(key: string, digest: string): Promise<IdempotencyClaim>;
  /**
   * The claimed call ended: remember a success for `ttlMs`; forget a failure (so a retry runs
   * again), as the in-process cache does.
   */
  settle(key: string, digest: string, result: CallResult, ttlMs: number): Promise<void>;
}

/** How long a caller should wait before retrying a call that runs on another gateway, ms. */
export const runningElsewhereRetryAfterMs = 250;

/** The answer to a keyed call whose first run is still going on another gateway. */
export function idempotencyKeyRunningElsewhere(method: string): ErrorShape {
  return {
    code: ErrorCodes.UNAVAILABLE,
    message: `a ${method} call with this idempotency key is still running on another gateway; retry with the same key`,
    retryable: true,
    retryAfterMs: runningElsewhereRetryAfterMs,
  };
}

/** The answer when the shared idempotency store could not be asked (the call was not run). */
export function idempotencyStoreUnavailable(method: string): ErrorShape {
  return {
    code: ErrorCodes.UNAVAILABLE,
    message: `${method} not run: the shared idempotency store is unavailable; retry with the same key`,
    retryable: true,
    retryAfterMs: runningElsewhereRetryAfterMs,
  };
}
