import {
  base64UrlDecode,
  base64UrlEncode,
  deviceIdOfRawPublicKey,
  generateEd25519KeyPair,
  rawPublicKeyToSpki,
  signDevicePayload,
  subtleCrypto,
  toBufferSource,
  type CryptoKeyPairLike,
} from '@gatewire/protocol/lite';
import { decodePem, encodePem } from './pem';

const ED25519 = { name: 'Ed25519' } as const;

/** Options of {@link DeviceIdentity.generate}. */
export interface GenerateIdentityOptions {
  /**
   * Whether the private key can be exported (needed by {@link DeviceIdentity.toPem} and by the file
   * store). Browsers keeping keys in IndexedDB should pass `false`.
   * @default true
   */
  extractable?: boolean;
}

/** Both halves of an identity as PEM: PKCS#8 private key and SPKI public key. */
export interface DeviceIdentityPem {
  readonly privateKeyPem: string;
  readonly publicKeyPem: string;
}

/**
 * A device's Ed25519 key pair (WebCrypto), its device id (`sha256(raw public key)` in hex) and its
 * public key in wire form (raw 32 bytes, base64url). Signs the connect payload.
 */
export class DeviceIdentity {
  /** Lowercase hex SHA-256 of the raw public key (64 characters). */
  readonly deviceId: string;
  /** The raw 32-byte public key, base64url without padding (the wire form). */
  readonly publicKey: string;
  /** The WebCrypto key pair (a `CryptoKeyPair`); the private key may be non-extractable. */
  readonly keyPair: CryptoKeyPairLike;

  private constructor(deviceId: string, publicKey: string, keyPair: CryptoKeyPairLike) {
    this.deviceId = deviceId;
    this.publicKey = publicKey;
    this.keyPair = keyPair;
  }

  /** Generate a new Ed25519 identity with WebCrypto. */
  static async generate(options: GenerateIdentityOptions = {}): Promise<DeviceIdentity> {
    return DeviceIdentity.fromKeyPair(await generateEd25519KeyPair(options.extractable ?? true));
  }

  /** Wrap an existing WebCrypto Ed25519 key pair (e.g. one loaded from IndexedDB). */
  static async fromKeyPair(keyPair: CryptoKeyPairLike): Promise<DeviceIdentity> {
    const raw = new Uint8Array(await subtleCrypto().exportKey('raw', keyPair.publicKey));
    const deviceId = await deviceIdOfRawPublicKey(raw);
    return new DeviceIdentity(deviceId, base64UrlEncode(raw), keyPair);
  }

  /**
   * Load an identity from PEM: a PKCS#8 `PRIVATE KEY` block and, optionally, an SPKI `PUBLIC KEY`
   * block (both may be in one string). Without the public block, the public key is derived from the
   * private key.
   */
  static async fromPem(privateKeyPem: string, publicKeyPem?: string, options: GenerateIdentityOptions = {}): Promise<DeviceIdentity> {
    const pkcs8 = decodePem('PRIVATE KEY', privateKeyPem);
    if (pkcs8 === undefined) throw new TypeError('DeviceIdentity.fromPem: no PRIVATE KEY block');
    const extractable = options.extractable ?? true;
    const spki = decodePem('PUBLIC KEY', publicKeyPem ?? privateKeyPem) ?? (await derivePublicSpki(pkcs8));
    const privateKey = await subtleCrypto().importKey('pkcs8', toBufferSource(pkcs8), ED25519, extractable, ['sign']);
    const publicKey = await subtleCrypto().importKey('spki', toBufferSource(spki), ED25519, true, ['verify']);
    return DeviceIdentity.fromKeyPair({ privateKey, publicKey });
  }

  /** Export both keys as PEM (the private key must be extractable). */
  async toPem(): Promise<DeviceIdentityPem> {
    if (!this.keyPair.privateKey.extractable) throw new TypeError('DeviceIdentity.toPem: the private key is not extractable');
    const pkcs8 = new Uint8Array(await subtleCrypto().exportKey('pkcs8', this.keyPair.privateKey));
    const spki = new Uint8Array(await subtleCrypto().exportKey('spki', this.keyPair.publicKey));
    return { privateKeyPem: encodePem('PRIVATE KEY', pkcs8), publicKeyPem: encodePem('PUBLIC KEY', spki) };
  }

  /** Sign a UTF-8 payload; the signature is base64url (the wire form). */
  sign(payload: string): Promise<string> {
    return signDevicePayload(this.keyPair.privateKey, payload);
  }
}

/** Derive the SPKI public key of a PKCS#8 Ed25519 private key through its JWK `x`. */
async function derivePublicSpki(pkcs8: Uint8Array): Promise<Uint8Array> {
  const temporary = await subtleCrypto().importKey('pkcs8', toBufferSource(pkcs8), ED25519, true, ['sign']);
  const jwk = await subtleCrypto().exportKey('jwk', temporary);
  const raw = typeof jwk.x === 'string' ? base64UrlDecode(jwk.x) : undefined;
  if (raw === undefined) throw new TypeError('DeviceIdentity.fromPem: cannot derive the public key');
  return rawPublicKeyToSpki(raw);
}
