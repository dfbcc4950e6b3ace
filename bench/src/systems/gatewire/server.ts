import { createGateway, MemoryDeviceStore, type DeviceRecord } from '@gatewire/server';
import type { TickPayload } from '../shared/fixture';
import type { ServerStartOptions, SystemServer, SystemServerModule } from '../types';
import { benchAdd, benchEvents, benchTick } from './definitions';

/**
 * Gatewire server with its defaults, token auth, the bench devices paired in advance, and the
 * connection caps raised above what a scenario opens (the defaults guard a real deployment).
 */
export const gatewireServerModule: SystemServerModule = {
  async start(options: ServerStartOptions): Promise<SystemServer> {
    const deviceStore = new MemoryDeviceStore();
    for (const key of options.pairedDevices) await deviceStore.put(pairedRecord(key.deviceId, key.publicKeyBase64Url));
    const gateway = createGateway({
      events: benchEvents,
      auth: { mode: 'token', token: options.token },
      deviceStore,
      maxConnections: options.maxConnections + 64,
      maxUnauthenticatedPerIp: options.maxConnections + 64,
    });
    gateway.method(benchAdd, (params) => ({ sum: params.a + params.b }));
    gateway.attach(options.httpServer);
    return {
      broadcast(payload: TickPayload): void {
        gateway.broadcast(benchTick.name, payload);
      },
      close: () => gateway.close({ reason: 'bench finished' }),
    };
  },
};

function pairedRecord(deviceId: string, publicKey: string): DeviceRecord {
  return { deviceId, publicKey, roles: ['operator'], scopes: ['operator.admin'], approvedAtMs: Date.now(), tokens: {} };
}
