import type { PairingRequest } from '@gatewire/protocol';
import type { DeviceRecord, DeviceStore } from '@gatewire/server';
import { JsonHash } from './json-hash';
import { sharedStoreKey, type SharedStoreOptions } from './shared-store-options';

/** Options of {@link RedisDeviceStore}. */
export type RedisDeviceStoreOptions = SharedStoreOptions;

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isDeviceRecord(value: unknown): value is DeviceRecord {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.deviceId === 'string' &&
    typeof record.publicKey === 'string' &&
    isStringArray(record.roles) &&
    isStringArray(record.scopes) &&
    typeof record.approvedAtMs === 'number' &&
    typeof record.tokens === 'object' &&
    record.tokens !== null
  );
}

function isPairingRequest(value: unknown): value is PairingRequest {
  const candidate = value as Partial<PairingRequest> | null;
  return typeof candidate === 'object' && candidate !== null && typeof candidate.requestId === 'string' && typeof candidate.deviceId === 'string' && typeof candidate.ts === 'number';
}

/**
 * A {@link DeviceStore} in Redis, shared by every gateway of a cluster: a device paired through
 * one gateway is known to all, and connects with its device token through any of them.
 *
 * All devices live in one hash, `<keyPrefix>:{<cluster>}:devices`, field = device id, value =
 * the record as JSON; pending pairing requests in `<keyPrefix>:{<cluster>}:pairing-requests`,
 * field = request id (so a request opened through one gateway can be approved through another).
 * `takePending` reads and deletes in one `MULTI`, so of two concurrent takes only one gets it.
 * Device tokens are stored as their SHA-256 only, as in every store. Each call is one Redis
 * command, so concurrent `put`s of one device are last-writer-wins, as in the in-memory store. A
 * value that is not a device record (or pairing request) makes `get`/`list` reject with a
 * `TypeError` naming the key and field.
 */
export class RedisDeviceStore implements DeviceStore {
  readonly #devices: JsonHash<DeviceRecord>;
  readonly #pending: JsonHash<PairingRequest>;

  constructor(options: RedisDeviceStoreOptions) {
    this.#devices = new JsonHash(options.redis, 'RedisDeviceStore', sharedStoreKey(options, 'devices'), (deviceId, value) =>
      isDeviceRecord(value) && value.deviceId === deviceId ? undefined : 'is not a device record',
    );
    this.#pending = new JsonHash(options.redis, 'RedisDeviceStore', sharedStoreKey(options, 'pairing-requests'), (requestId, value) =>
      isPairingRequest(value) && value.requestId === requestId ? undefined : 'is not a pairing request',
    );
  }

  /** The Redis hash holding the pending pairing requests. */
  get pendingKey(): string {
    return this.#pending.key;
  }

  /** The Redis hash holding the devices. */
  get key(): string {
    return this.#devices.key;
  }

  get(deviceId: string): Promise<DeviceRecord | undefined> {
    return this.#devices.get(deviceId);
  }

  put(record: DeviceRecord): Promise<void> {
    return this.#devices.put(record.deviceId, record);
  }

  delete(deviceId: string): Promise<void> {
    return this.#devices.delete(deviceId);
  }

  list(): Promise<DeviceRecord[]> {
    return this.#devices.list();
  }

  getPending(requestId: string): Promise<PairingRequest | undefined> {
    return this.#pending.get(requestId);
  }

  putPending(request: PairingRequest): Promise<void> {
    return this.#pending.put(request.requestId, request);
  }

  takePending(requestId: string): Promise<PairingRequest | undefined> {
    return this.#pending.take(requestId);
  }

  async listPending(): Promise<PairingRequest[]> {
    return (await this.#pending.list()).sort((left, right) => left.ts - right.ts);
  }
}
