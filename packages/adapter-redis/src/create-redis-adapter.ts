import { randomUUID } from 'node:crypto';
import { RedisAdapter } from './redis-adapter';
import { resolveRedisAdapterOptions, type RedisAdapterOptions } from './redis-adapter-options';
import { createRedisConnection } from './redis-connection';
import { connectChecked } from './start-checks';

/**
 * Connect to Redis, check it (reachable, credentials, version 7.0 or newer: a clear
 * `RedisAdapterError` otherwise), join the cluster and return the adapter to pass as the gateway's
 * `adapter` option. One adapter per gateway.
 */
export async function createRedisAdapter(options: RedisAdapterOptions): Promise<RedisAdapter> {
  const resolved = resolveRedisAdapterOptions(options);
  const gatewayId = randomUUID();
  const connection = (role: string) => createRedisConnection({ url: resolved.url, name: `gatewire-${role}-${gatewayId}`, connectTimeoutMs: resolved.connectTimeoutMs });
  const command = connection('command');
  command.on('error', () => {});
  await connectChecked(command, resolved.url);
  const subscriber = command.duplicate();
  subscriber.on('error', () => {});
  await subscriber.connect();
  const adapter = new RedisAdapter(resolved, command, subscriber, gatewayId);
  try {
    await adapter.open();
  } catch (error) {
    command.destroy();
    subscriber.destroy();
    throw error;
  }
  return adapter;
}
