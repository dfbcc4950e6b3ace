import type { AuthMode } from '../options/auth-options';
import type { CredentialCheck } from './credentials';

/**
 * The kind of credential an authentication attempt used. Failures are counted, and addresses locked
 * out, per kind and client address: a flood of wrong shared tokens from an address does not lock out
 * the device tokens used from that address, and the reverse.
 */
export type CredentialKind = 'token' | 'password' | 'device-token' | 'trusted-proxy' | 'none';

/**
 * The kind of credential a connect's check is about, or `undefined` when it presented none (a
 * refusal that is not counted as a failure). A secret in `auth.token` sent with a device can be the
 * shared token or the device's token; it counts as a shared-secret guess.
 */
export function credentialKindOf(authMode: AuthMode, check: CredentialCheck): CredentialKind | undefined {
  if (check.kind === 'refused' && !check.countsAsFailure) return undefined;
  if (check.kind === 'device-token' && check.failure === 'device_token_mismatch') return 'device-token';
  return authMode;
}

/** Every credential kind a gateway in `authMode` accepts: an address locked out for all of them can do nothing. */
export function acceptedCredentialKinds(authMode: AuthMode): readonly CredentialKind[] {
  return authMode === 'token' || authMode === 'password' ? [authMode, 'device-token'] : [authMode];
}

/** The rate limiter's key of a credential kind and client address. */
export function lockoutKey(kind: CredentialKind, clientIp: string): string {
  return `${kind} ${clientIp}`;
}
