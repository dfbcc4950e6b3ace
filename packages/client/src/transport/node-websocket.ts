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

/** A transport over the `ws` library (Node). The gateway does not negotiate compression. */
export function createNodeTransport(options: NodeTransportOptions = {}): TransportFactory {
  const { finishRequest } = options;
  // A peer that does not answer the close (a stalled network) is dropped after the grace instead of
  // `ws`'s 30 s, so the client can reconnect at once: `ws` runs that timer itself, none of ours.
  const plainOptions = { perMessageDeflate: false, ...options.wsOptions, closeTimeout: CLOSE_GRACE_MS };
  return (url: string, handlers: TransportHandlers): Transport => {
    // The upgrade request needs a hook only to pin (`finishRequest`) or to name the certificate in a
    // TLS error; a plain `ws://` connection without a pin opens with the shared options.
    let peerFingerprint: string | undefined;
    const hooked = finishRequest !== undefined || url.startsWith('wss:');
    const socket = new WebSocket(
      url,
      hooked
        ? {
            ...plainOptions,
            finishRequest: (request: ClientRequest) => {
              watchPeerFingerprint(request, (fingerprint) => (peerFingerprint = fingerprint));
              if (finishRequest === undefined) request.end();
              else finishRequest(request);
            },
          }
        : plainOptions,
    );
    let failure: Error | undefined;
    let corkedUntilTickEnd = false;
    /** Frames sent since the socket was corked (see {@link MAX_CORKED_FRAMES}). */
    let corkedFrames = 0;
    /** End of the tick: write what was sent during it (one closure per connection, not per frame). */
    const uncorkAtTickEnd = (): void => {
      corkedUntilTickEnd = false;
      corkedFrames = 0;
      (socket as unknown as WebSocketInternals)._socket?.uncork();
    };
    socket.on('open', () => handlers.onOpen());
    socket.on('message', (data, isBinary) => {
      if (!isBinary) handlers.onMessage(data.toString());
    });
    socket.on('error', (error: Error) => {
      failure ??= describeTransportFailure(error, { url, peerFingerprint });
    });
    socket.on('unexpected-response', (_request, response) => {
      readBoundedBody(response, (body) => {
        failure ??= describeUnexpectedResponse(response.statusCode ?? 0, body, response.headers['retry-after']);
        socket.terminate();
      });
    });
    socket.on('close', (code, reason) => handlers.onClose(code, reason.toString(), failure));
    return {
      // Writes are batched per tick: the first send of a tick corks the TCP socket until the end of the
      // tick (`process.nextTick`), so a burst of requests leaves in one `writev` (per 16 frames)
      // instead of one system call each. Nothing waits past the current tick.
      send: (text) => {
        const tcp = (socket as unknown as WebSocketInternals)._socket;
        if (!corkedUntilTickEnd && tcp) {
          tcp.cork();
          corkedUntilTickEnd = true;
          process.nextTick(uncorkAtTickEnd);
        }
        socket.send(text);
        if (corkedUntilTickEnd && ++corkedFrames === MAX_CORKED_FRAMES) {
          // Write this slice now and keep corking for the rest of the tick.
          corkedFrames = 0;
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
