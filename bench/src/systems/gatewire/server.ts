import { createRedisAdapter } from '@gatewire/adapter-redis';
import { createGateway, MemoryDeviceStore, type DeviceRecord } from '@gatewire/server';
import type { TickPayload } from '../shared/fixture';
import type { ServerStartOptions, SystemServer, SystemServerModule } from '../types';
import { benchAdd, benchEvents, benchTick } from './definitions';

/**
 * Gatewire server with its defaults, token auth and the bench devices paired in advance. The caps
 * that guard a real deployment are raised to what the scenarios open: connections (10,000 by
 * default), unauthenticated sockets per IP (32; every bench client comes from 127.0.0.1), handlers
 * per connection (32, below the 64 requests in flight of scenario 1) and across the gateway (256
 * running + 256 queued, below 200 connections × 8).
 */
/** Above any number of requests a scenario keeps in flight (the open-loop latency scenario may queue many). */
const IN_FLIGHT_CAP = 1_000_000;

/** How often the metrics-overhead scenario scrapes the registry, ms. */
const SCRAPE_INTERVAL_MS = 1000;

export const gatewireServerModule: SystemServerModule = {
  async start(options: ServerStartOptions): Promise<SystemServer> {
    const deviceStore = new MemoryDeviceStore();
    for (const key of options.pairedDevices) await deviceStore.put(pairedRecord(key.deviceId, key.publicKeyBase64Url));
    const adapter = options.redis === undefined ? undefined : await createRedisAdapter(options.redis);
    const gateway = createGateway({
      ...(adapter === undefined ? {} : { adapter }),
      events: benchEvents,
      auth: { mode: 'token', token: options.token },
      deviceStore,
      maxConnections: options.maxConnections + 64,
      maxUnauthenticatedPerIp: options.maxConnections + 64,
      maxConcurrentHandlersPerConnection: IN_FLIGHT_CAP,
      maxConcurrentHandlers: IN_FLIGHT_CAP,
      maxQueuedRequests: IN_FLIGHT_CAP,
      metrics: options.metrics === true,
    });
    // As Prometheus would, but more often: the cost of collecting is part of the cost of metrics.
    const scrapes = options.metrics === true ? setInterval(() => void gateway.metrics().metrics(), SCRAPE_INTERVAL_MS) : undefined;
    gateway.method(benchAdd, (params) => ({ sum: params.a + params.b }));
    gateway.attach(options.httpServer);
    return {
      broadcast(payload: TickPayload): void {
        gateway.broadcast(benchTick.name, payload);
      },
      close: () => {
        clearInterval(scrapes);
        return gateway.close({ reason: 'bench finished' });
      },
    };
  },
};

function pairedRecord(deviceId: string, publicKey: string): DeviceRecord {
  return { deviceId, publicKey, roles: ['operator'], scopes: ['operator.admin'], approvedAtMs: Date.now(), tokens: {} };
}
