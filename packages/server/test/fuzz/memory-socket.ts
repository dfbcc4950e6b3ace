import type { GatewaySocket, SocketHandlers } from '../../src/transport/socket';

/** A frame the gateway sent, parsed. */
export type SentFrame = Record<string, unknown>;

/**
 * An in-process {@link GatewaySocket} for property tests of the gateway core: it records what the
 * gateway sends and lets the test hand frames to the core directly, so tens of thousands of cases
 * run in seconds. The socket-level fuzz tests use real sockets; this one claims no network.
 */
export class MemorySocket implements GatewaySocket {
  readonly sent: SentFrame[] = [];
  closedWith: { code: number; reason: string } | undefined;
  #handlers: SocketHandlers | undefined;
  #waiters: Array<{ predicate: (frame: SentFrame) => boolean; resolve: (frame: SentFrame | undefined) => void }> = [];

  send(text: string): void {
    const frame = JSON.parse(text) as SentFrame;
    const index = this.#waiters.findIndex((waiter) => waiter.predicate(frame));
    if (index >= 0) this.#waiters.splice(index, 1)[0]?.resolve(frame);
    else this.sent.push(frame);
  }

  close(code: number, reason: string): void {
    if (this.closedWith !== undefined) return;
    this.closedWith = { code, reason };
    queueMicrotask(() => this.#finish(code, reason));
  }

  terminate(): void {
    this.close(1006, '');
  }

  ping(): void {}

  pong(): void {}

  readonly bufferedAmount = 0;

  get isOpen(): boolean {
    return this.closedWith === undefined;
  }

  setMaxPayload(): void {}

  listen(handlers: SocketHandlers): void {
    this.#handlers = handlers;
  }

  /** Hand one text frame to the gateway, as the transport would. */
  receive(text: string): void {
    if (this.closedWith === undefined) this.#handlers?.message(text, Buffer.byteLength(text));
  }

  /** The first sent frame matching `predicate`, or `undefined` once the socket closed without one. */
  next(predicate: (frame: SentFrame) => boolean): Promise<SentFrame | undefined> {
    const index = this.sent.findIndex(predicate);
    if (index >= 0) return Promise.resolve(this.sent.splice(index, 1)[0]);
    if (this.closedWith !== undefined) return Promise.resolve(undefined);
    return new Promise((resolve) => this.#waiters.push({ predicate, resolve }));
  }

  #finish(code: number, reason: string): void {
    for (const waiter of this.#waiters.splice(0)) waiter.resolve(undefined);
    this.#handlers?.close(code, reason);
  }
}

/** The upgrade request of an in-process socket: a direct loopback client. */
export const LOOPBACK_REQUEST = { remoteAddress: '127.0.0.1', headers: {}, url: '/' } as const;
