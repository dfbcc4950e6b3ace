import { toHex } from './base64url';
import { ED25519_PUBLIC_KEY_BYTES, normalizePublicKey } from './public-key';
import { subtleCrypto, toBufferSource } from './web-crypto';

/**
 * The device id of an Ed25519 public key: lowercase hex SHA-256 of the raw 32-byte key (64 chars).
 * Accepts every form {@link normalizePublicKey} accepts; rejects with a `TypeError` otherwise.
 */
export async function deriveDeviceId(publicKey: string | Uint8Array): Promise<string> {
  const raw = normalizePublicKey(publicKey);
  if (raw === undefined) throw new TypeError('deriveDeviceId: not an Ed25519 public key');
  return deviceIdOfRawPublicKey(raw);
}

/**
 * The device id of a raw 32-byte Ed25519 public key (what WebCrypto's `exportKey("raw")` gives):
 * {@link deriveDeviceId} without the parsing of other key forms, so a browser bundle that only
 * holds raw keys leaves the parser out. Rejects with a `TypeError` for any other length.
 */
export async function deviceIdOfRawPublicKey(raw: Uint8Array): Promise<string> {
  if (raw.length !== ED25519_PUBLIC_KEY_BYTES) throw new TypeError('deviceIdOfRawPublicKey: not a raw Ed25519 public key');
  const digest = await subtleCrypto().digest('SHA-256', toBufferSource(raw));
  return toHex(new Uint8Array(digest));
}
