import { once } from 'node:events';
import { connect, createServer, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { listenOnLoopback } from '../src/loopback';
import { slowReaderHeldBytes } from '../src/fault-direction';
import { FaultProxy } from '../src/fault-proxy';

const cleanups: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Target {
  readonly port: number;
  /** Everything received so far, all connections together. */
  received(): Buffer;
  /** Resolves once at least `bytes` have been received. */
  until(bytes: number): Promise<Buffer>;
  /** Resolves when a connection to the target closed. */
  readonly closed: Promise<void>;
}

/** A TCP target that records every byte it receives and can echo them back. */
async function target(echo: boolean): Promise<Target> {
  const chunks: Buffer[] = [];
  const sockets = new Set<Socket>();
  const waiters = new Set<() => void>();
  let onClosed = () => undefined as void;
  const closed = new Promise<void>((resolve) => (onClosed = resolve));
  const received = () => Buffer.concat(chunks);
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (echo) socket.write(chunk);
      for (const waiter of waiters) waiter();
    });
    socket.once('close', () => {
      sockets.delete(socket);
      onClosed();
    });
  });
  const port = await listenOnLoopback(server);
  cleanups.push(() => {
    for (const socket of sockets) socket.destroy();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const until = (bytes: number) =>
    new Promise<Buffer>((resolve) => {
      const check = () => {
        if (received().length < bytes) return;
        waiters.delete(check);
        resolve(received());
      };
      waiters.add(check);
      check();
    });
  return { port, received, until, closed };
}

async function proxyTo(port: number): Promise<FaultProxy> {
  const proxy = await FaultProxy.start(port);
  cleanups.push(() => proxy.close());
  return proxy;
}

async function clientTo(port: number): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => undefined);
  cleanups.push(() => void socket.destroy());
  await once(socket, 'connect');
  return socket;
}

/** Resolves with everything `socket` receives until `bytes` have arrived. */
function receive(socket: Socket, bytes: number): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let total = 0;
    socket.on('data', function onData(chunk: Buffer) {
      chunks.push(chunk);
      total += chunk.length;
      if (total < bytes) return;
      socket.off('data', onData);
      resolve(Buffer.concat(chunks));
    });
  });
}

describe('FaultProxy', () => {
  it('forwards bytes both ways unchanged when no fault is set', async () => {
    const echo = await target(true);
    const proxy = await proxyTo(echo.port);
    const socket = await clientTo(proxy.port);
    const payload = Buffer.from('x'.repeat(100_000));
    const echoed = receive(socket, payload.length);
    socket.write(payload);
    expect((await echoed).equals(payload)).toBe(true);
    expect(proxy.counters.forwardedBytes).toBe(2 * payload.length);
  });

  it('stall() holds bytes with the connection open; unstall() delivers them in order', async () => {
    const sink = await target(false);
    const proxy = await proxyTo(sink.port);
    const socket = await clientTo(proxy.port);
    proxy.stall();
    const held = once(proxy, 'held');
    socket.write('first ');
    socket.write('second');
    await held;
    expect(proxy.counters.heldBytes).toBeGreaterThan(0);
    expect(sink.received().length).toBe(0);
    expect(proxy.connectionCount).toBe(1);
    proxy.unstall();
    expect((await sink.until(12)).toString()).toBe('first second');
    expect(proxy.counters.heldBytes).toBe(0);
  });

  it('dropConnections() resets both sides; new connections still work', async () => {
    const echo = await target(true);
    const proxy = await proxyTo(echo.port);
    const socket = await clientTo(proxy.port);
    const errored = once(socket, 'error') as Promise<[NodeJS.ErrnoException]>;
    socket.write('ping');
    await receive(socket, 4);
    proxy.dropConnections();
    const [error] = await errored;
    expect(error.code).toBe('ECONNRESET');
    await echo.closed;
    const again = await clientTo(proxy.port);
    const echoed = receive(again, 4);
    again.write('pong');
    expect((await echoed).toString()).toBe('pong');
  });

  it('refuseNew(true) resets new connections at once until refuseNew(false)', async () => {
    const echo = await target(true);
    const proxy = await proxyTo(echo.port);
    proxy.refuseNew(true);
    const refused = connect(proxy.port, '127.0.0.1');
    const [error] = (await once(refused, 'error')) as [NodeJS.ErrnoException];
    expect(error.code).toBe('ECONNRESET');
    proxy.refuseNew(false);
    const socket = await clientTo(proxy.port);
    const echoed = receive(socket, 2);
    socket.write('ok');
    expect((await echoed).toString()).toBe('ok');
  });

  it('throttle() limits the rate: 2,000 bytes at 10,000 bytes/s take at least 150 ms', async () => {
    const sink = await target(false);
    const proxy = await proxyTo(sink.port);
    proxy.throttle(10_000);
    const socket = await clientTo(proxy.port);
    const payload = Buffer.alloc(2_000, 1);
    const started = performance.now();
    const writesBefore = proxy.counters.writes;
    socket.write(payload);
    await sink.until(payload.length);
    expect(performance.now() - started).toBeGreaterThanOrEqual(150);
    expect(proxy.counters.writes - writesBefore).toBeGreaterThanOrEqual(20);
    expect(() => proxy.throttle(0)).toThrow(RangeError);
  });

  it('fragment() forwards data as separate small writes, bytes intact', async () => {
    const sink = await target(false);
    const proxy = await proxyTo(sink.port);
    proxy.fragment(8);
    const socket = await clientTo(proxy.port);
    const payload = Buffer.from('0123456789'.repeat(10));
    const writesBefore = proxy.counters.writes;
    socket.write(payload);
    expect((await sink.until(payload.length)).equals(payload)).toBe(true);
    expect(proxy.counters.writes - writesBefore).toBeGreaterThanOrEqual(13);
    expect(() => proxy.fragment(0)).toThrow(RangeError);
  });
  it('slowReader() throttles toward the client only, and the target meets backpressure', async () => {
    const payload = Buffer.alloc(32 * 1024 * 1024, 7);
    let targetSocket: Socket | undefined;
    let onUpstreamBytes = () => undefined as void;
    const upstreamArrived = new Promise<void>((resolve) => (onUpstreamBytes = resolve));
    const server = createServer((socket) => {
      targetSocket = socket;
      let received = 0;
      socket.on('error', () => undefined);
      socket.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received >= 64 * 1024) onUpstreamBytes();
      });
      socket.write(payload);
    });
    const port = await listenOnLoopback(server);
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const proxy = await proxyTo(port);
    proxy.slowReader(50_000);
    const socket = await clientTo(proxy.port);
    socket.write(Buffer.alloc(64 * 1024, 1));
    await upstreamArrived;
    // The direction toward the target was not throttled; meanwhile the proxy read at most its
    // bound from the target, whose own buffer still holds most of the payload.
    expect(proxy.counters.heldBytes).toBeLessThanOrEqual(slowReaderHeldBytes + 64 * 1024);
    expect(targetSocket?.writableLength).toBeGreaterThan(16 * 1024 * 1024);
    const all = receive(socket, payload.length);
    proxy.slowReader(undefined);
    expect((await all).equals(payload)).toBe(true);
    expect(() => proxy.slowReader(-1)).toThrow(RangeError);
  });
});
