import type { DeviceIdentity } from './identity';

/** A device token the gateway issued in `hello-ok.auth`, kept per (device id, role). */
export interface StoredDeviceToken {
  /** The token, sent back as `connect.params.auth.deviceToken`. */
  readonly token: string;
  /** The role it was issued for. */
  readonly role: string;
  /** The effective scopes it was issued with; reused as the requested scopes when none are configured. */
  readonly scopes: readonly string[];
  /** When it was issued, ms since the epoch, if the gateway said. */
  readonly issuedAtMs?: number;
}

/**
 * Where a client keeps its device identity and the device tokens issued to it.
 *
 * Implementations: {@link MemoryIdentityStore} (everywhere), `FileIdentityStore`
 * (`@gatewire/client/node`: PEM file with mode 0600 and a token file beside it) and
 * `IndexedDbIdentityStore` (browsers: non-extractable keys in IndexedDB).
 */
export interface IdentityStore {
  /** The stored identity, or `undefined` when there is none yet. */
  loadIdentity(): Promise<DeviceIdentity | undefined>;
  /**
   * Create a new identity when the store has none (optional). Browser stores use it to make the
   * private key non-extractable; without it, the client calls `DeviceIdentity.generate()`.
   */
  generateIdentity?(): Promise<DeviceIdentity>;
  /** Keep `identity` (replacing any previous one). */
  saveIdentity(identity: DeviceIdentity): Promise<void>;
  /** The device token stored for (deviceId, role), if any. */
  loadDeviceToken(deviceId: string, role: string): Promise<StoredDeviceToken | undefined>;
  /** Keep a device token for (deviceId, token.role), replacing any previous one. */
  saveDeviceToken(deviceId: string, token: StoredDeviceToken): Promise<void>;
  /** Forget the device token of (deviceId, role) (e.g. after `AUTH_DEVICE_TOKEN_MISMATCH`). */
  clearDeviceToken(deviceId: string, role: string): Promise<void>;
}
