import type { SystemClientModule, SystemName, SystemServerModule } from './types';

/**
 * Where each system's halves live. Dynamic imports: the server child loads only the server half of
 * one system, the load generator only the client half.
 */
const LOADERS: Readonly<Record<SystemName, { server(): Promise<SystemServerModule>; client(): Promise<SystemClientModule> }>> = {
  gatewire: {
    server: async () => (await import('./gatewire/server')).gatewireServerModule,
    client: async () => (await import('./gatewire/client')).gatewireClientModule,
  },
  ws: {
    server: async () => (await import('./ws/server')).wsServerModule,
    client: async () => (await import('./ws/client')).wsClientModule,
  },
  socketio: {
    server: async () => (await import('./socketio/server')).socketIoServerModule,
    client: async () => (await import('./socketio/client')).socketIoClientModule,
  },
  trpc: {
    server: async () => (await import('./trpc/server')).trpcServerModule,
    client: async () => (await import('./trpc/client')).trpcClientModule,
  },
  'rpc-websockets': {
    server: async () => (await import('./rpc-websockets/server')).rpcWebSocketsServerModule,
    client: async () => (await import('./rpc-websockets/client')).rpcWebSocketsClientModule,
  },
};

/** Load one system's server half. */
export function loadServerModule(name: SystemName): Promise<SystemServerModule> {
  return LOADERS[name].server();
}

/** Load one system's client half. */
export function loadClientModule(name: SystemName): Promise<SystemClientModule> {
  return LOADERS[name].client();
}

/** Human-readable names for tables and charts. */
export const SYSTEM_LABELS: Readonly<Record<SystemName, string>> = {
  gatewire: 'Gatewire',
  ws: 'raw ws',
  socketio: 'socket.io 4',
  trpc: 'tRPC 11',
  'rpc-websockets': 'rpc-websockets 10',
};
