import type { ConnectParams } from '@gatewire/protocol/lite';
import type { DeviceSigner } from './device/device-signer';
import type { DeviceIdentity } from './device/identity';
import type { StoredDeviceToken } from './device/identity-store';

/** The part of `connect.challenge` a client uses. */
export interface Challenge {
  readonly nonce: string;
  readonly ts: number;
  /** Capabilities the gateway offers before `connect` (e.g. `gatewire.resume.v1`). */
  readonly capabilities?: readonly string[];
}

/** Everything {@link buildConnectParams} needs besides the options. */
export interface ConnectInput {
  readonly challenge: Challenge;
  readonly device: DeviceIdentity | undefined;
  /** The device token stored for (device, role), if any. */
  readonly storedToken: StoredDeviceToken | undefined;
  /**
   * Send the stored device token instead of the configured `token`/`deviceToken` (the one retry
   * after `AUTH_TOKEN_MISMATCH` on a trusted endpoint).
   */
  readonly preferStoredToken?: boolean;
  /** Signs the device payload (default: `device.sign`, WebCrypto). */
  readonly signer?: DeviceSigner | undefined;
}

/** What the client sent, to interpret the answer. */
export interface ConnectRequest {
  readonly params: ConnectParams;
  /** Whether `auth.deviceToken` came from the identity store. */
  readonly usedStoredToken: boolean;
  /** Whether the store had a device token for this device and role. */
  readonly storedTokenAvailable: boolean;
}
