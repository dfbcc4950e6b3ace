import { generateKeyPairSync, sign } from 'node:crypto';
import { base64UrlEncode, deriveDeviceId, normalizePublicKey, verifyDevicePayload } from '@gatewire/protocol';
import { describe, expect, it } from 'vitest';
import { Ed25519Verifier } from '../src/devices/ed25519-verifier';

function keyPair() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = normalizePublicKey(publicKey.export({ format: 'der', type: 'spki' })) as Uint8Array;
  return { raw, base64: base64UrlEncode(raw), privateKey };
}

describe('Ed25519Verifier (node:crypto)', () => {
  it('derives the same device id as the protocol helper', async () => {
    const { raw } = keyPair();
    expect(new Ed25519Verifier().deviceId(raw)).toBe(await deriveDeviceId(raw));
  });

  it('agrees with the WebCrypto helper on good, bad and malformed signatures', async () => {
    const verifier = new Ed25519Verifier();
    const { raw, base64, privateKey } = keyPair();
    const good = sign(null, Buffer.from('payload'), privateKey).toString('base64url');
    const key = verifier.importKey(raw, base64);
    if (key === undefined) throw new Error('key not imported');
    const cases: Array<[string, string]> = [
      ['payload', good],
      ['payload!', good],
      ['payload', Buffer.from(good, 'base64url').toString('base64')],
      ['payload', good.slice(0, 20)],
      ['payload', 'not base64 at all ***'],
    ];
    for (const [payload, signature] of cases) {
      expect(verifier.verify(key, base64, payload, signature)).toBe(await verifyDevicePayload(raw, payload, signature));
    }
  });

  it('reuses an imported key only after it verified a signature', () => {
    const verifier = new Ed25519Verifier();
    const { raw, base64, privateKey } = keyPair();
    const first = verifier.importKey(raw, base64);
    if (first === undefined) throw new Error('key not imported');
    expect(verifier.importKey(raw, base64)).not.toBe(first);
    expect(verifier.verify(first, base64, 'x', sign(null, Buffer.from('x'), privateKey).toString('base64url'))).toBe(true);
    expect(verifier.importKey(raw, base64)).toBe(first);
  });
});
