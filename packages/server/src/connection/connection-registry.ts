import type { Connection } from './connection';

/** Connection counts for `status`. */
export interface ConnectionCounts {
  total: number;
  operator: number;
  node: number;
  unauthenticated: number;
}

/** The connections of this gateway process, with the per-IP count of unauthenticated sockets. */
export class ConnectionRegistry {
  readonly #connections = new Map<string, Connection>();
  readonly #unauthenticatedByIp = new Map<string, number>();
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
    return this.#unauthenticatedByIp.get(clientIp) ?? 0;
  }

  add(connection: Connection): void {
    this.#connections.set(connection.connId, connection);
    this.#bump(connection.address.clientIp, 1);
  }

  /** Move a connection from unauthenticated to authenticated. */
  promote(connection: Connection): void {
    if (this.#authenticated.has(connection) || !this.#connections.has(connection.connId)) return;
    this.#authenticated.add(connection);
    this.#bump(connection.address.clientIp, -1);
  }

  remove(connection: Connection): void {
    if (!this.#connections.delete(connection.connId)) return;
    if (!this.#authenticated.delete(connection)) this.#bump(connection.address.clientIp, -1);
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

  #bump(clientIp: string, delta: number): void {
    const next = (this.#unauthenticatedByIp.get(clientIp) ?? 0) + delta;
    if (next <= 0) this.#unauthenticatedByIp.delete(clientIp);
    else this.#unauthenticatedByIp.set(clientIp, next);
  }
}
