import type { ClientInfo } from '@gatewire/protocol';

/** Distinct values of each kind remembered at most; beyond that each connection keeps its own. */
export const MAX_SHARED_VALUES = 256;

/** The empty list, shared by every connection that announced none. */
const NONE: readonly string[] = Object.freeze([]);

/**
 * Frozen values shared by every connection that has an equal one, keyed by their JSON. Bounded:
 * once {@link MAX_SHARED_VALUES} are held, further values are returned as they are.
 */
class SharedValues<T extends object> {
  readonly #values = new Map<string, T>();

  share(value: T): T {
    const key = JSON.stringify(value);
    const shared = this.#values.get(key);
    if (shared !== undefined) return shared;
    if (this.#values.size >= MAX_SHARED_VALUES) return value;
    const frozen = Object.freeze(structuredClone(value));
    this.#values.set(key, frozen);
    return frozen;
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
