import { toHex } from './base64url';
import { normalizePublicKey } from './public-key';
import { subtleCrypto, toBufferSource } from './web-crypto';

/**
 * The device id of an Ed25519 public key: lowercase hex SHA-256 of the raw 32-byte key (64 chars).
 * Accepts every form {@link normalizePublicKey} accepts; rejects with a `TypeError` otherwise.
 */
export async function deriveDeviceId(publicKey: string | Uint8Array): Promise<string> {
  const raw = normalizePublicKey(publicKey);
  if (raw === undefined) throw new TypeError('deriveDeviceId: not an Ed25519 public key');
  const digest = await subtleCrypto().digest('SHA-256', toBufferSource(raw));
  return toHex(new Uint8Array(digest));
}
