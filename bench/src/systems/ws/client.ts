import { sign } from 'node:crypto';
import WebSocket from 'ws';
import { ADD_METHOD, type TickPayload } from '../shared/fixture';
import type { ClientConnectOptions, SystemClient, SystemClientModule } from '../types';
import { connectParams, devicePayloadV3 } from './handshake-frames';

/** The raw-ws baseline client: JSON frames, an id → pending `Map`, the v4 handshake by hand. */

interface Pending {
  resolve(sum: number): void;
  reject(error: Error): void;
}

interface IncomingFrame {
  type?: string;
  id?: string;
  ok?: boolean;
  event?: string;
  payload?: { nonce?: string; ts?: number; sum?: number } & Partial<TickPayload>;
}

export const wsClientModule: SystemClientModule = {
  authKinds: ['token', 'device', 'upgrade'],
  connect(options: ClientConnectOptions): Promise<SystemClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(`ws://127.0.0.1:${options.port}`, { perMessageDeflate: false });
      const pending = new Map<string, Pending>();
      let nextId = 0;
      let ready = false;
      const client: SystemClient = {
        add(a, b) {
          const id = String(++nextId);
          socket.send(JSON.stringify({ type: 'req', id, method: ADD_METHOD, params: { a, b } }));
          return new Promise<number>((resolveCall, rejectCall) => pending.set(id, { resolve: resolveCall, reject: rejectCall }));
        },
        close: () => socket.close(),
      };

      socket.on('open', () => {
        if (options.auth !== 'upgrade') return;
        ready = true;
        resolve(client);
      });
      socket.on('error', (error) => {
        if (!ready) reject(error);
      });
      socket.on('close', () => {
        if (!ready) reject(new Error('closed before hello-ok'));
        for (const entry of pending.values()) entry.reject(new Error('connection closed'));
        pending.clear();
      });
      socket.on('message', (data) => {
        const frame = JSON.parse(data.toString()) as IncomingFrame;
        if (frame.type === 'res') {
          if (frame.id === 'connect') {
            if (frame.ok !== true) return reject(new Error('connect refused'));
            ready = true;
            return resolve(client);
          }
          const entry = pending.get(frame.id ?? '');
          if (entry === undefined) return;
          pending.delete(frame.id ?? '');
          if (frame.ok === true) entry.resolve(frame.payload?.sum ?? Number.NaN);
          else entry.reject(new Error('request failed'));
          return;
        }
        if (frame.type !== 'event' || frame.payload === undefined) return;
        if (frame.event === 'connect.challenge') {
          if (options.auth !== 'upgrade') sendConnect(socket, options, frame.payload.nonce ?? '', frame.payload.ts ?? 0);
          return;
        }
        options.onEvent?.(frame.payload as TickPayload);
      });
    });
  },
};

function sendConnect(socket: WebSocket, options: ClientConnectOptions, nonce: string, ts: number): void {
  let device: Parameters<typeof connectParams>[1];
  if (options.auth === 'device' && options.device !== undefined) {
    const payload = devicePayloadV3(options.device.deviceId, ts, options.token, nonce);
    const signature = sign(null, Buffer.from(payload), options.device.privateKey).toString('base64url');
    device = { key: options.device, signature, signedAt: ts, nonce };
  }
  socket.send(JSON.stringify({ type: 'req', id: 'connect', method: 'connect', params: connectParams(options.token, device) }));
}
