import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writePrivateFile } from '@gatewire/protocol/node';
import { DeviceIdentity } from '../device/identity';
import type { IdentityStore, StoredDeviceToken } from '../device/identity-store';

/** Options of {@link FileIdentityStore}. */
export interface FileIdentityStoreOptions {
  /** Directory of the two files (created with mode 0700 when missing). */
  readonly directory: string;
  /** File name of the key pair (PKCS#8 + SPKI PEM, mode 0600). @default "device.pem" */
  readonly identityFile?: string;
  /** File name of the device tokens (JSON per device and role, mode 0600). @default "device-tokens.json" */
  readonly tokensFile?: string;
}

type TokenFile = Record<string, Record<string, StoredDeviceToken>>;

/**
 * An {@link IdentityStore} on disk (Node): the key pair as PEM with mode 0600, and the device tokens
 * per (device, role) in a JSON file beside it, also 0600 (also when an older file had a wider mode).
 * Every write goes to an exclusively created temporary file that is synced and renamed over the old
 * one, so a crash never leaves half a file and a failed write keeps the old contents.
 */
export class FileIdentityStore implements IdentityStore {
  readonly identityPath: string;
  readonly tokensPath: string;

  constructor(options: FileIdentityStoreOptions) {
    this.identityPath = join(options.directory, options.identityFile ?? 'device.pem');
    this.tokensPath = join(options.directory, options.tokensFile ?? 'device-tokens.json');
  }

  async loadIdentity(): Promise<DeviceIdentity | undefined> {
    const pem = await readIfExists(this.identityPath);
    return pem === undefined ? undefined : DeviceIdentity.fromPem(pem);
  }

  async saveIdentity(identity: DeviceIdentity): Promise<void> {
    const { privateKeyPem, publicKeyPem } = await identity.toPem();
    await writePrivateFile(this.identityPath, privateKeyPem + publicKeyPem);
  }

  async loadDeviceToken(deviceId: string, role: string): Promise<StoredDeviceToken | undefined> {
    return (await this.#readTokens())[deviceId]?.[role];
  }

  async saveDeviceToken(deviceId: string, token: StoredDeviceToken): Promise<void> {
    const tokens = await this.#readTokens();
    tokens[deviceId] = { ...tokens[deviceId], [token.role]: token };
    await writePrivateFile(this.tokensPath, `${JSON.stringify(tokens, null, 2)}\n`);
  }

  async clearDeviceToken(deviceId: string, role: string): Promise<void> {
    const tokens = await this.#readTokens();
    const forDevice = tokens[deviceId];
    if (forDevice?.[role] === undefined) return;
    delete forDevice[role];
    await writePrivateFile(this.tokensPath, `${JSON.stringify(tokens, null, 2)}\n`);
  }

  async #readTokens(): Promise<TokenFile> {
    const text = await readIfExists(this.tokensPath);
    if (text === undefined) return {};
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? (parsed as TokenFile) : {};
  }
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
