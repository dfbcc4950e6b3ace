import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { base64UrlDecode, rawPublicKeyToSpki } from '@gatewire/protocol';

/** Public keys kept imported at most (oldest dropped first). */
const MAX_CACHED_KEYS = 1024;

/** Length of an Ed25519 signature in bytes. */
const ED25519_SIGNATURE_BYTES = 64;

/**
 * Ed25519 for the server, on `node:crypto` (the protocol package's WebCrypto helpers stay
 * browser-safe and are what clients use). Synchronous, and each device's public key is imported
 * once: a handshake with a known device costs one `verify` call, instead of a WebCrypto key import
 * and an asynchronous verify job. Only keys that verified a signature are cached, and at most
 * {@link MAX_CACHED_KEYS} of them, so unknown or bogus keys cannot grow the cache.
 */
export class Ed25519Verifier {
  readonly #keys = new Map<string, KeyObject>();

  /** The device id of a raw 32-byte public key: lowercase hex SHA-256 (as `deriveDeviceId`). */
  deviceId(raw: Uint8Array): string {
    return createHash('sha256').update(raw).digest('hex');
  }

  /** Import a raw 32-byte public key, or `undefined` when it is not a usable Ed25519 key. */
  importKey(raw: Uint8Array, cacheKey: string): KeyObject | undefined {
    const cached = this.#keys.get(cacheKey);
    if (cached !== undefined) return cached;
    try {
      return createPublicKey({ key: Buffer.from(rawPublicKeyToSpki(raw)), format: 'der', type: 'spki' });
    } catch {
      return undefined;
    }
  }

  /**
   * Whether `signature` (base64url or base64) is a valid signature of `payload` under `key`. Never
   * throws. A key that verified is remembered under `cacheKey`.
   */
  verify(key: KeyObject, cacheKey: string, payload: string, signature: string): boolean {
    const bytes = base64UrlDecode(signature);
    if (bytes === undefined || bytes.length !== ED25519_SIGNATURE_BYTES) return false;
    let valid: boolean;
    try {
      valid = verify(null, Buffer.from(payload, 'utf8'), key, bytes);
    } catch {
      return false;
    }
    if (valid) this.#remember(cacheKey, key);
    return valid;
  }

  #remember(cacheKey: string, key: KeyObject): void {
    if (this.#keys.has(cacheKey)) return;
    if (this.#keys.size >= MAX_CACHED_KEYS) this.#keys.delete(this.#keys.keys().next().value as string);
    this.#keys.set(cacheKey, key);
  }
}

/** The verifier of this process (the cache is shared by every gateway in it: keys are public). */
export const ed25519Verifier = new Ed25519Verifier();
