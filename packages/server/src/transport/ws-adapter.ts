import type { RawData, WebSocket } from 'ws';
import type { GatewaySocket, SocketHandlers } from './socket';

/** `ws` keeps the receiver's payload limit in a private field; this is the part we touch. */
interface ReceiverWithLimit {
  _maxPayload?: number;
}

interface WebSocketInternals {
  _receiver?: ReceiverWithLimit;
  /** Negotiated extensions; permessage-deflate keeps its own inflate limit. */
  _extensions?: Record<string, ReceiverWithLimit | undefined>;
}

function toText(data: RawData): { text: string; byteLength: number } {
  if (Buffer.isBuffer(data)) return { text: data.toString('utf8'), byteLength: data.length };
  if (Array.isArray(data)) {
    const joined = Buffer.concat(data);
    return { text: joined.toString('utf8'), byteLength: joined.length };
  }
  const buffer = Buffer.from(data);
  return { text: buffer.toString('utf8'), byteLength: buffer.length };
}

/**
 * Bind a `ws` WebSocket to the {@link GatewaySocket} interface. This file and the listener code are
 * the only places that know `ws`.
 */
export function bindWebSocket(ws: WebSocket): GatewaySocket {
  return {
    send: (text) => ws.send(text),
    close: (code, reason) => ws.close(code, reason),
    terminate: () => ws.terminate(),
    ping: () => {
      if (ws.readyState === ws.OPEN) ws.ping();
    },
    get bufferedAmount() {
      return ws.bufferedAmount;
    },
    get isOpen() {
      return ws.readyState === ws.OPEN;
    },
    setMaxPayload: (bytes) => {
      const internals = ws as unknown as WebSocketInternals;
      for (const limited of [internals._receiver, internals._extensions?.['permessage-deflate']]) {
        if (limited && typeof limited._maxPayload === 'number') limited._maxPayload = bytes;
      }
    },
    listen: (handlers: SocketHandlers) => {
      ws.on('message', (data) => {
        const { text, byteLength } = toText(data);
        handlers.message(text, byteLength);
      });
      ws.on('close', (code, reason) => handlers.close(code, reason.toString('utf8')));
      ws.on('pong', () => handlers.pong());
      ws.on('error', (error) => handlers.error(error));
    },
  };
}
