import type { Connection } from './connection';

/** Connection counts for `status`. */
export interface ConnectionCounts {
  total: number;
  operator: number;
  node: number;
  unauthenticated: number;
}

/** The connections of this gateway process, with the unauthenticated sockets of each IP, oldest first. */
export class ConnectionRegistry {
  readonly #connections = new Map<string, Connection>();
  readonly #unauthenticatedByIp = new Map<string, Set<Connection>>();
  readonly #authenticated = new Set<Connection>();

  get size(): number {
    return this.#connections.size;
  }

  get(connId: string): Connection | undefined {
    return this.#connections.get(connId);
  }

  /** Every socket, authenticated or not. */
  all(): IterableIterator<Connection> {
    return this.#connections.values();
  }

  /** Authenticated connections, in connect order. */
  authenticated(): ReadonlySet<Connection> {
    return this.#authenticated;
  }

  unauthenticatedFrom(clientIp: string): number {
    return this.#unauthenticatedByIp.get(clientIp)?.size ?? 0;
  }

  /**
   * The unauthenticated socket of `clientIp` to evict first: the oldest that has not sent `connect`
   * yet, else the oldest still being admitted.
   */
  oldestUnauthenticated(clientIp: string): Connection | undefined {
    const pending = this.#unauthenticatedByIp.get(clientIp);
    if (pending === undefined) return undefined;
    let oldest: Connection | undefined;
    for (const connection of pending) {
      if (connection.state === 'awaiting-connect') return connection;
      oldest ??= connection;
    }
    return oldest;
  }

  add(connection: Connection): void {
    this.#connections.set(connection.connId, connection);
    const clientIp = connection.address.clientIp;
    const pending = this.#unauthenticatedByIp.get(clientIp);
    if (pending === undefined) this.#unauthenticatedByIp.set(clientIp, new Set<Connection>().add(connection));
    else pending.add(connection);
  }

  /** Move a connection from unauthenticated to authenticated. */
  promote(connection: Connection): void {
    if (this.#authenticated.has(connection) || !this.#connections.has(connection.connId)) return;
    this.#authenticated.add(connection);
    this.releaseUnauthenticated(connection);
  }

  /** Stop counting a connection against its IP's unauthenticated budget (promoted, evicted or gone). */
  releaseUnauthenticated(connection: Connection): void {
    const clientIp = connection.address.clientIp;
    const pending = this.#unauthenticatedByIp.get(clientIp);
    if (pending?.delete(connection) && pending.size === 0) this.#unauthenticatedByIp.delete(clientIp);
  }

  remove(connection: Connection): void {
    if (!this.#connections.delete(connection.connId)) return;
    if (!this.#authenticated.delete(connection)) this.releaseUnauthenticated(connection);
  }

  counts(): ConnectionCounts {
    const counts: ConnectionCounts = { total: this.#connections.size, operator: 0, node: 0, unauthenticated: 0 };
    for (const connection of this.#authenticated) {
      if (connection.info?.role === 'node') counts.node += 1;
      else counts.operator += 1;
    }
    counts.unauthenticated = counts.total - counts.operator - counts.node;
    return counts;
  }
}
