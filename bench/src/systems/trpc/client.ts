import { createTRPCClient, createWSClient, wsLink } from '@trpc/client';
import WebSocket from 'ws';
import type { ClientConnectOptions, SystemClient, SystemClientModule } from '../types';
import type { TrpcRouter } from './router';

/** tRPC 11 client: `createWSClient` + `wsLink`, no retries; `hello` completes the authenticated handshake. */
export const trpcClientModule: SystemClientModule = {
  authKinds: ['token'],
  async connect(options: ClientConnectOptions): Promise<SystemClient> {
    const wsClient = createWSClient({
      url: `ws://127.0.0.1:${options.port}`,
      WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
      connectionParams: { token: options.token },
      retryDelayMs: () => 60_000,
    });
    const trpc = createTRPCClient<TrpcRouter>({ links: [wsLink({ client: wsClient })] });
    try {
      await trpc.hello.query();
      const onEvent = options.onEvent;
      if (onEvent !== undefined) {
        await new Promise<void>((resolve, reject) => {
          trpc.onTick.subscribe(undefined, { onStarted: () => resolve(), onData: onEvent, onError: reject });
        });
      }
    } catch (error) {
      void wsClient.close();
      throw error;
    }
    return {
      async add(a, b) {
        return (await trpc.add.query({ a, b })).sum;
      },
      close: () => void wsClient.close(),
    };
  },
};
