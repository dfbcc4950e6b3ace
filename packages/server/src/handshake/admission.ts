import { CloseCodes, CONTROL_UI_CLIENT_IDS, ErrorCodes, isRole, negotiateProtocol, type AuthMethod, type ConnectParams, type Role } from '@gatewire/protocol';
import { authFailure, controlUiDeviceIdentityRequired, deviceIdentityRequired } from '../auth/auth-failures';
import { credentialKindOf, lockoutKey } from '../auth/credential-kind';
import { checkCredentials } from '../auth/credentials';
import { checkOrigin } from '../auth/origin-policy';
import type { Connection } from '../connection/connection';
import type { AuthenticateResult } from '../options/auth-options';
import { headerValue } from '../transport/upgrade-request';
import { admitted, refuseCounted, type Admission, type AdmissionAttempt, type AdmissionDependencies } from './admission-attempt';
import { ConnectRefusal, invalidRequest } from './connect-refusal';
import { admitDevice, type PassedCredentials } from './device-admission';
import { whenReady, type MaybePromise } from './maybe-async';
import { deviceLessOperatorScopes } from './scope-policy';

export type { Admission, AdmissionDependencies } from './admission-attempt';

/**
 * Run the handshake checks in the reference order (protocol, role, origin, credentials, the
 * missing-device policy, device proof, device token, pairing) and return the admission, or throw
 * the {@link ConnectRefusal} to answer.
 *
 * Synchronous while nothing it asks is: the admission (or the refusal, thrown) comes back in the
 * same turn on the token path, and a promise only once the `authenticate` hook or the device store
 * answers with one (or a failure is answered after its delay).
 */
export function admitConnect(connection: Connection, params: ConnectParams, deps: AdmissionDependencies): MaybePromise<Admission> {
  const { options, rateLimiter } = deps;
  const requestedRole = params.role ?? 'operator';
  const negotiated = negotiateProtocol(params.minProtocol, params.maxProtocol, { role: requestedRole, mode: params.client.mode });
  if (!negotiated.ok) {
    throw new ConnectRefusal(ErrorCodes.INVALID_REQUEST, 'protocol mismatch', CloseCodes.PROTOCOL_ERROR, { details: { ...negotiated.details } });
  }
  if (!isRole(requestedRole)) throw invalidRequest('invalid role');
  const role: Role = requestedRole;
  const originRefusal = checkOrigin(headerValue(connection.request.headers, 'origin'), options.allowedOrigins, connection.address.isDirectLocal);
  if (originRefusal) throw originRefusal;

  const { clientIp, isLoopbackClient } = connection.address;
  const requested = params.scopes ?? [];
  const credentials = checkCredentials(options, params, connection.address, connection.request.headers);
  // Failures are counted per credential kind and address. A locked-out kind is refused before the
  // check's outcome shows: the right secret is refused too while its kind is locked.
  // No failure on record anywhere (the usual case): nothing is locked out, no key to build.
  const kind = credentialKindOf(options.authMode, credentials);
  const attempt: AdmissionAttempt = { connection, params, deps, options, role, requested, credentialKind: kind };
  const lockedForMs = kind === undefined || rateLimiter.isEmpty ? 0 : rateLimiter.lockedForMs(lockoutKey(kind, clientIp), isLoopbackClient);
  if (lockedForMs > 0) throw authFailure('rate_limited', { retryAfterMs: lockedForMs });

  if (credentials.kind === 'refused') {
    if (credentials.countsAsFailure) return refuseCounted(attempt, credentials.refusal);
    throw credentials.refusal;
  }
  const method: AuthMethod = credentials.kind === 'accepted' ? credentials.method : 'device-token';
  const user = credentials.kind === 'accepted' ? credentials.user : undefined;
  if (options.authenticate && credentials.kind === 'accepted') {
    const verdict = options.authenticate({
      connId: connection.connId,
      auth: params.auth,
      client: params.client,
      role,
      requestedScopes: requested,
      clientIp,
      isDirectLocal: connection.address.isDirectLocal,
      headers: connection.request.headers,
      claimedDeviceId: params.device?.id,
    });
    return whenReady(verdict, (answer) => afterAuthenticateHook(attempt, credentials, method, user, answer));
  }
  return admitIdentity(attempt, credentials, method, user, undefined);
}

/** The `authenticate` hook answered: refuse, or go on with its user, method and scopes. */
function afterAuthenticateHook(
  attempt: AdmissionAttempt,
  credentials: PassedCredentials,
  method: AuthMethod,
  user: string | undefined,
  verdict: AuthenticateResult,
): MaybePromise<Admission> {
  if (!verdict.ok) return refuseCounted(attempt, authFailure('unauthorized', verdict.message === undefined ? {} : { message: `unauthorized: ${verdict.message}` }));
  const hookMethod = verdict.method ?? (method === 'none' ? 'token' : method);
  return admitIdentity(attempt, credentials, hookMethod, verdict.user ?? user, verdict.scopes ?? attempt.requested);
}

/** The missing-device policy (a client without a device is decided here), else the device steps. */
function admitIdentity(
  attempt: AdmissionAttempt,
  credentials: PassedCredentials,
  method: AuthMethod,
  user: string | undefined,
  grantedByHook: readonly string[] | undefined,
): MaybePromise<Admission> {
  const { connection, params, options, role, requested } = attempt;
  const device = params.device;
  if (device !== undefined) return admitDevice(attempt, credentials, device, method, user);
  if (credentials.kind === 'device-token' || role === 'node') throw deviceIdentityRequired();
  const trusted = method === 'trusted-proxy' || options.authMode === 'none';
  if (CONTROL_UI_CLIENT_IDS.includes(params.client.id) && !trusted) throw controlUiDeviceIdentityRequired();
  const base = grantedByHook ?? requested;
  const hasBrowserOrigin = headerValue(connection.request.headers, 'origin') !== undefined;
  const scopes = deviceLessOperatorScopes(params, base, { isDirectLocal: connection.address.isDirectLocal, hasBrowserOrigin }, method, grantedByHook !== undefined);
  admitted(attempt);
  return { role, scopes, method, deviceId: undefined, user, deviceToken: undefined };
}
