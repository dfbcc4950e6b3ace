import type { GatewaySocket, SocketHandlers } from './socket';
import type { WebSocketData, WebSocketLike } from './ws-types';

/** `ws` keeps the receiver's payload limit in a private field; this is the part we touch. */
interface ReceiverWithLimit {
  _maxPayload?: number;
}

interface WebSocketInternals {
  _receiver?: ReceiverWithLimit;
  /** Whether `ws` answers pings itself (off: the gateway answers them, see {@link onPing}). */
  _autoPong?: boolean;
  /** Negotiated extensions; permessage-deflate keeps its own inflate limit. */
  _extensions?: Record<string, ReceiverWithLimit | undefined>;
  /** The TCP (or TLS) socket under the WebSocket. */
  _socket?: { cork(): void; uncork(): void; write(chunk: Uint8Array): boolean };
}

/**
 * Frames held by one cork at most. A longer burst (many requests in one read) is written in slices
 * of this many frames, so the peer starts on the first answers while the rest are still being
 * computed: holding a whole burst of 64 until the end of the tick made the two sides take turns
 * (1 connection × 64 in flight: 0.9× raw ws held whole, 1.6–1.7× in slices of 16; see
 * docs/benchmarks.md). Bursts of up to this many frames still leave in one `writev`.
 */
const MAX_CORKED_FRAMES = 16;

/** `ws.OPEN`. */
const OPEN = 1;

