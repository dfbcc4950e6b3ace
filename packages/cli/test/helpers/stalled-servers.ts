import { createServer as createHttpServer } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';

/** A listening peer for failure tests, closed by `close()`. */
export interface Peer {
  readonly port: number;
  /** Resolves when the first TCP connection arrives. */
  readonly connected: Promise<void>;
  close(): Promise<void>;
}

/** A TCP server that accepts connections and never answers (an upgrade that stalls forever). */
export async function startSilentServer(): Promise<Peer> {
  const sockets = new Set<Socket>();
  let onConnection: () => void = () => {};
  const connected = new Promise<void>((resolve) => (onConnection = resolve));
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    onConnection();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    connected,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** An HTTP server that answers every request, the WebSocket upgrade included, with 200 and a page. */
export async function startPlainHttpServer(): Promise<Peer> {
  let onConnection: () => void = () => {};
  const connected = new Promise<void>((resolve) => (onConnection = resolve));
  const server = createHttpServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' }).end('<h1>a web page</h1>');
  });
  server.on('connection', () => onConnection());
  server.on('upgrade', (_request, socket) => {
    socket.end('HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: 19\r\nconnection: close\r\n\r\n<h1>a web page</h1>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    connected,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
