import { base64UrlDecode, base64UrlEncode } from './base64url';
import { normalizePublicKey, rawPublicKeyToSpki } from './public-key';
import { subtleCrypto, toBufferSource, type CryptoKeyLike } from './web-crypto';

const ED25519 = { name: 'Ed25519' } as const;
const encoder = /* @__PURE__ */ new TextEncoder();

/** Sign a device-auth payload with an Ed25519 private `CryptoKeyLike`; the signature is base64url. */
export async function signDevicePayload(privateKey: CryptoKeyLike, payload: string): Promise<string> {
  const signature = await subtleCrypto().sign(ED25519, privateKey, toBufferSource(encoder.encode(payload)));
  return base64UrlEncode(new Uint8Array(signature));
}

/** Import a public key (any form {@link normalizePublicKey} accepts) for verification. */
export async function importDevicePublicKey(publicKey: string | Uint8Array): Promise<CryptoKeyLike | undefined> {
  const raw = normalizePublicKey(publicKey);
  if (raw === undefined) return undefined;
  try {
    return await subtleCrypto().importKey('spki', toBufferSource(rawPublicKeyToSpki(raw)), ED25519, true, ['verify']);
  } catch {
    return undefined;
  }
}

/**
 * Verify an Ed25519 signature (base64url or base64) over `payload`. Resolves `false` for a bad key,
 * a malformed signature or a mismatch; never rejects.
 */
export async function verifyDevicePayload(publicKey: string | Uint8Array | CryptoKeyLike, payload: string, signature: string): Promise<boolean> {
  const key = isCryptoKeyLike(publicKey) ? publicKey : await importDevicePublicKey(publicKey);
  if (key === undefined) return false;
  const bytes = base64UrlDecode(signature);
  if (bytes === undefined || bytes.length !== 64) return false;
  try {
    return await subtleCrypto().verify(ED25519, key, toBufferSource(bytes), toBufferSource(encoder.encode(payload)));
  } catch {
    return false;
  }
}

function isCryptoKeyLike(value: unknown): value is CryptoKeyLike {
  return typeof value === 'object' && value !== null && 'algorithm' in value && 'type' in value && !(value instanceof Uint8Array);
}
