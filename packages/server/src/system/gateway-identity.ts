import { createHash, generateKeyPairSync } from 'node:crypto';
import { publicKeyToBase64Url, type GatewayIdentityResult } from '@gatewire/protocol';

/** DER prefix of an Ed25519 SubjectPublicKeyInfo: the raw 32-byte key follows it. */
const ED25519_SPKI_PREFIX_BYTES = 12;

/**
 * A new Ed25519 identity for this gateway process (`gateway.identity.get`): the key pair is made
 * with Node's crypto at the first call and lives as long as the gateway; a restarted gateway has a
 * new identity. Only the public half is ever sent.
 */
export function createGatewayIdentity(): GatewayIdentityResult {
  const { publicKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(ED25519_SPKI_PREFIX_BYTES);
  const encoded = publicKeyToBase64Url(raw);
  if (encoded === undefined) throw new Error('gateway identity: not a 32-byte Ed25519 key');
  return { deviceId: createHash('sha256').update(raw).digest('hex'), publicKey: encoded };
}
