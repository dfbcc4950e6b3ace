import type { Connection } from '../connection/connection';
import type { MethodRegistry } from '../methods/method-registry';
import type { DeviceStore } from './device-store';
import { closeDeviceSockets } from './close-device-sockets';
import { DeviceManagement } from './device-management';
import { registerPairMethods } from './pair-methods';
import { PairingService } from './pairing-service';
import { registerScopeUpgradeMethods } from './scope-upgrade-methods';
import { ScopeUpgrades } from './scope-upgrades';

/** What device pairing takes from the gateway. */
export interface DeviceFeatureWiring {
  /** Broadcast a `device.pair.*` event. */
  broadcast(event: 'device.pair.requested' | 'device.pair.resolved' | 'device.pair.changed', payload: unknown): void;
  /** Report a failure no client caused (a store failed). */
  error(error: unknown, method: string): void;
  /** The authenticated connections (a removed device's sockets are closed). */
  connections(): Iterable<Connection>;
}

/**
 * Device pairing of a gateway: the pairing service (pending requests, approvals, device tokens),
 * scope upgrades, device management, and their `device.*` methods.
 */
export class DeviceFeature {
  readonly pairing: PairingService;
  readonly #scopeUpgrades: ScopeUpgrades;
  readonly #management: DeviceManagement;

  constructor(store: DeviceStore, limits: { readonly maxPendingRequests: number; readonly requestTtlMs: number }, wiring: DeviceFeatureWiring) {
    this.pairing = new PairingService(store, {
      requested: (request) => wiring.broadcast('device.pair.requested', request),
      resolved: (event) => {
        wiring.broadcast('device.pair.resolved', event);
        this.#scopeUpgrades.resolved(event).catch((error: unknown) => wiring.error(error, 'device.pair.approve'));
      },
    }, limits);
    this.#scopeUpgrades = new ScopeUpgrades(store, this.pairing);
    this.#management = new DeviceManagement(store, {
      changed: (event) => wiring.broadcast('device.pair.changed', event),
      closeDeviceSockets: (selector) => closeDeviceSockets(wiring.connections(), selector),
    });
  }

  /** Register `device.pair.*`, `device.token.*` and `device.scopes.*`. */
  registerMethods(registry: MethodRegistry): void {
    registerPairMethods(registry, this.pairing, this.#management);
    registerScopeUpgradeMethods(registry, this.#scopeUpgrades);
  }

  /** Drop expired pending pairing requests (the gateway's maintenance round). */
  prune(onError: (error: unknown) => void): void {
    this.pairing.livePending().catch(onError);
  }
}
