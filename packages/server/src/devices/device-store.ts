import type { PairingRequest } from '@gatewire/protocol';

/** A device token as stored: only its SHA-256, never the token itself. */
export interface StoredDeviceToken {
  /** Lowercase hex SHA-256 of the token. */
  readonly tokenHash: string;
  /** Scopes the token was issued with; a connect asking for more is refused. */
  readonly scopes: readonly string[];
  readonly issuedAtMs: number;
}

/** A paired device. */
export interface DeviceRecord {
  /** `sha256(raw public key)`, lowercase hex. */
  readonly deviceId: string;
  /** Raw Ed25519 public key, base64url. */
  readonly publicKey: string;
  readonly displayName?: string | undefined;
  /** The name an operator gave the device with `device.pair.rename`. */
  readonly label?: string | undefined;
  readonly platform?: string | undefined;
  readonly clientId?: string | undefined;
  /** Roles the device is approved for. */
  readonly roles: readonly string[];
  /** Scopes the device is approved for. */
  readonly scopes: readonly string[];
  readonly approvedAtMs: number;
  /** Device tokens by role (one per device and role). */
  readonly tokens: Readonly<Record<string, StoredDeviceToken>>;
}

/**
 * Where paired devices and pending pairing requests live, so both survive a gateway restart when
 * the store persists. Every method is asynchronous (a store may sit on a network: Redis, SQL) and
 * must be safe to call concurrently; the gateway calls them from the handshake and from the
 * `device.*` methods.
 */
export interface DeviceStore {
  get(deviceId: string): Promise<DeviceRecord | undefined>;
  /** Insert or replace a device. */
  put(record: DeviceRecord): Promise<void>;
  delete(deviceId: string): Promise<void>;
  list(): Promise<DeviceRecord[]>;
  /** A pending pairing request by id. */
  getPending(requestId: string): Promise<PairingRequest | undefined>;
  /** Insert or replace a pending pairing request. */
  putPending(request: PairingRequest): Promise<void>;
  /**
   * Remove a pending request and return it, or `undefined` when it was not there. Must be atomic:
   * of two concurrent takes of one request, only one gets it (that one approves or rejects it).
   */
  takePending(requestId: string): Promise<PairingRequest | undefined>;
  /** Every pending request, oldest first. */
  listPending(): Promise<PairingRequest[]>;
}
