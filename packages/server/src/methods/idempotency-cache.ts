import type { ErrorShape } from '@gatewire/protocol';

/** The settled outcome of a method call. */
export type CallResult = { readonly ok: true; readonly payload: unknown } | { readonly ok: false; readonly error: ErrorShape };

interface Entry {
  readonly expiresAt: number;
  readonly result: Promise<CallResult>;
}

/**
 * Remembers results by idempotency key for `ttlMs`, at most `maxEntries` (oldest evicted first).
 * A repeat while the first call still runs waits for it; failures are forgotten so a retry runs again.
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

  /** The remembered (or pending) result of a key, if still fresh. */
  get(key: string, now = Date.now()): Promise<CallResult> | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= now) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.result;
  }

  /** Remember the result of the first call with this key. */
  remember(key: string, result: Promise<CallResult>, now = Date.now()): void {
    this.#entries.delete(key);
    this.#entries.set(key, { expiresAt: now + this.#ttlMs, result });
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
