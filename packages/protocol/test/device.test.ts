import { createHash, createPublicKey, generateKeyPairSync, sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  base64UrlDecode,
  base64UrlEncode,
  buildDeviceAuthPayload,
  deriveDeviceId,
  deviceIdOfRawPublicKey,
  normalizeDeviceMetadata,
  normalizePublicKey,
  publicKeyToBase64Url,
  rawPublicKeyToSpki,
  resolveSignedToken,
  signDevicePayload,
  subtleCrypto,
  verifyDevicePayload,
  type CryptoKeyPairLike,
} from '../src/index';

function nodeKeyPair() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const spki = publicKey.export({ format: 'der', type: 'spki' });
  const raw = new Uint8Array(spki.subarray(spki.length - 32));
  return { publicKey, privateKey, raw, spki: new Uint8Array(spki), pem: publicKey.export({ format: 'pem', type: 'spki' }).toString() };
}

describe('buildDeviceAuthPayload', () => {
  const fields = {
    deviceId: 'b088aa9968',
    clientId: 'cli',
    clientMode: 'cli',
    role: 'operator',
    scopes: ['operator.read', 'operator.write', 'operator.admin'],
    signedAtMs: 1795287941303,
    token: 'tok',
    nonce: 'fb64',
    platform: 'linux',
  };

  it('builds v3 exactly as the reference run shows (absent deviceFamily signs as empty)', () => {
    expect(buildDeviceAuthPayload('v3', fields)).toBe(
      'v3|b088aa9968|cli|cli|operator|operator.read,operator.write,operator.admin|1795287941303|tok|fb64|linux|',
    );
  });

  it('builds v2 without platform and device family', () => {
    expect(buildDeviceAuthPayload('v2', fields)).toBe('v2|b088aa9968|cli|cli|operator|operator.read,operator.write,operator.admin|1795287941303|tok|fb64');
  });

  it('defaults role to operator, scopes and token to empty fields, and keeps scope order unsorted', () => {
    const payload = buildDeviceAuthPayload('v3', { deviceId: 'd', clientId: 'test', clientMode: 'test', signedAtMs: 5, nonce: 'n' });
    expect(payload).toBe('v3|d|test|test|operator||5||n||');
    const unsorted = buildDeviceAuthPayload('v2', { ...fields, scopes: ['operator.write', 'operator.admin', 'operator.read'] });
    expect(unsorted).toContain('|operator.write,operator.admin,operator.read|');
  });

  it('normalizes v3 platform and device family: trimmed, ASCII A-Z lowercased only', () => {
    const payload = buildDeviceAuthPayload('v3', { ...fields, platform: '  MacOS ', deviceFamily: 'İPHONE Ä' });
    expect(payload.endsWith('|macos|İphone Ä')).toBe(true);
    expect(normalizeDeviceMetadata(undefined)).toBe('');
  });

  it('signs the first present of token, deviceToken, bootstrapToken, never the password', () => {
    expect(resolveSignedToken({ token: 't', deviceToken: 'd', bootstrapToken: 'b' })).toBe('t');
    expect(resolveSignedToken({ deviceToken: 'd', bootstrapToken: 'b' })).toBe('d');
    expect(resolveSignedToken({ bootstrapToken: 'b' })).toBe('b');
    expect(resolveSignedToken({ password: 'p' } as never)).toBeUndefined();
    expect(resolveSignedToken(undefined)).toBeUndefined();
  });
});

describe('base64url', () => {
  it('round-trips bytes without padding and decodes standard base64 too', () => {
    const bytes = new Uint8Array([0xfb, 0xff, 0xbf, 0x00, 0x01]);
    const text = base64UrlEncode(bytes);
    expect(text).toBe('-_-_AAE');
    expect(base64UrlDecode(text)).toEqual(bytes);
    expect(base64UrlDecode('+/+/AAE=')).toEqual(bytes);
    expect(base64UrlDecode(Buffer.from(bytes).toString('base64'))).toEqual(bytes);
  });

  it('returns undefined for non-base64 text', () => {
    for (const bad of ['%%%', 'a', 'ab=c', 'a b c d e', '====']) expect(base64UrlDecode(bad)).toBeUndefined();
  });
});

