import { applyWSSHandler } from '@trpc/server/adapters/ws';
import { WebSocketServer } from 'ws';
import type { TickPayload } from '../shared/fixture';
import type { ServerStartOptions, SystemServer, SystemServerModule } from '../types';
import { createRouter, type TickListeners, type TrpcContext } from './router';

/** tRPC 11 baseline over its `ws` adapter; the token arrives in `connectionParams`. */
export const trpcServerModule: SystemServerModule = {
  async start(options: ServerStartOptions): Promise<SystemServer> {
    const listeners: TickListeners = new Set();
    const wss = new WebSocketServer({ server: options.httpServer, perMessageDeflate: false });
    applyWSSHandler({
      wss,
      router: createRouter(listeners),
      createContext: ({ info }): TrpcContext => ({ authenticated: info.connectionParams?.['token'] === options.token }),
    });
    return {
      broadcast(payload: TickPayload): void {
        for (const listener of listeners) listener(payload);
      },
      close: () =>
        new Promise<void>((resolve) => {
          for (const socket of wss.clients) socket.terminate();
          wss.close(() => resolve());
        }),
    };
  },
};
