import type { ClientRequest, IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import WebSocket from 'ws';
import type { NodeWebSocketOptions } from './node-websocket-options';
import type { Transport, TransportFactory, TransportHandlers } from './transport';
import { describeTransportFailure, describeUnexpectedResponse } from './transport-failure';

/** Options of {@link createNodeTransport}. */
export interface NodeTransportOptions {
  /**
   * Called with the upgrade request before it is sent; it must call `request.end()` to send it, or
   * `request.destroy(error)` to abort (the TLS pin check hooks in here).
   */
  readonly finishRequest?: (request: ClientRequest) => void;
  /** Extra `ws` client options (e.g. `rejectUnauthorized`, `ca`). @default {} */
  readonly wsOptions?: NodeWebSocketOptions;
}

/** `ws` keeps the TCP (or TLS) socket in a private field; corking it is all we touch. */
interface WebSocketInternals {
  _socket?: { cork(): void; uncork(): void } | null;
}

/**
 * Frames held by one cork at most: a longer burst (say, a loop of requests) is written in slices of
 * this many frames, so the gateway starts on the first ones while the rest are being sent, as the
 * Gatewire server does with its answers (docs/benchmarks.md).
 */
const MAX_CORKED_FRAMES = 16;

/** How long a close waits for the peer's close frame before the socket is destroyed, ms. */
const CLOSE_GRACE_MS = 1000;

/** Most bytes of an HTTP answer to the upgrade that are read to explain it. */
const MAX_REFUSAL_BODY_BYTES = 2048;

/**
 * What the socket's listeners need of one connection. The listeners are functions of this module,
 * shared by every connection (`ws` calls them with the socket as `this`), which find it on the
 * socket: a connection costs this one object instead of a closure per listener.
 */
interface SocketLink {
  readonly url: string;
  readonly handlers: TransportHandlers;
  failure: Error | undefined;
  /** SHA-256 fingerprint of the server's certificate (`wss://` only), for a TLS error's message. */
  peerFingerprint: string | undefined;
  /** Whether the TCP socket is corked until the end of the tick (see `send`). */
  corked: boolean;
  /** Frames sent since the socket was corked (see {@link MAX_CORKED_FRAMES}). */
  corkedFrames: number;
}

/** Where a socket keeps its {@link SocketLink}. */
const LINK = Symbol('gatewire.transport');

type LinkedWebSocket = WebSocket & { [LINK]: SocketLink | undefined };

function linkOf(socket: WebSocket): SocketLink {
  return (socket as LinkedWebSocket)[LINK] as SocketLink;
}

/** A transport over the `ws` library (Node). The gateway does not negotiate compression. */
export function createNodeTransport(options: NodeTransportOptions = {}): TransportFactory {
  const { finishRequest } = options;
  // A peer that does not answer the close (a stalled network) is dropped after the grace instead of
  // `ws`'s 30 s, so the client can reconnect at once: `ws` runs that timer itself, none of ours.
  const plainOptions = { perMessageDeflate: false, ...options.wsOptions, closeTimeout: CLOSE_GRACE_MS };
  return (url: string, handlers: TransportHandlers): Transport => {
    const link: SocketLink = { url, handlers, failure: undefined, peerFingerprint: undefined, corked: false, corkedFrames: 0 };
    // The upgrade request needs a hook only to pin (`finishRequest`) or to name the certificate in a
    // TLS error; a plain `ws://` connection without a pin opens with the shared options.
    const hooked = finishRequest !== undefined || url.startsWith('wss:');
    const socket = new WebSocket(
      url,
      hooked
        ? {
            ...plainOptions,
            finishRequest: (request: ClientRequest) => {
              watchPeerFingerprint(request, (fingerprint) => (link.peerFingerprint = fingerprint));
              if (finishRequest === undefined) request.end();
              else finishRequest(request);
            },
          }
        : plainOptions,
    ) as LinkedWebSocket;
    socket[LINK] = link;
    socket.on('open', onSocketOpen);
    socket.on('message', onSocketMessage);
    socket.on('error', onSocketError);
    socket.on('unexpected-response', onUnexpectedResponse);
    socket.on('close', onSocketClose);
    return {
      // Writes are batched per tick: the first send of a tick corks the TCP socket until the end of the
      // tick (`process.nextTick`), so a burst of requests leaves in one `writev` (per 16 frames)
      // instead of one system call each. Nothing waits past the current tick.
      send: (text) => {
        const tcp = (socket as unknown as WebSocketInternals)._socket;
        if (!link.corked && tcp) {
          tcp.cork();
          link.corked = true;
          process.nextTick(uncorkAtTickEnd, socket);
        }
        socket.send(text);
        if (link.corked && ++link.corkedFrames === MAX_CORKED_FRAMES) {
          // Write this slice now and keep corking for the rest of the tick.
          link.corkedFrames = 0;
          tcp?.uncork();
          tcp?.cork();
        }
      },
      close: (code, reason) => {
        if (socket.readyState === WebSocket.CONNECTING) return socket.terminate();
        socket.close(code, reason);
      },
    };
  };
}

/** End of the tick: write what was sent during it. */
function uncorkAtTickEnd(socket: WebSocket): void {
  const link = linkOf(socket);
  link.corked = false;
  link.corkedFrames = 0;
  (socket as unknown as WebSocketInternals)._socket?.uncork();
}

function onSocketOpen(this: WebSocket): void {
  linkOf(this).handlers.onOpen();
}

function onSocketMessage(this: WebSocket, data: WebSocket.RawData, isBinary: boolean): void {
  if (!isBinary) linkOf(this).handlers.onMessage(data.toString());
}

function onSocketError(this: WebSocket, error: Error): void {
  const link = linkOf(this);
  link.failure ??= describeTransportFailure(error, { url: link.url, peerFingerprint: link.peerFingerprint });
}

function onUnexpectedResponse(this: WebSocket, _request: ClientRequest, response: IncomingMessage): void {
  readBoundedBody(response, (body) => {
    const link = linkOf(this);
    link.failure ??= describeUnexpectedResponse(response.statusCode ?? 0, body, response.headers['retry-after']);
    this.terminate();
  });
}

function onSocketClose(this: WebSocket, code: number, reason: Buffer): void {
  const link = linkOf(this);
  // The socket outlives the connection (Node keeps it until its handle is gone, and it keeps the
  // WebSocket through the upgrade request's listeners): let go of the connection and its client so
  // they die young instead of being promoted with the socket. `close` is the socket's last event.
  (this as LinkedWebSocket)[LINK] = undefined;
  link.handlers.onClose(code, reason.toString(), link.failure);
}

/**
 * Remember the server certificate's fingerprint as soon as the TLS handshake has it, so that a
 * certificate refused by CA validation can be named in the error (the socket is gone by the time
 * the error arrives). `secure` is emitted before the certificate is verified.
 */
function watchPeerFingerprint(request: ClientRequest, remember: (fingerprint: string) => void): void {
  request.once('socket', (socket) => {
    const tlsSocket = socket as TLSSocket;
    if (typeof tlsSocket.getPeerCertificate !== 'function') return;
    tlsSocket.prependOnceListener('secure', () => {
      const fingerprint = tlsSocket.getPeerCertificate()?.fingerprint256;
      if (typeof fingerprint === 'string') remember(fingerprint);
    });
  });
}

/** Read at most {@link MAX_REFUSAL_BODY_BYTES} of a response, then call `done` (once). */
function readBoundedBody(response: IncomingMessage, done: (body: string) => void): void {
  let body = '';
  let finished = false;
  const finish = (): void => {
    if (finished) return;
    finished = true;
    response.destroy();
    done(body);
  };
  response.setEncoding('utf8');
  response.on('data', (chunk: string) => {
    body += chunk;
    if (body.length >= MAX_REFUSAL_BODY_BYTES) finish();
  });
  response.once('end', finish);
  response.once('error', finish);
  response.once('close', finish);
}