describe('public keys and device ids', () => {
  const pair = nodeKeyPair();

  it('normalizes raw, base64, base64url, SPKI DER and SPKI PEM to the same 32 bytes', () => {
    const forms = [pair.raw, pair.spki, pair.pem, Buffer.from(pair.raw).toString('base64'), base64UrlEncode(pair.raw), Buffer.from(pair.spki).toString('base64')];
    for (const form of forms) expect(normalizePublicKey(form)).toEqual(pair.raw);
    expect(publicKeyToBase64Url(pair.pem)).toBe(base64UrlEncode(pair.raw));
  });

  it('refuses keys of the wrong length or with a foreign SPKI prefix', () => {
    expect(normalizePublicKey(new Uint8Array(31))).toBeUndefined();
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'pem', type: 'spki' }).toString();
    expect(normalizePublicKey(rsa)).toBeUndefined();
    const ecSpki = generateKeyPairSync('x25519').publicKey.export({ format: 'der', type: 'spki' });
    expect(normalizePublicKey(new Uint8Array(ecSpki))).toBeUndefined();
    expect(normalizePublicKey('not a key')).toBeUndefined();
  });

  it('derives the device id as lowercase hex SHA-256 of the raw key, from any form', async () => {
    const expected = createHash('sha256').update(pair.raw).digest('hex');
    expect(await deriveDeviceId(pair.raw)).toBe(expected);
    expect(await deriveDeviceId(pair.pem)).toBe(expected);
    expect(await deriveDeviceId(base64UrlEncode(pair.raw))).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
    await expect(deriveDeviceId('nope')).rejects.toThrow(TypeError);
  });

  it('derives the same device id from the raw key alone, and refuses any other length', async () => {
    expect(await deviceIdOfRawPublicKey(pair.raw)).toBe(await deriveDeviceId(pair.pem));
    await expect(deviceIdOfRawPublicKey(pair.spki)).rejects.toThrow(TypeError);
    await expect(deviceIdOfRawPublicKey(new Uint8Array(31))).rejects.toThrow(TypeError);
  });
});

describe('Ed25519 signatures (WebCrypto) interoperate with node:crypto', () => {
  const pair = nodeKeyPair();
  const payload = 'v3|id|cli|cli|operator||1|tok|nonce|linux|';

  it('verifies a signature made by node:crypto, given the key as PEM, raw or base64url', async () => {
    const signature = base64UrlEncode(new Uint8Array(nodeSign(null, Buffer.from(payload), pair.privateKey)));
    expect(await verifyDevicePayload(pair.pem, payload, signature)).toBe(true);
    expect(await verifyDevicePayload(pair.raw, payload, signature)).toBe(true);
    expect(await verifyDevicePayload(base64UrlEncode(pair.raw), payload, signature)).toBe(true);
    const standard = Buffer.from(base64UrlDecode(signature) as Uint8Array).toString('base64');
    expect(await verifyDevicePayload(pair.raw, payload, standard)).toBe(true);
  });

  it('produces signatures node:crypto verifies', async () => {
    const webKeys = (await subtleCrypto().generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPairLike;
    const raw = new Uint8Array(await subtleCrypto().exportKey('raw', webKeys.publicKey));
    const signature = await signDevicePayload(webKeys.privateKey, payload);
    const nodeKey = createPublicKey({ key: Buffer.from(rawPublicKeyToSpki(raw)), format: 'der', type: 'spki' });
    expect(nodeVerify(null, Buffer.from(payload), nodeKey, Buffer.from(base64UrlDecode(signature) as Uint8Array))).toBe(true);
  });

  it('resolves false (never rejects) for a wrong payload, wrong key, garbage signature or garbage key', async () => {
    const signature = base64UrlEncode(new Uint8Array(nodeSign(null, Buffer.from(payload), pair.privateKey)));
    expect(await verifyDevicePayload(pair.raw, `${payload}x`, signature)).toBe(false);
    expect(await verifyDevicePayload(nodeKeyPair().raw, payload, signature)).toBe(false);
    expect(await verifyDevicePayload(pair.raw, payload, 'garbage!')).toBe(false);
    expect(await verifyDevicePayload(pair.raw, payload, base64UrlEncode(new Uint8Array(63)))).toBe(false);
    expect(await verifyDevicePayload('not-a-key', payload, signature)).toBe(false);
  });
});
