/**
 * `@gatewire/adapter-redis`: run several Gatewire gateways as one, on Redis. Broadcasts, presence
 * and `node.invoke` cross gateways through one Redis (or Valkey) server.
 */
export { version } from './version';
