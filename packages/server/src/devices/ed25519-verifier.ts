import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { base64UrlDecode, base64UrlEncode, rawPublicKeyToSpki } from '@gatewire/protocol';

/** Public keys kept imported at most (oldest dropped first). */
const MAX_CACHED_KEYS = 1024;

/** Length of an Ed25519 signature in bytes. */
const ED25519_SIGNATURE_BYTES = 64;

/** An Ed25519 signature as clients send it: 64 bytes in base64url without padding (86 characters). */
const BASE64URL_SIGNATURE = /^[A-Za-z0-9_-]{86}$/;

/** A device public key, decoded and imported for verification. */
export interface ImportedDeviceKey {
  /** `sha256(raw public key)`, lowercase hex. */
  readonly deviceId: string;
  /** The raw 32-byte public key, base64url (the canonical wire form). */
  readonly publicKey: string;
  readonly key: KeyObject;
}

/**
 * Ed25519 for the server, on `node:crypto` (the protocol package's WebCrypto helpers stay
 * browser-safe and are what clients use). Synchronous, and each device's public key is decoded,
 * hashed and imported once: a handshake with a known device costs one map look-up and one `verify`
 * call. Only keys that verified a signature are cached, under the text the device sent, and at most
 * {@link MAX_CACHED_KEYS} of them, so unknown or bogus keys cannot grow the cache.
 */
export class Ed25519Verifier {
  readonly #keys = new Map<string, ImportedDeviceKey>();

  /** The imported key of a public key (as the device sent it) that verified a signature before. */
  cached(wirePublicKey: string): ImportedDeviceKey | undefined {
    return this.#keys.get(wirePublicKey);
  }

  /** The device id of a raw 32-byte public key: lowercase hex SHA-256 (as `deriveDeviceId`). */
  deviceId(raw: Uint8Array): string {
    return createHash('sha256').update(raw).digest('hex');
  }

  /** Import a raw 32-byte public key whose device id is `deviceId`, or `undefined` when it is not a usable Ed25519 key. */
  importKey(raw: Uint8Array, deviceId: string): ImportedDeviceKey | undefined {
    try {
      const key = createPublicKey({ key: Buffer.from(rawPublicKeyToSpki(raw)), format: 'der', type: 'spki' });
      return { deviceId, publicKey: base64UrlEncode(raw), key };
    } catch {
      return undefined;
    }
  }

  /**
   * Whether `signature` (base64url or base64) is a valid signature of `payload` under `key`. Never
   * throws. A key that verified is remembered under `wirePublicKey`, the public key as the device sent it.
   */
  verify(key: ImportedDeviceKey, wirePublicKey: string, payload: string, signature: string): boolean {
    const bytes = BASE64URL_SIGNATURE.test(signature) ? Buffer.from(signature, 'base64url') : base64UrlDecode(signature);
    if (bytes === undefined || bytes.length !== ED25519_SIGNATURE_BYTES) return false;
    let valid: boolean;
    try {
      valid = verify(null, Buffer.from(payload, 'utf8'), key.key, bytes);
    } catch {
      return false;
    }
    if (valid) this.#remember(wirePublicKey, key);
    return valid;
  }

  #remember(wirePublicKey: string, key: ImportedDeviceKey): void {
    if (this.#keys.has(wirePublicKey)) return;
    if (this.#keys.size >= MAX_CACHED_KEYS) this.#keys.delete(this.#keys.keys().next().value as string);
    this.#keys.set(wirePublicKey, key);
  }
}

/** The verifier of this process (the cache is shared by every gateway in it: keys are public). */
export const ed25519Verifier = new Ed25519Verifier();
