import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';

/** PKCS#8 DER prefix of an Ed25519 private key; the 32-byte seed follows it. */
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** An Ed25519 device key derived from a fixed seed, so server and load generator agree on it. */
export interface DeviceKey {
  readonly index: number;
  readonly privateKey: KeyObject;
  readonly privateKeyPem: string;
  readonly publicKey: KeyObject;
  /** The raw 32-byte public key. */
  readonly publicKeyRaw: Buffer;
  /** The raw public key as base64url (the wire form). */
  readonly publicKeyBase64Url: string;
  /** sha256(raw public key), lowercase hex. */
  readonly deviceId: string;
}

/** The `index`th deterministic bench device key. */
export function deviceKey(index: number): DeviceKey {
  const seed = createHash('sha256').update(`gatewire-bench-device-${index}`).digest();
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  const publicKey = createPublicKey(privateKey);
  const publicKeyRaw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  return {
    index,
    privateKey,
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    publicKey,
    publicKeyRaw,
    publicKeyBase64Url: publicKeyRaw.toString('base64url'),
    deviceId: createHash('sha256').update(publicKeyRaw).digest('hex'),
  };
}

/** The first `count` bench device keys. */
export function deviceKeys(count: number): DeviceKey[] {
  return Array.from({ length: count }, (_, index) => deviceKey(index));
}

/** How many device keys the load generator cycles through (all are paired in advance). */
export const DEVICE_KEY_COUNT = 8;
