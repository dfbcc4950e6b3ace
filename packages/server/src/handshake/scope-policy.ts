import { expandScopes, type AuthMethod, type ConnectParams } from '@gatewire/protocol';

/**
 * Effective scopes of an operator that presented no device. The reference clears them to `[]`,
 * except for the local CLI (`cli`/`cli` on a direct local connection) and a local backend client
 * (`gateway-client`/`backend`), and where a trusted proxy or the host's hook vouched for the caller.
 */
export function deviceLessOperatorScopes(
  params: ConnectParams,
  requested: readonly string[],
  isDirectLocal: boolean,
  method: AuthMethod,
  verifiedByHook: boolean,
): string[] {
  const { id, mode } = params.client;
  const localCli = id === 'cli' && mode === 'cli' && isDirectLocal;
  const localBackend = id === 'gateway-client' && mode === 'backend' && isDirectLocal;
  if (localCli || localBackend || method === 'trusted-proxy' || verifiedByHook) return [...requested];
  return [];
}

/** Whether every requested scope is held by `granted` (implications applied). */
export function scopesCovered(requested: readonly string[], granted: readonly string[]): boolean {
  const held = expandScopes(granted);
  return requested.every((scope) => held.has(scope));
}
