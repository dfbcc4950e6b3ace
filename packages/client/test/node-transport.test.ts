import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type NetConnectOpts, type Socket } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { createNodeTransport } from '../src/transport/node-websocket';
import type { Transport } from '../src/transport/transport';

/** The client's TCP socket right after one frame was sent. */
interface WriteState {
  /** Bytes still held in Node's writable buffer (not yet handed to the kernel). */
  readonly writableLength: number;
  readonly writableCorked: number;
}

const servers: Server[] = [];
const transports: Transport[] = [];

/** Server ends of the upgrades {@link stalledPeer} accepted (the HTTP server's close waits for them). */
const stalledSockets: Socket[] = [];

afterEach(async () => {
  for (const transport of transports.splice(0)) transport.close(1000, 'done');
  for (const socket of stalledSockets.splice(0)) socket.destroy();
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A real `ws` server on port 0 that reports the frames it receives, and a Node transport to it whose TCP socket the test can see. */
async function open(): Promise<{ transport: Transport; tcp: Socket; received: (count: number) => Promise<number[]> }> {
  const http = createServer();
  servers.push(http);
  const wss = new WebSocketServer({ server: http });
  const frames: number[] = [];
  const waiters: Array<() => void> = [];
  wss.on('connection', (ws) =>
    ws.on('message', (data) => {
      frames.push((JSON.parse(data.toString()) as { index: number }).index);
      for (const waiter of waiters.splice(0)) waiter();
    }),
  );
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  let tcp: Socket | undefined;
  const opened = new Promise<void>((resolve, reject) => {
    const transport = createNodeTransport({
      wsOptions: {
        // ws opens its TCP socket through this hook; the test keeps a reference to read its public state.
        createConnection: ((options: NetConnectOpts) => (tcp = connect(options))) as typeof connect,
      },
    })(`ws://127.0.0.1:${(http.address() as AddressInfo).port}`, {
      onOpen: () => resolve(),
      onMessage: () => undefined,
      onClose: (code, reason) => reject(new Error(`closed ${code} ${reason}`)),
    });
    transports.push(transport);
  });
  await opened;
  if (tcp === undefined) throw new Error('no TCP socket');
  const received = (count: number): Promise<number[]> =>
    new Promise((resolve) => {
      const check = (): void => {
        if (frames.length >= count) resolve(frames.slice(0, count));
        else waiters.push(check);
      };
      check();
    });
  return { transport: transports[0] as Transport, tcp, received };
}

function sendBurst(transport: Transport, tcp: Socket, count: number): WriteState[] {
  const states: WriteState[] = [];
  for (let index = 1; index <= count; index++) {
    transport.send(JSON.stringify({ index }));
    states.push({ writableLength: tcp.writableLength, writableCorked: tcp.writableCorked });
  }
  return states;
}

describe('Node transport: writes corked per tick', () => {
  it('holds a short burst until the end of the tick, then writes it at once', async () => {
    const { transport, tcp, received } = await open();
    const states = sendBurst(transport, tcp, 10);
    expect(states.every((state) => state.writableCorked === 1)).toBe(true);
    for (let index = 1; index < states.length; index++) {
      expect(states[index]?.writableLength).toBeGreaterThan(states[index - 1]?.writableLength ?? Number.POSITIVE_INFINITY);
    }
    await new Promise<void>((resolve) => process.nextTick(resolve));
    expect({ writableLength: tcp.writableLength, writableCorked: tcp.writableCorked }).toEqual({ writableLength: 0, writableCorked: 0 });
    expect(await received(10)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('writes a long burst in slices of 16 frames, so the gateway can start before the burst ends', async () => {
    const { transport, tcp, received } = await open();
    const states = sendBurst(transport, tcp, 40);
    expect(states[15]?.writableLength).toBe(0);
    expect(states[31]?.writableLength).toBe(0);
    for (const index of [0, 14, 16, 30, 39]) expect(states[index]?.writableLength).toBeGreaterThan(0);
    expect(states.every((state) => state.writableCorked === 1)).toBe(true);
    await new Promise<void>((resolve) => process.nextTick(resolve));
    expect(tcp.writableCorked).toBe(0);
    expect(await received(40)).toEqual(Array.from({ length: 40 }, (_, index) => index + 1));
  });
});

/** A server that completes the WebSocket upgrade by hand and then reads nothing and answers nothing (a stalled peer). */
async function stalledPeer(): Promise<number> {
  const http = createServer();
  servers.push(http);
  http.on('upgrade', (request, socket: Socket) => {
    stalledSockets.push(socket);
    const accept = createHash('sha1').update(`${String(request.headers['sec-websocket-key'])}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    socket.pause();
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return (http.address() as AddressInfo).port;
}

describe('Node transport: closing', () => {
  it('drops a peer that never answers the close after the 1 s grace, not the 30 s of ws', async () => {
    const port = await stalledPeer();
    const closed = new Promise<{ code: number; afterMs: number }>((resolve, reject) => {
      let closeCalledAt = 0;
      const transport = createNodeTransport()(`ws://127.0.0.1:${port}`, {
        onOpen: () => {
          closeCalledAt = performance.now();
          transport.close(1000, 'client closed');
        },
        onMessage: () => undefined,
        onClose: (code) => (closeCalledAt === 0 ? reject(new Error(`closed ${code} before opening`)) : resolve({ code, afterMs: performance.now() - closeCalledAt })),
      });
    });
    const { code, afterMs } = await closed;
    expect(code).toBe(1006);
    expect(afterMs).toBeGreaterThanOrEqual(900);
    expect(afterMs).toBeLessThan(3000);
  });
});

describe('Node transport: one factory, many connections', () => {
  it('keeps each connection its own handlers and failure (the socket listeners are shared)', async () => {
    const http = createServer();
    servers.push(http);
    // `/refused` is answered with HTTP 503 and a Retry-After; any other path is upgraded and greeted.
    const wss = new WebSocketServer({ noServer: true });
    http.on('upgrade', (request, socket: Socket, head) => {
      if (request.url === '/refused') {
        socket.end('HTTP/1.1 503 Service Unavailable\r\nRetry-After: 7\r\nContent-Length: 4\r\nConnection: close\r\n\r\nbusy');
        return;
      }
      wss.handleUpgrade(request, socket, head, (ws) => ws.send(`hello ${request.url ?? ''}`));
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const base = `ws://127.0.0.1:${(http.address() as AddressInfo).port}`;
    const factory = createNodeTransport();
    const connect = (path: string) =>
      new Promise<{ messages: string[]; code: number; error: Error | undefined }>((resolve) => {
        const messages: string[] = [];
        const transport = factory(`${base}${path}`, {
          onOpen: () => undefined,
          onMessage: (text) => {
            messages.push(text);
            transport.close(1000, 'done');
          },
          onClose: (code, _reason, error) => resolve({ messages, code, error }),
        });
      });
    const [refused, first, second] = await Promise.all([connect('/refused'), connect('/a'), connect('/b')]);
    expect(first).toEqual({ messages: ['hello /a'], code: 1000, error: undefined });
    expect(second).toEqual({ messages: ['hello /b'], code: 1000, error: undefined });
    expect(refused.messages).toEqual([]);
    expect(refused.error).toMatchObject({ code: 'TRANSPORT_ERROR', transportCode: 'UNEXPECTED_RESPONSE', httpStatus: 503, retryAfterMs: 7000 });
  });
});

/** The `ws` object of a TCP socket (`ws` keeps it under a symbol of its own, described `websocket`). */
function webSocketOf(tcp: Socket | undefined): unknown {
  const key = tcp === undefined ? undefined : Object.getOwnPropertySymbols(tcp).find((symbol) => symbol.description === 'websocket');
  return key === undefined ? undefined : (tcp as unknown as Record<symbol, unknown>)[key];
}

describe('Node transport: after the close', () => {
  it('lets go of the connection it reported to, although the WebSocket object is still referenced', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const http = createServer();
    servers.push(http);
    const wss = new WebSocketServer({ server: http });
    wss.on('connection', (ws) => ws.send('hello'));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    let tcp: Socket | undefined;
    // The `ws` object itself, as something else in the process may keep it (a test stand-in for
    // whatever does in a loaded process): it must not keep the connection and its client alive.
    let webSocket: unknown;
    let handlers: WeakRef<object> | undefined;
    await new Promise<void>((resolve) => {
      const connection = {
        onOpen: () => (webSocket = webSocketOf(tcp)),
        onMessage: () => transport.close(1000, 'done'),
        onClose: () => resolve(),
      };
      handlers = new WeakRef(connection);
      const transport = createNodeTransport({
        wsOptions: { createConnection: ((options: NetConnectOpts) => (tcp = connect(options))) as typeof connect },
      })(`ws://127.0.0.1:${(http.address() as AddressInfo).port}`, connection);
    });
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    expect(webSocket).toBeInstanceOf(WebSocket);
    expect(handlers?.deref()).toBeUndefined();
  });
});
