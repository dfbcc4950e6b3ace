import { chmod, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deriveDeviceId, verifyDevicePayload } from '@gatewire/protocol/lite';
import { describe, expect, it } from 'vitest';
import { DeviceIdentity, FileIdentityStore, MemoryIdentityStore } from '../src/node';
import { onCleanup } from './helpers/cleanup';

async function temporaryDirectory(): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'gatewire-client-'));
  onCleanup(() => rm(directory, { recursive: true, force: true }));
  return directory;
}

describe('DeviceIdentity', () => {
  it('generates an Ed25519 identity whose id is sha256 of the raw public key', async () => {
    const identity = await DeviceIdentity.generate();
    expect(identity.deviceId).toMatch(/^[0-9a-f]{64}$/);
    expect(identity.publicKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await deriveDeviceId(identity.publicKey)).toBe(identity.deviceId);
    const signature = await identity.sign('v3|payload');
    expect(await verifyDevicePayload(identity.publicKey, 'v3|payload', signature)).toBe(true);
  });

  it('round-trips through PEM (PKCS#8 + SPKI), with or without the public block', async () => {
    const identity = await DeviceIdentity.generate();
    const { privateKeyPem, publicKeyPem } = await identity.toPem();
    expect(privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    const both = await DeviceIdentity.fromPem(privateKeyPem, publicKeyPem);
    const derived = await DeviceIdentity.fromPem(privateKeyPem);
    expect(both.deviceId).toBe(identity.deviceId);
    expect(derived.publicKey).toBe(identity.publicKey);
    expect(await verifyDevicePayload(identity.publicKey, 'x', await derived.sign('x'))).toBe(true);
  });

  it('refuses a key pair that is not Ed25519 (its raw public key is not 32 bytes)', async () => {
    const ecdsa = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
    await expect(DeviceIdentity.fromKeyPair(ecdsa)).rejects.toThrow(TypeError);
  });

  it('keeps non-extractable keys non-extractable', async () => {
    const identity = await DeviceIdentity.generate({ extractable: false });
    expect(identity.keyPair.privateKey.extractable).toBe(false);
    await expect(identity.toPem()).rejects.toThrow(/not extractable/);
    await expect(DeviceIdentity.fromPem('no pem here')).rejects.toThrow(TypeError);
  });
});

describe('identity stores', () => {
  it('memory store keeps the identity and a token per role', async () => {
    const store = new MemoryIdentityStore();
    const identity = await DeviceIdentity.generate();
    await store.saveIdentity(identity);
    await store.saveDeviceToken(identity.deviceId, { token: 'op', role: 'operator', scopes: ['operator.read'] });
    await store.saveDeviceToken(identity.deviceId, { token: 'nd', role: 'node', scopes: [] });
    expect(await store.loadIdentity()).toBe(identity);
    expect((await store.loadDeviceToken(identity.deviceId, 'operator'))?.token).toBe('op');
    expect((await store.loadDeviceToken(identity.deviceId, 'node'))?.token).toBe('nd');
    await store.clearDeviceToken(identity.deviceId, 'node');
    expect(await store.loadDeviceToken(identity.deviceId, 'node')).toBeUndefined();
  });

  it('file store writes PEM and tokens with mode 0600, atomically, and reads them back', async () => {
    const directory = await temporaryDirectory();
    const store = new FileIdentityStore({ directory: join(directory, 'nested') });
    expect(await store.loadIdentity()).toBeUndefined();
    const identity = await DeviceIdentity.generate();
    await store.saveIdentity(identity);
    await store.saveDeviceToken(identity.deviceId, { token: 'op', role: 'operator', scopes: ['operator.admin'], issuedAtMs: 5 });
    await store.saveDeviceToken(identity.deviceId, { token: 'nd', role: 'node', scopes: [] });
    expect((await stat(store.identityPath)).mode & 0o777).toBe(0o600);
    expect((await stat(store.tokensPath)).mode & 0o777).toBe(0o600);
    expect(await readFile(store.identityPath, 'utf8')).toContain('-----BEGIN PRIVATE KEY-----');

    const reopened = new FileIdentityStore({ directory: join(directory, 'nested') });
    expect((await reopened.loadIdentity())?.deviceId).toBe(identity.deviceId);
    expect(await reopened.loadDeviceToken(identity.deviceId, 'operator')).toEqual({ token: 'op', role: 'operator', scopes: ['operator.admin'], issuedAtMs: 5 });
    await reopened.clearDeviceToken(identity.deviceId, 'operator');
    expect(await store.loadDeviceToken(identity.deviceId, 'operator')).toBeUndefined();
    expect((await store.loadDeviceToken(identity.deviceId, 'node'))?.token).toBe('nd');
    const { readdir } = await import('node:fs/promises');
    expect((await readdir(join(directory, 'nested'))).sort()).toEqual(['device-tokens.json', 'device.pem']);
  });

  it('file store leaves 0600 over an older 0644 file, and keeps the old file when a write fails', async () => {
    const directory = await temporaryDirectory();
    const store = new FileIdentityStore({ directory });
    await writeFile(store.tokensPath, '{}\n');
    await chmod(store.tokensPath, 0o644);
    await store.saveDeviceToken('device', { token: 'op', role: 'operator', scopes: [] });
    expect((await stat(store.tokensPath)).mode & 0o777).toBe(0o600);

    // A valid 240-character file name whose temporary sibling's name is too long: the write fails.
    const failing = new FileIdentityStore({ directory, tokensFile: 't'.repeat(240) });
    await writeFile(failing.tokensPath, '{}\n', { mode: 0o600 });
    await expect(failing.saveDeviceToken('device', { token: 'op', role: 'operator', scopes: [] })).rejects.toMatchObject({ code: 'ENAMETOOLONG' });
    expect(await readFile(failing.tokensPath, 'utf8')).toBe('{}\n');
    expect((await readdir(directory)).sort()).toEqual(['device-tokens.json', 't'.repeat(240)]);
  });
});
