import type { CryptoKeyPairLike } from '@gatewire/protocol/lite';
import { DeviceIdentity } from '../device/identity';
import type { IdentityStore, StoredDeviceToken } from '../device/identity-store';

/** Options of {@link IndexedDbIdentityStore}. */
export interface IndexedDbIdentityStoreOptions {
  /** Database name. @default "gatewire-client" */
  readonly databaseName?: string;
  /** The `IDBFactory` to use (tests pass a fake one). @default globalThis.indexedDB */
  readonly indexedDB?: IDBFactory;
}

const STORE = 'identity';
const KEY_PAIR = 'key-pair';

/**
 * A browser {@link IdentityStore}: the WebCrypto key pair is stored as `CryptoKey` objects in
 * IndexedDB (structured clone), so the private key is generated non-extractable and never leaves
 * the browser's key store. Device tokens are kept per (device, role) in the same object store.
 */
export class IndexedDbIdentityStore implements IdentityStore {
  readonly #databaseName: string;
  readonly #factory: IDBFactory | undefined;
  #database: Promise<IDBDatabase> | undefined;

  constructor(options: IndexedDbIdentityStoreOptions = {}) {
    this.#databaseName = options.databaseName ?? 'gatewire-client';
    this.#factory = options.indexedDB ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  }

  /** A new identity whose private key is not extractable. */
  generateIdentity(): Promise<DeviceIdentity> {
    return DeviceIdentity.generate({ extractable: false });
  }

  async loadIdentity(): Promise<DeviceIdentity | undefined> {
    const keyPair = (await this.#get(KEY_PAIR)) as CryptoKeyPairLike | undefined;
    return keyPair === undefined ? undefined : DeviceIdentity.fromKeyPair(keyPair);
  }

  async saveIdentity(identity: DeviceIdentity): Promise<void> {
    await this.#put(KEY_PAIR, { privateKey: identity.keyPair.privateKey, publicKey: identity.keyPair.publicKey });
  }

  async loadDeviceToken(deviceId: string, role: string): Promise<StoredDeviceToken | undefined> {
    return (await this.#get(tokenKey(deviceId, role))) as StoredDeviceToken | undefined;
  }

  async saveDeviceToken(deviceId: string, token: StoredDeviceToken): Promise<void> {
    await this.#put(tokenKey(deviceId, token.role), { ...token, scopes: [...token.scopes] });
  }

  async clearDeviceToken(deviceId: string, role: string): Promise<void> {
    await this.#transaction('readwrite', (store) => store.delete(tokenKey(deviceId, role)));
  }

  #get(key: string): Promise<unknown> {
    return this.#transaction('readonly', (store) => store.get(key));
  }

  async #put(key: string, value: unknown): Promise<void> {
    await this.#transaction('readwrite', (store) => store.put(value, key));
  }

  async #transaction(mode: IDBTransactionMode, action: (store: IDBObjectStore) => IDBRequest): Promise<unknown> {
    const database = await this.#open();
    return new Promise((resolve, reject) => {
      const transaction = database.transaction(STORE, mode);
      const request = action(transaction.objectStore(STORE));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error ?? request.error);
      transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted'));
    });
  }

  #open(): Promise<IDBDatabase> {
    const factory = this.#factory;
    if (factory === undefined) return Promise.reject(new Error('IndexedDbIdentityStore: no indexedDB in this environment'));
    this.#database ??= new Promise((resolve, reject) => {
      const request = factory.open(this.#databaseName, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    return this.#database;
  }
}

function tokenKey(deviceId: string, role: string): string {
  return `token:${deviceId}:${role}`;
}
