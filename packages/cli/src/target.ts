import type { GatewayConfig } from './config/schema';
import { readStoredToken, type GatewayHome } from './config/home';
import { loadConfig } from './config/load';

/** Options every command that talks to a gateway accepts. */
export interface TargetFlags {
  url?: string;
  token?: string;
  password?: string;
  tlsFingerprint?: string;
  ca?: string;
  config?: string;
}

/** Where to connect and with which credentials. */
export interface Target {
  readonly url: string;
  readonly token: string | undefined;
  readonly password: string | undefined;
  readonly tlsFingerprint: string | undefined;
  /** A PEM file of extra certificate authorities to trust (`--ca`). */
  readonly caFile: string | undefined;
  /** Where each value came from, for messages (`flag`, `env`, `config`, `default`). */
  readonly source: { readonly url: string; readonly token: string };
}

/** Default port of a gateway. */
export const DEFAULT_PORT = 18789;

/**
 * Resolve the target: flags first, then `GATEWIRE_URL`/`GATEWIRE_TOKEN`/`GATEWIRE_PASSWORD`, then the
 * local gateway's own config and token file in `$GATEWIRE_HOME`.
 */
export async function resolveTarget(flags: TargetFlags, home: GatewayHome, env: NodeJS.ProcessEnv): Promise<Target> {
  const { config } = await loadConfig(home, flags.config);
  const urlFromEnv = env['GATEWIRE_URL'];
  const url = flags.url ?? urlFromEnv ?? localUrl(config);
  const urlSource = flags.url !== undefined ? 'flag' : urlFromEnv !== undefined ? 'env' : 'config';
  let token = flags.token ?? env['GATEWIRE_TOKEN'];
  let tokenSource = flags.token !== undefined ? 'flag' : token !== undefined ? 'env' : 'none';
  if (token === undefined && config.auth?.token !== undefined) {
    token = config.auth.token;
    tokenSource = 'config';
  }
  if (token === undefined && (config.auth?.mode ?? 'token') === 'token') {
    token = await readStoredToken(home);
    if (token !== undefined) tokenSource = 'token file';
  }
  const password = flags.password ?? env['GATEWIRE_PASSWORD'] ?? config.auth?.password;
  return { url, token, password, tlsFingerprint: flags.tlsFingerprint, caFile: flags.ca, source: { url: urlSource, token: tokenSource } };
}

/** The URL a local client uses to reach the gateway this config describes. */
export function localUrl(config: GatewayConfig): string {
  if (config.socketPath !== undefined) return `ws+unix://${config.socketPath}`;
  const scheme = config.tls === undefined ? 'ws' : 'wss';
  const bind = config.bind ?? 'loopback';
  const host = bind === 'loopback' || bind === 'all' || bind === '0.0.0.0' ? '127.0.0.1' : bind === '::' ? '[::1]' : hostForUrl(bind);
  return `${scheme}://${host}:${config.port ?? DEFAULT_PORT}`;
}

function hostForUrl(address: string): string {
  return address.includes(':') && !address.startsWith('[') ? `[${address}]` : address;
}