/** One inbound message as a Buffer (`ws` hands over a Buffer, a fragment list or an ArrayBuffer). */
function toBuffer(data: WebSocketData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

/** Where {@link WsGatewaySocket.listen} keeps the adapter on the `ws` socket (the listeners' `this`). */
const ADAPTER = Symbol('gatewire.adapter');

type ListenedSocket = WebSocketLike & { [ADAPTER]: WsGatewaySocket };

function adapterOf(ws: WebSocketLike): WsGatewaySocket {
  return (ws as ListenedSocket)[ADAPTER];
}

function onMessage(this: WebSocketLike, data: WebSocketData): void {
  adapterOf(this).received(data);
}

function onClose(this: WebSocketLike, code: number, reason: Buffer): void {
  adapterOf(this).handlers?.close(code, reason.toString('utf8'));
}

function onPong(this: WebSocketLike): void {
  adapterOf(this).handlers?.pong();
}

/**
 * `ws`'s own answer to pings is turned off: it terminates a socket without a close frame once 60
 * pongs are waiting to be written, which a client meets by sending a burst of pings in one write.
 * The gateway answers pings itself, bounded by the connection's send buffer like any other frame.
 */
function onPing(this: WebSocketLike, data: Buffer): void {
  adapterOf(this).handlers?.ping(data);
}

function onError(this: WebSocketLike, error: Error): void {
  adapterOf(this).handlers?.error(error);
}

function uncork(adapter: WsGatewaySocket): void {
  adapter.uncork();
}

/**
 * A `ws` WebSocket as a {@link GatewaySocket}: one small object per connection (methods on the
 * prototype), and the `ws` listeners are shared functions that find it on the socket. Four are
 * added when the gateway takes the socket (message, close, ping, error); the pong listener only
 * with the gateway's first ping, since a pong matters only as the answer to one (most sockets of a
 * short-lived client never see a heartbeat).
 *
 * Writes are batched per burst of inbound frames: when a frame arrives, the TCP socket is corked
 * until the end of the tick (`process.nextTick`), so the answers to the requests that arrived in
 * one read leave in one `writev` (per {@link MAX_CORKED_FRAMES} frames) instead of one system call
 * each. Nothing is delayed past the current tick, and the backpressure check (`bufferedAmount`)
 * counts the corked bytes.
 */
class WsGatewaySocket implements GatewaySocket {
  readonly #ws: WebSocketLike;
  /**
   * Whether no extension was negotiated, so a ready frame may be written as is. Read once: `ws`
   * settles the extensions during the upgrade, before the socket is handed over, and its
   * `extensions` getter builds a new string on every read (it was read per broadcast recipient).
   */
  readonly #writesFramesAsIs: boolean;
  handlers: SocketHandlers | undefined;
  #corked = false;
  /** Whether the pong listener was added (with the first {@link ping}). */
  #hearsPongs = false;
  /** Frames sent since the socket was last corked (see {@link MAX_CORKED_FRAMES}). */
  #corkedFrames = 0;

  constructor(ws: WebSocketLike) {
    this.#ws = ws;
    this.#writesFramesAsIs = ws.extensions === '';
  }

  send(text: string): void {
    this.#ws.send(text);
    if (this.#corked) this.#countCorkedFrame();
  }

  /**
   * A ready frame is written straight to the TCP socket when nothing in `ws` would change its bytes:
   * the socket is open and no extension was negotiated (permessage-deflate would compress, and it
   * is the only reason `ws` queues frames). The same stream as `ws`'s own writes, so order holds, and
   * `bufferedAmount` counts it. Otherwise the text goes through `ws`.
   */
  sendWebSocketFrame(frame: Uint8Array, text: string): void {
    const ws = this.#ws;
    const socket = (ws as unknown as WebSocketInternals)._socket;
    if (!this.#writesFramesAsIs || socket === undefined || ws.readyState !== OPEN) {
      this.send(text);
      return;
    }
    socket.write(frame);
    if (this.#corked) this.#countCorkedFrame();
  }

  close(code: number, reason: string): void {
    this.#ws.close(code, reason);
  }

  terminate(): void {
    this.#ws.terminate();
  }

  ping(): void {
    const ws = this.#ws;
    if (ws.readyState !== OPEN) return;
    if (!this.#hearsPongs) {
      this.#hearsPongs = true;
      ws.on('pong', onPong);
    }
    ws.ping();
  }

  pong(data: Uint8Array): void {
    if (this.#ws.readyState !== OPEN) return;
    this.#ws.pong(data);
    if (this.#corked) this.#countCorkedFrame();
  }

  get bufferedAmount(): number {
    return this.#ws.bufferedAmount;
  }

  get isOpen(): boolean {
    return this.#ws.readyState === OPEN;
  }

  setMaxPayload(bytes: number): void {
    const internals = this.#ws as unknown as WebSocketInternals;
    for (const limited of [internals._receiver, internals._extensions?.['permessage-deflate']]) {
      if (limited && typeof limited._maxPayload === 'number') limited._maxPayload = bytes;
    }
  }

  listen(handlers: SocketHandlers): void {
    const ws = this.#ws;
    this.handlers = handlers;
    (ws as ListenedSocket)[ADAPTER] = this;
    (ws as unknown as WebSocketInternals)._autoPong = false;
    ws.on('message', onMessage);
    ws.on('close', onClose);
    ws.on('ping', onPing);
    ws.on('error', onError);
  }

  /** One more frame written while corked: every {@link MAX_CORKED_FRAMES} frames, write the slice now. */
  #countCorkedFrame(): void {
    if (++this.#corkedFrames < MAX_CORKED_FRAMES) return;
    this.#corkedFrames = 0;
    const socket = (this.#ws as unknown as WebSocketInternals)._socket;
    socket?.uncork();
    socket?.cork();
  }

  /** Cork the TCP socket until the end of the tick (once per tick; see {@link MAX_CORKED_FRAMES}). */
  holdWritesUntilTickEnd(): void {
    if (this.#corked) return;
    const socket = (this.#ws as unknown as WebSocketInternals)._socket;
    if (socket === undefined) return;
    socket.cork();
    this.#corked = true;
    process.nextTick(uncork, this);
  }

  /** One inbound message: cork the writes for this tick, then hand the text over. */
  received(data: WebSocketData): void {
    this.holdWritesUntilTickEnd();
    const buffer = toBuffer(data);
    this.handlers?.message(buffer.toString('utf8'), buffer.length);
  }

  /** End of the tick: write what the burst produced. */
  uncork(): void {
    this.#corked = false;
    this.#corkedFrames = 0;
    (this.#ws as unknown as WebSocketInternals)._socket?.uncork();
  }
}

/**
 * Bind a `ws` WebSocket to the {@link GatewaySocket} interface. This file and the listener code are
 * the only places that know `ws`.
 */
export function bindWebSocket(ws: WebSocketLike): GatewaySocket {
  return new WsGatewaySocket(ws);
}
