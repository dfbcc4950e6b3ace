import { generateKeyPairSync, sign } from 'node:crypto';
import { base64UrlEncode, deriveDeviceId, normalizePublicKey, verifyDevicePayload } from '@gatewire/protocol';
import { describe, expect, it } from 'vitest';
import { Ed25519Verifier, type ImportedDeviceKey } from '../src/devices/ed25519-verifier';

function keyPair() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = normalizePublicKey(publicKey.export({ format: 'der', type: 'spki' })) as Uint8Array;
  return { raw, base64: base64UrlEncode(raw), privateKey };
}

function imported(verifier: Ed25519Verifier, raw: Uint8Array): ImportedDeviceKey {
  const key = verifier.importKey(raw, verifier.deviceId(raw));
  if (key === undefined) throw new Error('key not imported');
  return key;
}

describe('Ed25519Verifier (node:crypto)', () => {
  it('derives the same device id as the protocol helper, and imports the key under its canonical wire form', async () => {
    const verifier = new Ed25519Verifier();
    const { raw, base64 } = keyPair();
    expect(verifier.deviceId(raw)).toBe(await deriveDeviceId(raw));
    expect(imported(verifier, raw)).toMatchObject({ deviceId: await deriveDeviceId(raw), publicKey: base64 });
    expect(verifier.importKey(new Uint8Array(31), 'id')).toBeUndefined();
  });

  it('agrees with the WebCrypto helper on good, bad and malformed signatures', async () => {
    const verifier = new Ed25519Verifier();
    const { raw, base64, privateKey } = keyPair();
    const good = sign(null, Buffer.from('payload'), privateKey).toString('base64url');
    const key = imported(verifier, raw);
    const cases: Array<[string, string]> = [
      ['payload', good],
      ['payload!', good],
      ['payload', Buffer.from(good, 'base64url').toString('base64')],
      ['payload', `${good}==`],
      ['payload', ` ${good}`],
      ['payload', `${good.slice(0, 85)}*`],
      ['payload', good.slice(0, 20)],
      ['payload', 'not base64 at all ***'],
    ];
    for (const [payload, signature] of cases) {
      expect(verifier.verify(key, base64, payload, signature)).toBe(await verifyDevicePayload(raw, payload, signature));
    }
  });

  it('caches an imported key, under the text the device sent, only after it verified a signature', () => {
    const verifier = new Ed25519Verifier();
    const { raw, base64, privateKey } = keyPair();
    const key = imported(verifier, raw);
    expect(verifier.verify(key, base64, 'x', sign(null, Buffer.from('y'), privateKey).toString('base64url'))).toBe(false);
    expect(verifier.cached(base64)).toBeUndefined();
    const sent = Buffer.from(raw).toString('base64');
    expect(verifier.verify(key, sent, 'x', sign(null, Buffer.from('x'), privateKey).toString('base64url'))).toBe(true);
    expect(verifier.cached(sent)).toBe(key);
    expect(verifier.cached(base64)).toBeUndefined();
  });
});
