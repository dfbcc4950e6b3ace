import type { AuthMethod, ConnectParams } from '@gatewire/protocol';
import { authFailure } from '../auth/auth-failures';
import type { CredentialCheck } from '../auth/credentials';
import { verifyDeviceProof, type VerifiedDevice } from '../devices/device-proof';
import type { DeviceRecord } from '../devices/device-store';
import { admitted, refuseCounted, type Admission, type AdmissionAttempt } from './admission-attempt';
import { ConnectRefusal } from './connect-refusal';
import { whenReady, type MaybePromise } from './maybe-async';
import { pairingRequestsFull, pairingRequired, type PairingReason } from './pairing-refusal';
import { scopesCovered } from './scope-policy';

/** Credentials that passed the shared-secret step (accepted, or to be checked as a device token). */
export type PassedCredentials = Exclude<CredentialCheck, { kind: 'refused' }>;

/**
 * The device steps of admission, in the reference order: the device proof (synchronous), the
 * device's record, then its device token or pairing. Waits only where the device store does.
 */
export function admitDevice(
  attempt: AdmissionAttempt,
  credentials: PassedCredentials,
  device: NonNullable<ConnectParams['device']>,
  method: AuthMethod,
  user: string | undefined,
): MaybePromise<Admission> {
  const { connection, params, options, role, requested } = attempt;
  const verified = verifyDeviceProof({
    params,
    device,
    role,
    scopes: requested,
    nonce: connection.nonce,
    skewMs: options.deviceSignatureSkewMs,
    now: Date.now(),
  });
  if (verified instanceof ConnectRefusal) throw verified;
  return whenReady(attempt.deps.pairing.device(verified.deviceId), (record) => admitKnownDevice(attempt, credentials, verified, record, method, user));
}

function admitKnownDevice(
  attempt: AdmissionAttempt,
  credentials: PassedCredentials,
  verified: VerifiedDevice,
  record: DeviceRecord | undefined,
  method: AuthMethod,
  user: string | undefined,
): MaybePromise<Admission> {
  const { connection, params, deps, role, requested } = attempt;
  if (credentials.kind === 'device-token') {
    if (!deps.pairing.tokenMatches(record, role, credentials.token)) return refuseCounted(attempt, authFailure(credentials.failure));
    const tokenScopes = record?.tokens[role]?.scopes ?? [];
    if (!scopesCovered(requested, tokenScopes)) throw authFailure('scope_mismatch');
    admitted(attempt);
    return { role, scopes: [...requested], method, deviceId: verified.deviceId, user, deviceToken: undefined };
  }
  const reason = pairingReason(record, role, requested);
  if (reason === undefined) return withDeviceToken(attempt, verified, record as DeviceRecord, method, user);
  const input = { deviceId: verified.deviceId, publicKey: verified.publicKey, role, scopes: requested, client: params.client, remoteIp: connection.address.clientIp };
  if (!connection.address.isDirectLocal) {
    return deps.pairing.request(input, record !== undefined).then((outcome) => {
      if (!outcome.ok) throw pairingRequestsFull(outcome.maxPendingRequests, outcome.retryAfterMs);
      throw pairingRequired(reason, outcome.request, record, role, requested);
    });
  }
  return deps.pairing.pairSilently(input).then((paired) => withDeviceToken(attempt, verified, paired, method, user));
}

/** A paired device that authenticated with the shared secret: admitted with its device token for `hello-ok.auth`. */
function withDeviceToken(attempt: AdmissionAttempt, verified: VerifiedDevice, record: DeviceRecord, method: AuthMethod, user: string | undefined): MaybePromise<Admission> {
  const { params, deps, role, requested } = attempt;
  const presented = params.auth?.deviceToken;
  return whenReady(deps.pairing.ensureToken(record, role, requested, presented === '' ? undefined : presented), (deviceToken) => {
    admitted(attempt);
    return { role, scopes: [...requested], method, deviceId: verified.deviceId, user, deviceToken };
  });
}

function pairingReason(record: DeviceRecord | undefined, role: string, scopes: readonly string[]): PairingReason | undefined {
  if (record === undefined) return 'not-paired';
  if (!record.roles.includes(role)) return 'role-upgrade';
  if (!scopesCovered(scopes, record.scopes)) return 'scope-upgrade';
  return undefined;
}
