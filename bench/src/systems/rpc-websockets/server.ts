import { Server } from 'rpc-websockets';
import { ADD_METHOD, isAddParams, TICK_EVENT, type TickPayload } from '../shared/fixture';
import type { ServerStartOptions, SystemServer, SystemServerModule } from '../types';

/** rpc-websockets 10 baseline (JSON-RPC 2.0): `login` for auth, a protected method and event. */
export const rpcWebSocketsServerModule: SystemServerModule = {
  async start(options: ServerStartOptions): Promise<SystemServer> {
    const server = new Server({ server: options.httpServer, perMessageDeflate: false });
    server.setAuth(async (params) => (params as { token?: unknown }).token === options.token);
    server
      .register(ADD_METHOD, (params) => {
        if (!isAddParams(params)) throw new Error('invalid params');
        return { sum: params.a + params.b };
      })
      .protected();
    server.event(TICK_EVENT).protected();
    return {
      broadcast(payload: TickPayload): void {
        server.emit(TICK_EVENT, payload);
      },
      async close(): Promise<void> {
        for (const socket of server.wss.clients) socket.terminate();
        await server.close();
      },
    };
  },
};
