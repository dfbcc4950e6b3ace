import type { PairingRequest } from '@gatewire/protocol';
import type { DeviceRecord, DeviceStore } from '@gatewire/server';
import type { RedisConnection } from './redis-connection';
import { sharedStoreKey, type SharedStoreOptions } from './shared-store-options';

/** Options of {@link RedisDeviceStore}. */
export type RedisDeviceStoreOptions = SharedStoreOptions;

/**
 * A {@link DeviceStore} in Redis, shared by every gateway of a cluster: a device paired through
 * one gateway is known to all, and connects with its device token through any of them.
 *
 * All devices live in one hash, `<keyPrefix>:{<cluster>}:devices`, field = device id, value =
 * the record as JSON; pending pairing requests in `<keyPrefix>:{<cluster>}:pairing-requests`,
 * field = request id (so a request opened through one gateway can be approved through another).
 * `takePending` reads and deletes in one `MULTI`, so of two concurrent takes only one gets it. Device tokens are stored as their SHA-256 only, as in every store. Each
 * call is one Redis command, so concurrent `put`s of one device are last-writer-wins, as in
 * the in-memory store. A value that is not a device record makes `get`/`list` reject with a
 * `TypeError` naming the key and field.
 */
export class RedisDeviceStore implements DeviceStore {
  readonly #redis: RedisConnection;
  readonly #key: string;
  readonly #pendingKey: string;

  constructor(options: RedisDeviceStoreOptions) {
    this.#redis = options.redis;
    this.#key = sharedStoreKey(options, 'devices');
    this.#pendingKey = sharedStoreKey(options, 'pairing-requests');
  }

  /** The Redis hash holding the pending pairing requests. */
  get pendingKey(): string {
    return this.#pendingKey;
  }

  /** The Redis hash holding the devices. */
  get key(): string {
    return this.#key;
  }

  async get(deviceId: string): Promise<DeviceRecord | undefined> {
    const value = await this.#redis.hGet(this.#key, deviceId);
    return value === null || value === undefined ? undefined : this.#parse(deviceId, value);
  }

  async put(record: DeviceRecord): Promise<void> {
    await this.#redis.hSet(this.#key, record.deviceId, JSON.stringify(record));
  }

  async delete(deviceId: string): Promise<void> {
    await this.#redis.hDel(this.#key, deviceId);
  }

  async list(): Promise<DeviceRecord[]> {
    const all = await this.#redis.hGetAll(this.#key);
    return Object.entries(all).map(([deviceId, value]) => this.#parse(deviceId, value));
  }

  async getPending(requestId: string): Promise<PairingRequest | undefined> {
    const value = await this.#redis.hGet(this.#pendingKey, requestId);
    return value === null || value === undefined ? undefined : this.#parsePending(requestId, value);
  }

  async putPending(request: PairingRequest): Promise<void> {
    await this.#redis.hSet(this.#pendingKey, request.requestId, JSON.stringify(request));
  }

  async takePending(requestId: string): Promise<PairingRequest | undefined> {
    const [value, deleted] = (await this.#redis.multi().hGet(this.#pendingKey, requestId).hDel(this.#pendingKey, requestId).exec()) as unknown as [
      string | null,
      number,
    ];
    return deleted === 1 && typeof value === 'string' ? this.#parsePending(requestId, value) : undefined;
  }

  async listPending(): Promise<PairingRequest[]> {
    const all = await this.#redis.hGetAll(this.#pendingKey);
    return Object.entries(all)
      .map(([requestId, value]) => this.#parsePending(requestId, value))
      .sort((left, right) => left.ts - right.ts);
  }

  #parsePending(requestId: string, value: string): PairingRequest {
    let request: unknown;
    try {
      request = JSON.parse(value);
    } catch (cause) {
      throw new TypeError(`RedisDeviceStore: ${this.#pendingKey} field ${requestId} is not JSON`, { cause });
    }
    const candidate = request as Partial<PairingRequest> | null;
    if (typeof candidate !== 'object' || candidate === null || candidate.requestId !== requestId || typeof candidate.deviceId !== 'string' || typeof candidate.ts !== 'number') {
      throw new TypeError(`RedisDeviceStore: ${this.#pendingKey} field ${requestId} is not a pairing request`);
    }
    return candidate as PairingRequest;
  }

  #parse(deviceId: string, value: string): DeviceRecord {
    let record: unknown;
    try {
      record = JSON.parse(value);
    } catch (cause) {
      throw new TypeError(`RedisDeviceStore: ${this.#key} field ${deviceId} is not JSON`, { cause });
    }
    if (!isDeviceRecord(record) || record.deviceId !== deviceId) {
      throw new TypeError(`RedisDeviceStore: ${this.#key} field ${deviceId} is not a device record`);
    }
    return record;
  }
}

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
