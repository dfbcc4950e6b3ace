import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { bindWebSocket } from '../src/transport/ws-adapter';
import { encodeServerTextFrame } from '../src/transport/websocket-frame';
import type { GatewaySocket } from '../src/transport/socket';

/** What the TCP socket under the server's WebSocket looked like right after one frame was sent. */
interface WriteState {
  /** Bytes still held in Node's writable buffer (not yet handed to the kernel). */
  readonly writableLength: number;
  readonly writableCorked: number;
}

interface Harness {
  readonly client: WebSocket;
  /** Sends `count` frames in answer to the next inbound message, recording the TCP socket after each. */
  answerNextWith(count: number): Promise<WriteState[]>;
  /** The TCP socket state at the start of the next tick after the last answer. */
  readonly afterTick: Promise<WriteState>;
}

const servers: Server[] = [];
const clients: WebSocket[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.terminate();
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A real `ws` server on port 0 (`options`), its single open connection bound through the adapter, and its client. */
async function openBound(options: { autoPong?: boolean } = {}): Promise<{ client: WebSocket; socket: GatewaySocket; tcp: () => Socket | undefined }> {
  const http = createServer();
  servers.push(http);
  const wss = new WebSocketServer({ server: http, ...options });
  let tcp: Socket | undefined;
  http.on('connection', (socket) => (tcp = socket));
  const bound = new Promise<GatewaySocket>((resolve) => wss.on('connection', (ws) => resolve(bindWebSocket(ws))));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const client = new WebSocket(`ws://127.0.0.1:${(http.address() as AddressInfo).port}`);
  clients.push(client);
  const socket = await bound;
  await new Promise((resolve) => client.once('open', resolve));
  return { client, socket, tcp: () => tcp };
}

/** A real `ws` server on port 0 whose single connection is bound through the adapter. */
async function start(): Promise<Harness> {
  const { client, socket, tcp: tcpOf } = await openBound();
  const tcp = tcpOf();
  const state = (): WriteState => ({ writableLength: tcp?.writableLength ?? -1, writableCorked: tcp?.writableCorked ?? -1 });
  let answer: ((text: string) => void) | undefined;
  let resolveAfterTick: (state: WriteState) => void = () => undefined;
  const afterTick = new Promise<WriteState>((resolve) => (resolveAfterTick = resolve));
  socket.listen({
    message: (text) => answer?.(text),
    close: () => undefined,
    pong: () => undefined,
    ping: (data) => socket.pong(data),
    error: () => undefined,
  });
  return {
    client,
    afterTick,
    answerNextWith: (count) =>
      new Promise((resolve) => {
        answer = () => {
          const states: WriteState[] = [];
          for (let index = 1; index <= count; index++) {
            socket.send(JSON.stringify({ index }));
            states.push(state());
          }
          answer = undefined;
          // The adapter uncorks in a `process.nextTick` queued before this one.
          process.nextTick(() => resolveAfterTick(state()));
          resolve(states);
        };
      }),
  };
}

function receive(client: WebSocket, count: number): Promise<number[]> {
  return new Promise((resolve) => {
    const indexes: number[] = [];
    client.on('message', (data) => {
      indexes.push((JSON.parse(data.toString()) as { index: number }).index);
      if (indexes.length === count) resolve(indexes);
    });
  });
}

describe('ws adapter: writes corked per burst of inbound frames', () => {
  it('holds a short burst of answers until the end of the tick, then writes it at once', async () => {
    const harness = await start();
    const answered = harness.answerNextWith(10);
    const received = receive(harness.client, 10);
    harness.client.send('go');
    const states = await answered;
    // Corked for the whole burst: every frame waits in Node's buffer, none reached the kernel yet.
    expect(states.every((state) => state.writableCorked === 1)).toBe(true);
    expect(states[0]?.writableLength).toBeGreaterThan(0);
    for (let index = 1; index < states.length; index++) {
      expect(states[index]?.writableLength).toBeGreaterThan(states[index - 1]?.writableLength ?? Number.POSITIVE_INFINITY);
    }
    expect(await harness.afterTick).toEqual({ writableLength: 0, writableCorked: 0 });
    expect(await received).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('writes a long burst in slices of 16 frames, so the peer can start before the burst ends', async () => {
    const harness = await start();
    const answered = harness.answerNextWith(40);
    const received = receive(harness.client, 40);
    harness.client.send('go');
    const states = await answered;
    // After frames 16 and 32 the slice is handed to the kernel; corking resumes for the rest.
    expect(states[15]?.writableLength).toBe(0);
    expect(states[31]?.writableLength).toBe(0);
    for (const index of [0, 14, 16, 30, 39]) expect(states[index]?.writableLength).toBeGreaterThan(0);
    expect(states.every((state) => state.writableCorked === 1)).toBe(true);
    expect(await harness.afterTick).toEqual({ writableLength: 0, writableCorked: 0 });
    expect(await received).toEqual(Array.from({ length: 40 }, (_, index) => index + 1));
  });
});

describe('ws adapter: ready frames (broadcasts)', () => {
  it('writes a ready frame as is, reading the negotiated extensions once per connection, not per frame', async () => {
    const http = createServer();
    servers.push(http);
    const wss = new WebSocketServer({ server: http, perMessageDeflate: false });
    let extensionReads = 0;
    const bound = new Promise<GatewaySocket>((resolve) =>
      wss.on('connection', (ws) => {
        // `ws`'s own getter builds a new string per read; count the reads instead.
        Object.defineProperty(ws, 'extensions', {
          get: () => {
            extensionReads += 1;
            return '';
          },
        });
        resolve(bindWebSocket(ws));
      }),
    );
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const client = new WebSocket(`ws://127.0.0.1:${(http.address() as AddressInfo).port}`);
    clients.push(client);
    const socket = await bound;
    const received = receive(client, 50);
    for (let index = 1; index <= 50; index++) {
      const text = JSON.stringify({ index });
      socket.sendWebSocketFrame?.(encodeServerTextFrame(text), text);
    }
    expect(await received).toEqual(Array.from({ length: 50 }, (_, index) => index + 1));
    expect(extensionReads).toBe(1);
  });
});

describe('ws adapter: pings and pongs', () => {
  it("reports the peer's pong to each of the socket's pings, and answers the peer's pings through the handler", async () => {
    const { client, socket } = await openBound({ autoPong: false });
    let pongs = 0;
    let pongArrived: () => void = () => undefined;
    const pings: string[] = [];
    socket.listen({
      message: () => undefined,
      close: () => undefined,
      pong: () => {
        pongs += 1;
        pongArrived();
      },
      ping: (data) => {
        pings.push(Buffer.from(data).toString());
        socket.pong(data);
      },
      error: () => undefined,
    });
    const clientPong = new Promise<string>((resolve) => client.once('pong', (data) => resolve(data.toString())));
    client.ping('from-client');
    expect(await clientPong).toBe('from-client');
    expect(pings).toEqual(['from-client']);
    for (const round of [1, 2]) {
      const arrived = new Promise<void>((resolve) => (pongArrived = resolve));
      socket.ping();
      await arrived;
      expect(pongs).toBe(round);
    }
  });
});
