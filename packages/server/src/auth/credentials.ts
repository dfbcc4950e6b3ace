import type { AuthMethod, ConnectParams } from '@gatewire/protocol';
import type { ResolvedGatewayOptions } from '../options/resolve-options';
import type { ClientAddress } from '../net/client-address';
import { isLoopbackAddress } from '../net/ip-address';
import { headerValue, type RequestHeaders } from '../transport/upgrade-request';
import { deviceIdentityRequired, authFailure, type AuthFailureReason } from './auth-failures';
import { secretsEqual } from './shared-secret';
import type { ConnectRefusal } from '../handshake/connect-refusal';

/** The result of the shared-secret / trusted-proxy step. */
export type CredentialCheck =
  | { readonly kind: 'accepted'; readonly method: AuthMethod; readonly user?: string | undefined }
  /** Decided later against the device store: `token` must be this device's token for the role. */
  | { readonly kind: 'device-token'; readonly token: string; readonly failure: AuthFailureReason }
  | { readonly kind: 'refused'; readonly refusal: ConnectRefusal; readonly countsAsFailure: boolean };

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.length === 0 ? undefined : value;
}

/**
 * Check the connect credentials against the auth mode. Either wire field (`token` or `password`)
 * may carry the shared secret; a secret that does not match may still be this device's token.
 */
export function checkCredentials(
  options: ResolvedGatewayOptions,
  params: ConnectParams,
  address: ClientAddress,
  headers: RequestHeaders,
): CredentialCheck {
  const auth = params.auth ?? {};
  switch (options.authMode) {
    case 'none':
      return { kind: 'accepted', method: 'none' };
    case 'trusted-proxy':
      return checkTrustedProxy(options, address, headers);
    case 'token':
    case 'password': {
      const isToken = options.authMode === 'token';
      const expected = (isToken ? options.token : options.password) as string;
      const presented = isToken ? nonEmpty(auth.token) ?? nonEmpty(auth.password) : nonEmpty(auth.password) ?? nonEmpty(auth.token);
      const deviceToken = nonEmpty(auth.deviceToken);
      if (presented !== undefined && secretsEqual(presented, expected)) return { kind: 'accepted', method: options.authMode };
      const mismatch: AuthFailureReason = isToken ? 'token_mismatch' : 'password_mismatch';
      if (deviceToken !== undefined) return { kind: 'device-token', token: deviceToken, failure: 'device_token_mismatch' };
      if (presented !== undefined && params.device !== undefined && nonEmpty(auth.token) === presented) {
        return { kind: 'device-token', token: presented, failure: mismatch };
      }
      if (presented !== undefined) {
        return { kind: 'refused', refusal: authFailure(mismatch, { canRetryWithDeviceToken: params.device !== undefined }), countsAsFailure: true };
      }
      if (params.device === undefined) return { kind: 'refused', refusal: deviceIdentityRequired(), countsAsFailure: false };
      return { kind: 'refused', refusal: authFailure(isToken ? 'token_missing' : 'password_missing'), countsAsFailure: false };
    }
  }
}

function checkTrustedProxy(options: ResolvedGatewayOptions, address: ClientAddress, headers: RequestHeaders): CredentialCheck {
  const policy = options.trustedProxyAuth;
  const fromLoopbackProxy = isLoopbackAddress(address.peerAddress);
  if (policy === undefined || !address.viaTrustedProxy || (fromLoopbackProxy && !policy.allowLoopback)) {
    return { kind: 'refused', refusal: authFailure('trusted_proxy_untrusted_source'), countsAsFailure: true };
  }
  const user = headerValue(headers, policy.userHeader)?.trim();
  const missing = [policy.userHeader, ...policy.requiredHeaders].some((name) => !headerValue(headers, name)?.trim());
  if (!user || missing) return { kind: 'refused', refusal: authFailure('trusted_proxy_missing_header'), countsAsFailure: true };
  if (policy.allowUsers.length > 0 && !policy.allowUsers.includes(user)) {
    return { kind: 'refused', refusal: authFailure('trusted_proxy_user_not_allowed'), countsAsFailure: true };
  }
  return { kind: 'accepted', method: 'trusted-proxy', user };
}
