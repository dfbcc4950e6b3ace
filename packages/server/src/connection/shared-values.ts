import type { ClientInfo } from '@gatewire/protocol';

/** Distinct values of each kind remembered at most; beyond that each connection keeps its own. */
export const MAX_SHARED_VALUES = 256;

/** The empty list, shared by every connection that announced none. */
const NONE: readonly string[] = Object.freeze([]);

/** A primitive item (a nested object or array is never compared item by item). */
function isPrimitive(item: unknown): boolean {
  return typeof item !== 'object' || item === null;
}

/**
 * The value shared last, with its keys read once: connections in a row mostly announce the same
 * value, so each new one is first compared with it, item by item, and then needs no JSON key.
 */
class LastShared<T extends object> {
  readonly value: T;
  readonly #keys: readonly string[] | undefined;

  constructor(value: T) {
    this.value = value;
    this.#keys = Array.isArray(value) ? undefined : Object.keys(value);
  }

  /**
   * Whether `candidate` holds the same primitive items in the same order (so it serializes to the
   * same JSON). A nested item never counts as the same: the caller then compares the JSON.
   */
  sameAs(candidate: T): boolean {
    const shared = this.value as Record<string, unknown>;
    const other = candidate as Record<string, unknown>;
    const keys = this.#keys;
    if (keys === undefined) {
      if (!Array.isArray(candidate)) return false;
      const items = shared as unknown as readonly unknown[];
      if (items.length !== candidate.length) return false;
      for (let index = 0; index < items.length; index += 1) {
        const item: unknown = candidate[index];
        if (!isPrimitive(item) || item !== items[index]) return false;
      }
      return true;
    }
    if (Array.isArray(candidate)) return false;
    let count = 0;
    for (const key in other) {
      if (!Object.hasOwn(other, key)) continue;
      const item = other[key];
      if (key !== keys[count] || !isPrimitive(item) || item !== shared[key]) return false;
      count += 1;
    }
    return count === keys.length;
  }
}

/**
 * Frozen values shared by every connection that has an equal one, keyed by their JSON. Bounded:
 * once {@link MAX_SHARED_VALUES} are held, further values are returned as they are.
 */
class SharedValues<T extends object> {
  readonly #values = new Map<string, T>();
  #last: LastShared<T> | undefined;

  share(value: T): T {
    if (this.#last?.sameAs(value)) return this.#last.value;
    const key = JSON.stringify(value);
    let shared = this.#values.get(key);
    if (shared === undefined) {
      if (this.#values.size >= MAX_SHARED_VALUES) return value;
      shared = Object.freeze(structuredClone(value));
      this.#values.set(key, shared);
    }
    if (this.#last?.value !== shared) this.#last = new LastShared(shared);
    return shared;
  }
}

const lists = new SharedValues<readonly string[]>();
const clients = new SharedValues<ClientInfo>();

/**
 * The facts an idle connection keeps from its `connect` (granted scopes, caps, commands, client info)
 * are the same for most connections: each is held once, frozen, and shared, instead of one copy (an
 * array or object and its strings, 60–150 bytes each) per connection.
 */
export function sharedList(values: readonly string[]): readonly string[] {
  return values.length === 0 ? NONE : lists.share(values);
}

/** The client info of a connection, shared with the connections that announced the same one (see {@link sharedList}). */
export function sharedClientInfo(client: ClientInfo): ClientInfo {
  return clients.share(client);
}
