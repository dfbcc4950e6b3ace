import { healthMethod, statusMethod, systemPresenceMethod } from '@gatewire/protocol';
import type { GatewayRuntime } from '../gateway/runtime';
import type { MethodRegistry } from './method-registry';

/** Register `health`, `status` and `system-presence`. */
export function registerBuiltinMethods(registry: MethodRegistry, runtime: GatewayRuntime): void {
  registry.register(healthMethod, () => runtime.health());
  registry.register(statusMethod, (_params, context) => runtime.statusFor(context.connection, context.signal));
  registry.register(systemPresenceMethod, () => runtime.presence());
}
