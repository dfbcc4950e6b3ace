import type { GatewayLogger } from '../audit/logger';
import type { Connection } from '../connection/connection';
import type { SocketHandlers } from '../transport/socket';

/** What the gateway does with the events of a connection's socket. */
export interface ConnectionEventsHost {
  readonly options: { readonly logger: GatewayLogger };
  connectionMessage(connection: Connection, text: string, byteLength: number): void;
  connectionClosed(connection: Connection, code: number, reason: string): void;
}

/**
 * The {@link SocketHandlers} of one connection: a small object with prototype methods that forwards
 * to the gateway with the connection, instead of four closures per connection.
 */
export class ConnectionHandlers implements SocketHandlers {
  readonly #host: ConnectionEventsHost;
  readonly #connection: Connection;

  constructor(host: ConnectionEventsHost, connection: Connection) {
    this.#host = host;
    this.#connection = connection;
  }

  message(text: string, byteLength: number): void {
    this.#host.connectionMessage(this.#connection, text, byteLength);
  }

  close(code: number, reason: string): void {
    this.#host.connectionClosed(this.#connection, code, reason);
  }

  pong(): void {
    this.#connection.awaitingPongSince = undefined;
  }

  ping(data: Uint8Array): void {
    this.#connection.answerPing(data);
  }

  /** A transport error (a `close` follows): logged at debug level only. */
  error(error: Error): void {
    this.#host.options.logger.debug({ connId: this.#connection.connId, err: error.message }, 'socket error');
  }
}
