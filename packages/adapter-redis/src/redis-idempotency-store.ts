import { createHash, randomUUID } from 'node:crypto';
import type { CallResult, IdempotencyClaim, IdempotencyStore } from '@gatewire/server';
import type { RedisConnection } from './redis-connection';
import { sharedStoreKey, type SharedStoreOptions } from './shared-store-options';

/** Options of {@link RedisIdempotencyStore}. */
export interface RedisIdempotencyStoreOptions extends SharedStoreOptions {
  /**
   * How long a claim holds while its call runs, ms. If the gateway running it dies, retries on
   * other gateways answer "still running" (retryable `UNAVAILABLE`) until then, and run it after.
   * @default 60000
   */
  readonly pendingTtlMs?: number;
  /**
   * Largest result (JSON) shared with other gateways, bytes. A larger success is answered and
   * remembered by its own gateway only; its claim is released, so a retry elsewhere runs again.
   * @default 1048576
   */
  readonly maxResultBytes?: number;
}

/** The defaults of {@link RedisIdempotencyStoreOptions}. */
export const redisIdempotencyStoreDefaults = { pendingTtlMs: 60_000, maxResultBytes: 1_048_576 } as const;

const PENDING = 'p';
const DONE = 'd';
/** Delete the key only while it still holds this gateway's claim. */
const RELEASE_SCRIPT = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";

/**
 * An {@link IdempotencyStore} in Redis: a keyed call retried on another gateway of the cluster is
 * answered with the first result instead of running twice (`createGateway({ idempotencyStore })`).
 *
 * One string key per call, `<keyPrefix>:{<cluster>}:idem:<sha256 of the gateway's cache key>`,
 * holding `p|<params digest>|<claim id>` while the call runs (claimed atomically with
 * `SET … NX GET`, expiring after `pendingTtlMs`) and `d|<params digest>|<result JSON>` after a
 * success (expiring after the gateway's `idempotencyTtlMs`). A failure deletes the claim.
 */
export class RedisIdempotencyStore implements IdempotencyStore {
  readonly #redis: RedisConnection;
  readonly #prefix: string;
  readonly #pendingTtlMs: number;
  readonly #maxResultBytes: number;
  /** Claim ids of the calls this gateway runs, by Redis key. */
  readonly #claims = new Map<string, string>();

  constructor(options: RedisIdempotencyStoreOptions) {
    this.#redis = options.redis;
    this.#prefix = sharedStoreKey(options, 'idem:');
    this.#pendingTtlMs = options.pendingTtlMs ?? redisIdempotencyStoreDefaults.pendingTtlMs;
    this.#maxResultBytes = options.maxResultBytes ?? redisIdempotencyStoreDefaults.maxResultBytes;
    for (const [name, value] of [['pendingTtlMs', this.#pendingTtlMs], ['maxResultBytes', this.#maxResultBytes]] as const) {
      if (!Number.isSafeInteger(value) || value <= 0) throw new TypeError(`RedisIdempotencyStore: ${name} must be a positive integer, got ${value}`);
    }
  }

  /** The Redis key of a gateway cache key. */
  redisKey(key: string): string {
    return this.#prefix + createHash('sha256').update(key, 'utf8').digest('base64url');
  }

  async claim(key: string, digest: string): Promise<IdempotencyClaim> {
    const redisKey = this.redisKey(key);
    const claimId = randomUUID();
    const previous = (await this.#redis.sendCommand(['SET', redisKey, `${PENDING}|${digest}|${claimId}`, 'NX', 'GET', 'PX', String(this.#pendingTtlMs)])) as string | null;
    if (previous === null) {
      this.#claims.set(redisKey, claimId);
      return { kind: 'run' };
    }
    const [state, storedDigest] = previous.split('|', 2);
    if (storedDigest !== digest) return { kind: 'conflict' };
    if (state === PENDING) return { kind: 'running' };
    if (state === DONE) return { kind: 'result', result: this.#parseResult(redisKey, previous.slice(DONE.length + digest.length + 2)) };
    throw new TypeError(`RedisIdempotencyStore: ${redisKey} holds an unknown value`);
  }

  async settle(key: string, digest: string, result: CallResult, ttlMs: number): Promise<void> {
    const redisKey = this.redisKey(key);
    const claimId = this.#claims.get(redisKey);
    this.#claims.delete(redisKey);
    if (claimId === undefined) return;
    const json = result.ok ? JSON.stringify(result) : undefined;
    if (json !== undefined && Buffer.byteLength(json, 'utf8') <= this.#maxResultBytes) {
      await this.#redis.sendCommand(['SET', redisKey, `${DONE}|${digest}|${json}`, 'PX', String(ttlMs)]);
      return;
    }
    await this.#redis.sendCommand(['EVAL', RELEASE_SCRIPT, '1', redisKey, `${PENDING}|${digest}|${claimId}`]);
  }

  #parseResult(redisKey: string, json: string): CallResult {
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch (cause) {
      throw new TypeError(`RedisIdempotencyStore: ${redisKey} holds a result that is not JSON`, { cause });
    }
    if (typeof parsed !== 'object' || parsed === null || (parsed as { ok?: unknown }).ok !== true) {
      throw new TypeError(`RedisIdempotencyStore: ${redisKey} holds a value that is not a call result`);
    }
    return parsed as CallResult;
  }
}
