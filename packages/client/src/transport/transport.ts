/**
 * What a transport reports to the connection. Call these as methods of the object handed to the
 * factory (`handlers.onMessage(text)`), not detached: the connection passes itself.
 */
export interface TransportHandlers {
  /** The WebSocket is open (TLS and HTTP upgrade done). */
  onOpen(): void;
  /** A text frame arrived. */
  onMessage(text: string): void;
  /**
   * The socket closed (always called exactly once, also when it never opened). `error` is the cause
   * when the transport knows one (refused connection, TLS pin mismatch, …).
   */
  onClose(code: number, reason: string, error: Error | undefined): void;
}

/** One WebSocket, as the client sees it. */
export interface Transport {
  /** Send a text frame. */
  send(text: string): void;
  /** Close with a code and reason. */
  close(code: number, reason: string): void;
}

/** Opens one WebSocket to `url`. Node and browser entries each provide one. */
export type TransportFactory = (url: string, handlers: TransportHandlers) => Transport;
