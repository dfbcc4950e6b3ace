import type { IncomingMessage } from 'node:http';

/** An inbound message as `ws` hands it over: a Buffer, a fragment list, or an ArrayBuffer. */
export type WebSocketData = Buffer | ArrayBuffer | Buffer[];

/**
 * The part of a `ws` WebSocket (ws 8) that the gateway uses. A structural type, so the published
 * declarations need no `@types/ws` (a consumer with `skipLibCheck: false` compiles without it, and
 * the parameter is not silently `any` with it). A `WebSocket` of `ws` fits it.
 */
export interface WebSocketLike {
  /** `0` connecting, `1` open, `2` closing, `3` closed. */
  readonly readyState: number;
  /** Bytes queued and not yet written to the TCP socket. */
  readonly bufferedAmount: number;
  /** The negotiated extensions (`''` when none). */
  readonly extensions: string;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  terminate(): void;
  ping(): void;
  pong(data: Uint8Array): void;
  on(event: 'message', listener: (this: WebSocketLike, data: WebSocketData, isBinary: boolean) => void): this;
  on(event: 'close', listener: (this: WebSocketLike, code: number, reason: Buffer) => void): this;
  on(event: 'pong', listener: (this: WebSocketLike, data: Buffer) => void): this;
  on(event: 'ping', listener: (this: WebSocketLike, data: Buffer) => void): this;
  on(event: 'error', listener: (this: WebSocketLike, error: Error) => void): this;
}

/** A `connection` listener of {@link WebSocketServerLike}. */
export type WebSocketConnectionListener = (socket: WebSocketLike, request: IncomingMessage) => void;

/**
 * The part of a `ws` WebSocketServer that {@link Gateway.attachWebSocketServer} uses: its
 * `connection` event. A `WebSocketServer` of `ws` fits it.
 */
export interface WebSocketServerLike {
  on(event: 'connection', listener: WebSocketConnectionListener): this;
  off(event: 'connection', listener: WebSocketConnectionListener): this;
}
