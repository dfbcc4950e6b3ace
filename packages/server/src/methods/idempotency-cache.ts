import { createHash } from 'node:crypto';
import { ErrorCodes, MethodErrorDetailCodes, type ErrorShape } from '@gatewire/protocol';
import type { ConnectionInfo } from '../connection/connection-info';

/** The settled outcome of a method call. */
export type CallResult = { readonly ok: true; readonly payload: unknown } | { readonly ok: false; readonly error: ErrorShape };

interface Entry {
  readonly expiresAt: number;
  /** SHA-256 of the call's params in canonical JSON: a reused key must come with the same params. */
  readonly paramsDigest: string;
  readonly result: Promise<CallResult>;
}

/** What {@link IdempotencyCache.get} finds for a key. */
export type Remembered =
  | { readonly kind: 'result'; readonly result: Promise<CallResult> }
  /** The key was used with other params: answer {@link idempotencyKeyReused}. */
  | { readonly kind: 'conflict' };

/**
 * Who a call's idempotency key belongs to: the verified device, else the connection's auth
 * identity (auth method and user). Never the address: two callers behind one NAT or proxy are
 * not one caller. Connections without a device that share one credential (the shared secret,
 * no user) are one identity, as they are to the gateway; the params check below still keeps one
 * from receiving the result of another call.
 */
export function callerIdentity(info: ConnectionInfo): string {
  if (info.deviceId !== undefined) return `${info.role}\u0000device\u0000${info.deviceId}`;
  return `${info.role}\u0000auth\u0000${info.authMethod}\u0000${info.user ?? ''}`;
}

/** The cache key of a call: method, caller identity and the client's idempotency key. */
export function idempotencyCacheKey(method: string, info: ConnectionInfo, key: string): string {
  return `${method}\u0000${callerIdentity(info)}\u0000${key}`;
}

/** JSON with object keys sorted, so equal params give equal text whatever their key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const fields = Object.keys(value)
      .filter((name) => (value as Record<string, unknown>)[name] !== undefined)
      .sort()
      .map((name) => `${JSON.stringify(name)}:${canonicalJson((value as Record<string, unknown>)[name])}`);
    return `{${fields.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The digest a reused key's params are compared by. */
export function paramsDigest(params: unknown): string {
  return createHash('sha256').update(canonicalJson(params), 'utf8').digest('base64url');
}

/** The `INVALID_REQUEST` / `IDEMPOTENCY_KEY_REUSED` answer to a key reused with other params. */
export function idempotencyKeyReused(method: string, key: string): ErrorShape {
  return {
    code: ErrorCodes.INVALID_REQUEST,
    message: `idempotency key reused with different params for ${method} (use a new key for a new call)`,
    details: { code: MethodErrorDetailCodes.IDEMPOTENCY_KEY_REUSED, idempotencyKey: key },
  };
}

/**
 * Remembers results by idempotency key for `ttlMs`, at most `maxEntries` (oldest evicted first).
 * A repeat while the first call still runs waits for it; failures are forgotten so a retry runs
 * again; a repeat with other params is a conflict, not a repeat.
 */
export class IdempotencyCache {
  readonly #entries = new Map<string, Entry>();
  readonly #ttlMs: number;
  readonly #maxEntries: number;

  constructor(ttlMs: number, maxEntries: number) {
    this.#ttlMs = ttlMs;
    this.#maxEntries = maxEntries;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The remembered (or pending) result of a key, if still fresh, or a conflict when the params differ. */
  get(key: string, digest: string, now = Date.now()): Remembered | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= now) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.paramsDigest === digest ? { kind: 'result', result: entry.result } : { kind: 'conflict' };
  }

  /** Remember the result of the first call with this key and params digest. */
  remember(key: string, digest: string, result: Promise<CallResult>, now = Date.now()): void {
    this.#entries.delete(key);
    this.#entries.set(key, { expiresAt: now + this.#ttlMs, paramsDigest: digest, result });
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value as string;
      this.#entries.delete(oldest);
    }
    void result.then((settled) => {
      if (!settled.ok && this.#entries.get(key)?.result === result) this.#entries.delete(key);
    });
  }

  /** Drop expired entries. */
  prune(now = Date.now()): void {
    for (const [key, entry] of this.#entries) if (entry.expiresAt <= now) this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }
}
