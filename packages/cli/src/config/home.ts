import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { writePrivateFile } from '@gatewire/protocol/node';

/** Files of a gateway home directory. */
export interface GatewayHome {
  readonly dir: string;
  readonly tokenFile: string;
  readonly devicesFile: string;
  /** Paired nodes and pending node pairing requests (`nodes.json`). */
  readonly nodesFile: string;
  readonly configCandidates: readonly string[];
}

/** `$GATEWIRE_HOME`, or `~/.gatewire`. */
export function resolveHome(env: NodeJS.ProcessEnv = process.env): GatewayHome {
  const dir = env['GATEWIRE_HOME'] && env['GATEWIRE_HOME'].length > 0 ? env['GATEWIRE_HOME'] : join(homedir(), '.gatewire');
  return {
    dir,
    tokenFile: join(dir, 'token'),
    devicesFile: join(dir, 'devices.json'),
    nodesFile: join(dir, 'nodes.json'),
    configCandidates: ['config.yaml', 'config.yml', 'config.json'].map((name) => join(dir, name)),
  };
}

/** A new shared token: 32 random bytes as 64 hex characters. */
export function generateToken(): string {
  return randomBytes(32).toString('hex');
}

/** Read the stored token, or `undefined` when there is none. */
export async function readStoredToken(home: GatewayHome): Promise<string | undefined> {
  try {
    const text = (await readFile(home.tokenFile, 'utf8')).trim();
    return text.length > 0 ? text : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * The stored token, creating the home directory (0700) and a new token file (0600) on first use.
 * `created` says whether this call generated it (the CLI prints a new token once).
 */
export async function ensureToken(home: GatewayHome): Promise<{ token: string; created: boolean }> {
  const existing = await readStoredToken(home);
  if (existing !== undefined) return { token: existing, created: false };
  const token = generateToken();
  await storeToken(home, token);
  return { token, created: true };
}

/** Replace the stored token with a new one. */
export async function resetToken(home: GatewayHome): Promise<string> {
  const token = generateToken();
  await storeToken(home, token);
  return token;
}

/** Write `token` to the token file (0600), creating the home directory (0700). */
export async function storeToken(home: GatewayHome, token: string): Promise<void> {
  await writePrivateFile(home.tokenFile, `${token}\n`);
}
