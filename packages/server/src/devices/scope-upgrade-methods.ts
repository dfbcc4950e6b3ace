import { deviceScopesRequestUpgradeMethod, deviceScopesWaitUpgradeMethod } from '@gatewire/protocol';
import type { MethodRegistry } from '../methods/method-registry';
import type { ScopeUpgrades } from './scope-upgrades';

/** Register `device.scopes.requestUpgrade` and `device.scopes.waitUpgrade`. */
export function registerScopeUpgradeMethods(registry: MethodRegistry, upgrades: ScopeUpgrades): void {
  registry.register(deviceScopesRequestUpgradeMethod, (params, context) => upgrades.request(context.connection, (params as { scopes: string[] }).scopes));
  registry.register(deviceScopesWaitUpgradeMethod, (params, context) => upgrades.wait(context.connection, (params as { requestId: string }).requestId.trim(), context.signal));
}
