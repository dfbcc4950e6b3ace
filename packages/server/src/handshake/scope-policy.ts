import { expandScopes, type AuthMethod, type ConnectParams } from '@gatewire/protocol';

/** Where a device-less operator connects from. */
export interface DeviceLessOrigin {
  /** A loopback peer that sent no forwarding header. */
  readonly isDirectLocal: boolean;
  /** The upgrade carried an `Origin` header: a web page opened the socket. */
  readonly hasBrowserOrigin: boolean;
}

/**
 * Effective scopes of an operator that presented no device. The reference clears them to `[]`,
 * except for the local CLI (`cli`/`cli`) and a local backend client (`gateway-client`/`backend`)
 * on a direct local connection that is not a browser (no `Origin` header: any local web page can
 * claim those client ids), and where a trusted proxy or the host's hook vouched for the caller.
 */
export function deviceLessOperatorScopes(
  params: ConnectParams,
  requested: readonly string[],
  origin: DeviceLessOrigin,
  method: AuthMethod,
  verifiedByHook: boolean,
): string[] {
  if (method === 'trusted-proxy' || verifiedByHook) return [...requested];
  if (!origin.isDirectLocal || origin.hasBrowserOrigin) return [];
  const { id, mode } = params.client;
  const localCli = id === 'cli' && mode === 'cli';
  const localBackend = id === 'gateway-client' && mode === 'backend';
  return localCli || localBackend ? [...requested] : [];
}

/** Whether every requested scope is held by `granted` (implications applied only when one is not granted as such). */
export function scopesCovered(requested: readonly string[], granted: readonly string[]): boolean {
  if (requested.every((scope) => granted.includes(scope))) return true;
  const held = expandScopes(granted);
  return requested.every((scope) => held.has(scope));
}
