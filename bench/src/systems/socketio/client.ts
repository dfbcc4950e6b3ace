import { io } from 'socket.io-client';
import { TICK_EVENT, type AddResult } from '../shared/fixture';
import type { ClientConnectOptions, SystemClient, SystemClientModule } from '../types';

/** socket.io-client 4: websocket transport, no reconnection, `emitWithAck` for the RPC. */
export const socketIoClientModule: SystemClientModule = {
  authKinds: ['token'],
  connect(options: ClientConnectOptions): Promise<SystemClient> {
    return new Promise((resolve, reject) => {
      const socket = io(`ws://127.0.0.1:${options.port}`, {
        transports: ['websocket'],
        auth: { token: options.token },
        reconnection: false,
        forceNew: true,
      });
      if (options.onEvent !== undefined) socket.on(TICK_EVENT, options.onEvent);
      socket.once('connect', () => {
        resolve({
          async add(a, b) {
            const result = (await socket.emitWithAck('add', { a, b })) as AddResult;
            return result.sum;
          },
          close: () => void socket.disconnect(),
        });
      });
      socket.once('connect_error', (error) => reject(error));
    });
  },
};
