import { CloseCodes } from '@gatewire/protocol';
import type { Connection } from '../connection/connection';
import { parseCidrList } from '../net/ip-address';
import type { GatewayOptions } from './gateway-options';
import { resolveAuth } from './resolve-auth';
import type { ResolvedGatewayOptions } from './resolve-options';

/** The options a running gateway can change without a restart (`gateway.reconfigure`). */
export type ReconfigurableOptions = Pick<GatewayOptions, 'auth' | 'allowedOrigins' | 'trustedProxies' | 'allowRealIpFallback'>;

/**
 * The options after a reconfiguration: the same checks as at construction, so an invalid update
 * throws a `TypeError` and leaves the running options untouched.
 */
export function reconfigureOptions(current: ResolvedGatewayOptions, update: ReconfigurableOptions): ResolvedGatewayOptions {
  const trustedProxies = update.trustedProxies === undefined ? current.trustedProxies : parseCidrList(update.trustedProxies);
  const auth =
    update.auth === undefined
      ? resolveAuth(
          { mode: current.authMode, ...authSecrets(current), ...(current.trustedProxyAuth ? { trustedProxy: current.trustedProxyAuth } : {}) },
          trustedProxies,
        )
      : resolveAuth(update.auth, trustedProxies);
  return {
    ...current,
    ...auth,
    trustedProxies,
    allowedOrigins: update.allowedOrigins ?? current.allowedOrigins,
    allowRealIpFallback: update.allowRealIpFallback ?? current.allowRealIpFallback,
  };
}

/** Whether the shared secret (mode, token or password) differs between two option sets. */
export function sharedSecretChanged(before: ResolvedGatewayOptions, after: ResolvedGatewayOptions): boolean {
  return before.authMode !== after.authMode || before.token !== after.token || before.password !== after.password;
}

function authSecrets(options: ResolvedGatewayOptions): { token?: string; password?: string } {
  return {
    ...(options.token === undefined ? {} : { token: options.token }),
    ...(options.password === undefined ? {} : { password: options.password }),
  };
}

/**
 * Close (4001 "gateway auth changed") the connections that logged in with the shared secret (token or
 * password), except `keepConnIds`; device-token sessions stay. Returns how many were closed.
 */
export function closeSharedSecretSessions(connections: Iterable<Connection>, keepConnIds: ReadonlySet<string>): number {
  let closed = 0;
  for (const connection of [...connections]) {
    const method = connection.info?.authMethod;
    if ((method === 'token' || method === 'password') && !keepConnIds.has(connection.connId)) {
      connection.close(CloseCodes.AUTH_INVALIDATED, 'gateway auth changed');
      closed += 1;
    }
  }
  return closed;
}
