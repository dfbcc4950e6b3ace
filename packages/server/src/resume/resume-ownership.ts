import type { ConnectionInfo } from '../connection/connection-info';
import type { StreamOwner } from './replay-stream';

/**
 * Whether `caller` may resume a stream of `owner`: the same device when the owner had one, else the
 * same authenticated subject (auth method and user); the same role; and every scope the owner held
 * (`callerScopes` is the caller's expanded set), so a replay never shows an event the caller could
 * not receive live.
 */
export function ownsStream(owner: StreamOwner, caller: Pick<ConnectionInfo, 'role' | 'deviceId' | 'authMethod' | 'user'>, callerScopes: ReadonlySet<string>): boolean {
  if (owner.role !== caller.role) return false;
  if (owner.deviceId !== undefined) {
    if (caller.deviceId !== owner.deviceId) return false;
  } else if (caller.authMethod !== owner.authMethod || caller.user !== owner.user) {
    return false;
  }
  return owner.scopes.every((scope) => callerScopes.has(scope));
}
