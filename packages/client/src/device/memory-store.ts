import type { DeviceIdentity } from './identity';
import type { IdentityStore, StoredDeviceToken } from './identity-store';

/** An {@link IdentityStore} that lives as long as the process (or page). */
export class MemoryIdentityStore implements IdentityStore {
  #identity: DeviceIdentity | undefined;
  readonly #tokens = new Map<string, StoredDeviceToken>();

  constructor(identity?: DeviceIdentity) {
    this.#identity = identity;
  }

  async loadIdentity(): Promise<DeviceIdentity | undefined> {
    return this.#identity;
  }

  async saveIdentity(identity: DeviceIdentity): Promise<void> {
    this.#identity = identity;
  }

  async loadDeviceToken(deviceId: string, role: string): Promise<StoredDeviceToken | undefined> {
    return this.#tokens.get(tokenKey(deviceId, role));
  }

  async saveDeviceToken(deviceId: string, token: StoredDeviceToken): Promise<void> {
    this.#tokens.set(tokenKey(deviceId, token.role), token);
  }

  async clearDeviceToken(deviceId: string, role: string): Promise<void> {
    this.#tokens.delete(tokenKey(deviceId, role));
  }
}

function tokenKey(deviceId: string, role: string): string {
  return `${deviceId}\u0000${role}`;
}
