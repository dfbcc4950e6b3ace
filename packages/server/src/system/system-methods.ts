import { gatewayIdentityGetMethod, lastHeartbeatMethod, systemInfoMethod, type GatewayIdentityResult } from '@gatewire/protocol';
import type { MethodRegistry } from '../methods/method-registry';
import { EventLoopMonitor } from './event-loop-monitor';
import { createGatewayIdentity } from './gateway-identity';
import { collectSystemInfo } from './system-info';

/**
 * `last-heartbeat`, `gateway.identity.get` and `system.info` (operator.read, as the reference
 * scopes them). Owns the event-loop monitor: {@link SystemMethods.stop} at gateway close.
 */
export class SystemMethods {
  readonly #eventLoop = new EventLoopMonitor();
  #identity: GatewayIdentityResult | undefined;

  constructor(registry: MethodRegistry, source: { readonly gatewayVersion: string; readonly startedAtMs: number }) {
    this.#eventLoop.start();
    registry.register(lastHeartbeatMethod, () => null);
    registry.register(gatewayIdentityGetMethod, () => (this.#identity ??= createGatewayIdentity()));
    registry.register(systemInfoMethod, () => collectSystemInfo({ ...source, eventLoop: this.#eventLoop }));
  }

  stop(): void {
    this.#eventLoop.stop();
  }
}
