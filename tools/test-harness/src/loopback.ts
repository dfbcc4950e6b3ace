import { connect, createServer, type Server } from 'node:net';

/** Listen on 127.0.0.1 port 0 (the operating system picks a free port) and resolve that port. */
export async function listenOnLoopback(server: Server): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('listenOnLoopback: the listener has no TCP address');
  return address.port;
}

/**
 * A TCP port on 127.0.0.1 that was free a moment ago: picked for a listener on port 0 that is
 * closed at once. For programs that cannot listen on port 0 and report their port
 * (redis-server); callers retry if another process took the port meanwhile.
 */
export async function findFreePort(): Promise<number> {
  const server = createServer();
  const port = await listenOnLoopback(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Open a TCP connection to 127.0.0.1:`port` and close it at once: resolves `'connected'`, or the
 * error code (`ECONNREFUSED` when nothing listens, `ECONNRESET` when the peer resets).
 */
export function tryConnect(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });
}
