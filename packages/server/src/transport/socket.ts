/**
 * The small socket interface the gateway core works on. The core never imports `ws`: a thin
 * adapter ({@link bindWebSocket}) binds a `ws` WebSocket to it, and tests or other transports can
 * provide their own.
 */
export interface GatewaySocket {
  /** Send one text frame. */
  send(text: string): void;
  /**
   * Send one text message given both as `text` and as its complete WebSocket frame (`frame`: an
   * unmasked RFC 6455 text frame carrying `text`), optional. The gateway uses it for broadcasts: the
   * frame is built once and the same bytes go to every recipient with the same `seq`. A transport
   * that cannot write a ready frame as is (for example while an extension such as permessage-deflate
   * is in use) sends `text` instead.
   */
  sendWebSocketFrame?(frame: Uint8Array, text: string): void;
  /**
   * Hold the frames sent during the rest of this tick and write them together at its end (one
   * system call instead of one per frame), optional. The gateway calls it before answering
   * `connect`, since `hello-ok` is followed at once by the connection's first event. A transport
   * without it writes each frame as it is sent.
   */
  holdWritesUntilTickEnd?(): void;
  /** Start the closing handshake with a code and a reason (at most 123 bytes). */
  close(code: number, reason: string): void;
  /** Destroy the connection at once, without a closing handshake. */
  terminate(): void;
  /** Send a WebSocket ping; the peer's pong arrives through {@link SocketHandlers.pong}. */
  ping(): void;
  /**
   * Send a WebSocket pong carrying `data` (the answer to the peer's ping). The transport must not
   * answer pings by itself: the gateway answers them through this, under its backpressure rule.
   */
  pong(data: Uint8Array): void;
  /** Bytes queued for sending but not yet written to the network. */
  readonly bufferedAmount: number;
  /** Whether frames can still be sent. */
  readonly isOpen: boolean;
  /**
   * Change the largest inbound message accepted, in bytes. The gateway lowers it before the
   * handshake and raises it after authentication. A transport that cannot do this may ignore it:
   * the core checks sizes too.
   */
  setMaxPayload(bytes: number): void;
  /** Register the handlers. Called once, right after the socket is handed to the gateway. */
  listen(handlers: SocketHandlers): void;
}

/** Callbacks from a {@link GatewaySocket} to the gateway core. */
export interface SocketHandlers {
  /** One inbound message as text, with its size in bytes on the wire. */
  message(text: string, byteLength: number): void;
  /** The socket closed (by either side). Called once. */
  close(code: number, reason: string): void;
  /**
   * A pong arrived. Only the answers to pings matter: {@link bindWebSocket}'s binding reports pongs
   * from the socket's first {@link GatewaySocket.ping} on (an unsolicited pong before it is not
   * reported).
   */
  pong(): void;
  /** A ping arrived, with its application data (at most 125 bytes); the gateway answers it. */
  ping(data: Uint8Array): void;
  /** A transport error; a `close` follows. */
  error(error: Error): void;
}
