import type { CidrList } from '../net/ip-address';
import type { AuthMode, AuthOptions, TrustedProxyAuthOptions } from './auth-options';

/** The auth part of the resolved options. */
export interface ResolvedAuth {
  readonly authMode: AuthMode;
  readonly token: string | undefined;
  readonly password: string | undefined;
  readonly trustedProxyAuth: Required<TrustedProxyAuthOptions> | undefined;
}

/** Check an auth configuration and normalise it; a bad combination is a `TypeError` naming the option. */
export function resolveAuth(auth: AuthOptions, trustedProxies: CidrList): ResolvedAuth {
  const authMode = auth.mode ?? 'none';
  if (!['none', 'token', 'password', 'trusted-proxy'].includes(authMode)) throw new TypeError(`unknown auth mode: ${String(authMode)}`);
  if (authMode === 'token' && !auth.token) throw new TypeError('auth mode "token" needs a non-empty auth.token');
  if (authMode === 'password' && !auth.password) throw new TypeError('auth mode "password" needs a non-empty auth.password');
  let trustedProxyAuth: Required<TrustedProxyAuthOptions> | undefined;
  if (authMode === 'trusted-proxy') {
    if (!auth.trustedProxy?.userHeader) throw new TypeError('auth mode "trusted-proxy" needs auth.trustedProxy.userHeader');
    if (trustedProxies.length === 0) throw new TypeError('auth mode "trusted-proxy" needs at least one trustedProxies entry');
    if (auth.token !== undefined || auth.password !== undefined) {
      throw new TypeError('auth mode "trusted-proxy" cannot be combined with auth.token or auth.password');
    }
    trustedProxyAuth = {
      userHeader: auth.trustedProxy.userHeader.toLowerCase(),
      requiredHeaders: (auth.trustedProxy.requiredHeaders ?? []).map((name) => name.toLowerCase()),
      allowUsers: auth.trustedProxy.allowUsers ?? [],
      allowLoopback: auth.trustedProxy.allowLoopback ?? false,
    };
  }
  return {
    authMode,
    token: authMode === 'token' ? auth.token : undefined,
    password: authMode === 'password' ? auth.password : undefined,
    trustedProxyAuth,
  };
}
