import { verify, type KeyObject } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { ADD_METHOD, isAddParams, TICK_EVENT, type TickPayload } from '../shared/fixture';
import type { ServerStartOptions, SystemServer, SystemServerModule } from '../types';
import { challengeFrame, devicePayloadV3, helloOkPayload, newNonce } from './handshake-frames';

/** The raw-ws baseline server: JSON frames, a hand-written id → handler `Map`, one global broadcast seq. */

type Handler = (params: unknown) => unknown;

interface Connection {
  readonly socket: WebSocket;
  readonly connId: string;
  readonly nonce: string;
  authenticated: boolean;
}

interface RequestFrame {
  type?: unknown;
  id?: unknown;
  method?: unknown;
  params?: unknown;
}

const handlers = new Map<string, Handler>([
  [
    ADD_METHOD,
    (params) => {
      if (!isAddParams(params)) throw new Error('invalid params');
      return { sum: params.a + params.b };
    },
  ],
]);

export const wsServerModule: SystemServerModule = {
  async start(options: ServerStartOptions): Promise<SystemServer> {
    const wss = new WebSocketServer({ server: options.httpServer, perMessageDeflate: false });
    const authenticated = new Set<WebSocket>();
    const paired = new Map<string, KeyObject>(options.pairedDevices.map((key) => [key.deviceId, key.publicKey]));
    const helloMethods = [...handlers.keys()];
    let nextConnId = 0;
    let seq = 0;

    wss.on('connection', (socket) => {
      const connection: Connection = { socket, connId: `c${++nextConnId}`, nonce: newNonce(), authenticated: false };
      socket.send(challengeFrame(connection.nonce, Date.now()));
      socket.on('message', (data) => onMessage(connection, data.toString()));
      socket.on('close', () => authenticated.delete(socket));
    });

    function onMessage(connection: Connection, text: string): void {
      let frame: RequestFrame;
      try {
        frame = JSON.parse(text) as RequestFrame;
      } catch {
        connection.socket.close(1008, 'invalid frame');
        return;
      }
      if (frame.type !== 'req' || typeof frame.id !== 'string' || typeof frame.method !== 'string') {
        connection.socket.close(1008, 'invalid frame');
        return;
      }
      if (!connection.authenticated) {
        handshake(connection, frame.id, frame.method, frame.params);
        return;
      }
      const handler = handlers.get(frame.method);
      if (handler === undefined) {
        reply(connection.socket, frame.id, false, { code: 'INVALID_REQUEST', message: 'unknown method' });
        return;
      }
      try {
        reply(connection.socket, frame.id, true, handler(frame.params));
      } catch (error) {
        reply(connection.socket, frame.id, false, { code: 'INVALID_REQUEST', message: String(error) });
      }
    }

    function handshake(connection: Connection, id: string, method: string, params: unknown): void {
      if (method !== 'connect' || !acceptConnect(connection, params)) {
        reply(connection.socket, id, false, { code: 'AUTH_UNAUTHORIZED', message: 'unauthorized' });
        connection.socket.close(1008, 'unauthorized');
        return;
      }
      connection.authenticated = true;
      authenticated.add(connection.socket);
      reply(connection.socket, id, true, helloOkPayload(connection.connId, helloMethods, [TICK_EVENT]));
    }

    function acceptConnect(connection: Connection, params: unknown): boolean {
      const connect = params as { auth?: { token?: unknown }; device?: Record<string, unknown> } | undefined;
      if (connect?.auth?.token !== options.token) return false;
      const device = connect.device;
      if (device === undefined) return true;
      const { id, publicKey, signature, signedAt, nonce } = device;
      if (typeof id !== 'string' || typeof signature !== 'string' || typeof signedAt !== 'number') return false;
      if (nonce !== connection.nonce || typeof publicKey !== 'string') return false;
      const key = paired.get(id);
      if (key === undefined) return false;
      const payload = devicePayloadV3(id, signedAt, options.token, connection.nonce);
      return verify(null, Buffer.from(payload), key, Buffer.from(signature, 'base64url'));
    }

    return {
      broadcast(payload: TickPayload): void {
        const frame = JSON.stringify({ type: 'event', event: TICK_EVENT, payload, seq: ++seq });
        for (const socket of authenticated) socket.send(frame);
      },
      close: () =>
        new Promise<void>((resolve) => {
          for (const socket of wss.clients) socket.terminate();
          wss.close(() => resolve());
        }),
    };
  },
};

function reply(socket: WebSocket, id: string, ok: boolean, body: unknown): void {
  socket.send(JSON.stringify(ok ? { type: 'res', id, ok, payload: body } : { type: 'res', id, ok, error: body }));
}
