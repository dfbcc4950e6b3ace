import { GatewayClientError } from '../errors/gateway-client-error';
import type { Transport, TransportFactory, TransportHandlers } from './transport';

/** A transport over the platform's global `WebSocket` (browsers, Deno, Bun, Node >= 22). */
export const createBrowserTransport: TransportFactory = (url: string, handlers: TransportHandlers): Transport => {
  const WebSocketClass = (globalThis as { WebSocket?: typeof WebSocket }).WebSocket;
  if (WebSocketClass === undefined) throw new GatewayClientError('TRANSPORT_ERROR', 'no global WebSocket in this environment');
  const socket = new WebSocketClass(url);
  let failure: Error | undefined;
  socket.addEventListener('open', () => handlers.onOpen());
  socket.addEventListener('message', (event: MessageEvent) => {
    if (typeof event.data === 'string') handlers.onMessage(event.data);
  });
  socket.addEventListener('error', () => {
    failure ??= new GatewayClientError('TRANSPORT_ERROR', `WebSocket error on ${url}`);
  });
  socket.addEventListener('close', (event: CloseEvent) => handlers.onClose(event.code, event.reason, event.wasClean ? undefined : failure));
  return {
    send: (text) => socket.send(text),
    // Browsers only let a page send 1000 or 3000-4999 (1008 would throw).
    close: (code, reason) => socket.close(code === 1000 || (code >= 3000 && code <= 4999) ? code : 1000, reason),
  };
};
