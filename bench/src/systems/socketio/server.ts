import { Server } from 'socket.io';
import { isAddParams, TICK_EVENT, type AddResult, type TickPayload } from '../shared/fixture';
import type { ServerStartOptions, SystemServer, SystemServerModule } from '../types';

/** socket.io 4 baseline: websocket transport only, token in the handshake `auth`, `io.emit` broadcast. */
export const socketIoServerModule: SystemServerModule = {
  async start(options: ServerStartOptions): Promise<SystemServer> {
    const io = new Server(options.httpServer, { transports: ['websocket'], serveClient: false, perMessageDeflate: false });
    io.use((socket, next) => {
      const auth = socket.handshake.auth as { token?: unknown };
      next(auth.token === options.token ? undefined : new Error('unauthorized'));
    });
    io.on('connection', (socket) => {
      socket.on('add', (params: unknown, ack: unknown) => {
        if (typeof ack !== 'function') return;
        const answer = ack as (result: AddResult | { error: string }) => void;
        answer(isAddParams(params) ? { sum: params.a + params.b } : { error: 'invalid params' });
      });
    });
    return {
      broadcast(payload: TickPayload): void {
        io.emit(TICK_EVENT, payload);
      },
      close: () =>
        new Promise<void>((resolve) => {
          io.disconnectSockets(true);
          void io.close(() => resolve());
        }),
    };
  },
};
