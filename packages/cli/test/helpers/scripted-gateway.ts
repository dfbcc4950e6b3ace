import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/** How the scripted gateway answers `connect`. */
export type ConnectBehaviour = (params: Record<string, unknown>) => { ok: true; payload: unknown } | { ok: false; error: unknown };

/**
 * A tiny gateway made of raw frames, for diagnosing failures our own server never produces
 * (a gateway speaking another protocol version, a gateway behind a bad certificate).
 */
export async function startScriptedGateway(options: { tls?: { cert: string; key: string }; onConnect: ConnectBehaviour; challengeTs?: () => number }) {
  const server: Server = options.tls === undefined ? createHttpServer() : createHttpsServer({ cert: options.tls.cert, key: options.tls.key });
  const wss = new WebSocketServer({ server });
  wss.on('connection', (socket: WebSocket) => {
    socket.send(JSON.stringify({ type: 'event', event: 'connect.challenge', payload: { nonce: 'n-1', ts: options.challengeTs?.() ?? Date.now() } }));
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as { id: string; method: string; params: Record<string, unknown> };
      if (frame.method === 'connect') {
        const answer = options.onConnect(frame.params);
        socket.send(JSON.stringify({ type: 'res', id: frame.id, ...answer }));
        if (!answer.ok) socket.close(1008, 'refused');
      } else {
        socket.send(JSON.stringify({ type: 'res', id: frame.id, ok: true, payload: { ok: true, ts: Date.now() } }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${options.tls === undefined ? 'ws' : 'wss'}://127.0.0.1:${port}`,
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A hello-ok good enough for the doctor. */
export const helloOk = {
  type: 'hello-ok',
  protocol: 4,
  server: { version: 'test', connId: 'c' },
  features: { methods: ['health'], events: [] },
  snapshot: { presence: [], health: { ok: true, ts: 1 }, stateVersion: { presence: 0, health: 0 }, uptimeMs: 1 },
  auth: { role: 'operator', scopes: ['operator.read'], method: 'token' },
  policy: { maxPayload: 1, maxBufferedBytes: 1, tickIntervalMs: 30000 },
};

/** A port nothing listens on (bound then released). */
export async function closedPort(): Promise<number> {
  const server = createHttpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
