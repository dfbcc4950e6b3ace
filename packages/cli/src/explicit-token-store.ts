import type { DeviceIdentity, IdentityStore, StoredDeviceToken } from '@gatewire/client/node';

/**
 * An identity store that keeps the device key but never offers a stored device token. The CLI uses
 * it when `--token` or `GATEWIRE_TOKEN` is given: the user asks "does this token work?", so a wrong
 * token must be reported as wrong (`AUTH_TOKEN_MISMATCH`), not hidden by the device token paired
 * earlier (which the client would otherwise retry with once). New device tokens are still saved.
 */
export class ExplicitTokenIdentityStore implements IdentityStore {
  constructor(private readonly inner: IdentityStore) {}

  loadIdentity(): Promise<DeviceIdentity | undefined> {
    return this.inner.loadIdentity();
  }

  saveIdentity(identity: DeviceIdentity): Promise<void> {
    return this.inner.saveIdentity(identity);
  }

  loadDeviceToken(): Promise<StoredDeviceToken | undefined> {
    return Promise.resolve(undefined);
  }

  saveDeviceToken(deviceId: string, token: StoredDeviceToken): Promise<void> {
    return this.inner.saveDeviceToken(deviceId, token);
  }

  clearDeviceToken(deviceId: string, role: string): Promise<void> {
    return this.inner.clearDeviceToken(deviceId, role);
  }
}
