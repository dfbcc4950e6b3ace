import {
  CloseCodes,
  CONTROL_UI_CLIENT_IDS,
  ErrorCodes,
  isRole,
  negotiateProtocol,
  type AuthMethod,
  type ConnectParams,
  type Role,
} from '@gatewire/protocol';
import { authFailure, controlUiDeviceIdentityRequired, deviceIdentityRequired } from '../auth/auth-failures';
import { credentialKindOf, lockoutKey } from '../auth/credential-kind';
import { checkCredentials } from '../auth/credentials';
import { checkOrigin } from '../auth/origin-policy';
import type { AuthRateLimiter } from '../auth/rate-limiter';
import type { Connection } from '../connection/connection';
import { verifyDeviceProof } from '../devices/device-proof';
import type { DeviceRecord } from '../devices/device-store';
import type { HelloDeviceToken, PairingService } from '../devices/pairing-service';
import type { ResolvedGatewayOptions } from '../options/resolve-options';
import { headerValue } from '../transport/upgrade-request';
import { ConnectRefusal, invalidRequest } from './connect-refusal';
import { pairingRequestsFull, pairingRequired, type PairingReason } from './pairing-refusal';
import { deviceLessOperatorScopes, scopesCovered } from './scope-policy';

/** A client the gateway let in: who it is and what it may do. */
export interface Admission {
  readonly role: Role;
  readonly scopes: readonly string[];
  readonly method: AuthMethod;
  readonly deviceId: string | undefined;
  readonly user: string | undefined;
  /** The device token for `hello-ok.auth`: a new one, or the valid one the client presented. */
  readonly deviceToken: HelloDeviceToken | undefined;
}

/** What admission works with. */
export interface AdmissionDependencies {
  readonly options: ResolvedGatewayOptions;
  readonly rateLimiter: AuthRateLimiter;
  readonly pairing: PairingService;
  /** Waits before a delayed failure answer; resolves early on shutdown. */
  readonly delay: (ms: number) => Promise<void>;
  /** Told when a failure locks `clientIp` out (not for loopback addresses, which are delayed instead). */
  readonly lockedOut: (clientIp: string, lockedForMs: number) => void;
}

/**
 * Run the handshake checks in the reference order (protocol, role, origin, credentials, the
 * missing-device policy, device proof, device token, pairing) and return the admission, or throw
 * the {@link ConnectRefusal} to answer.
 */
export async function admitConnect(connection: Connection, params: ConnectParams, deps: AdmissionDependencies): Promise<Admission> {
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
  const kind = credentialKindOf(options.authMode, credentials);
  const key = kind === undefined ? undefined : lockoutKey(kind, clientIp);
  const failed = async (refusal: ConnectRefusal): Promise<never> => {
    if (key !== undefined) {
      const outcome = rateLimiter.recordFailure(key, isLoopbackClient);
      if (outcome.lockedForMs > 0) deps.lockedOut(clientIp, outcome.lockedForMs);
      if (outcome.delayMs > 0) await deps.delay(outcome.delayMs);
    }
    throw refusal;
  };
  const succeeded = () => {
    if (key !== undefined) rateLimiter.recordSuccess(key);
  };
  const lockedForMs = key === undefined ? 0 : rateLimiter.lockedForMs(key, isLoopbackClient);
  if (lockedForMs > 0) throw authFailure('rate_limited', { retryAfterMs: lockedForMs });

  if (credentials.kind === 'refused') {
    if (credentials.countsAsFailure) return failed(credentials.refusal);
    throw credentials.refusal;
  }
  let method: AuthMethod = credentials.kind === 'accepted' ? credentials.method : 'device-token';
  let user = credentials.kind === 'accepted' ? credentials.user : undefined;
  let grantedByHook: readonly string[] | undefined;
  if (options.authenticate && credentials.kind === 'accepted') {
    const verdict = await options.authenticate({
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
    if (!verdict.ok) return failed(authFailure('unauthorized', verdict.message === undefined ? {} : { message: `unauthorized: ${verdict.message}` }));
    user = verdict.user ?? user;
    method = verdict.method ?? (method === 'none' ? 'token' : method);
    grantedByHook = verdict.scopes ?? requested;
  }

  const device = params.device;
  if (device === undefined) {
    if (credentials.kind === 'device-token' || role === 'node') throw deviceIdentityRequired();
    const trusted = method === 'trusted-proxy' || options.authMode === 'none';
    if (CONTROL_UI_CLIENT_IDS.includes(params.client.id) && !trusted) throw controlUiDeviceIdentityRequired();
    const base = grantedByHook ?? requested;
    const hasBrowserOrigin = headerValue(connection.request.headers, 'origin') !== undefined;
    const scopes = deviceLessOperatorScopes(params, base, { isDirectLocal: connection.address.isDirectLocal, hasBrowserOrigin }, method, grantedByHook !== undefined);
    succeeded();
    return { role, scopes, method, deviceId: undefined, user, deviceToken: undefined };
  }

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
  let record = await deps.pairing.device(verified.deviceId);

  if (credentials.kind === 'device-token') {
    if (!deps.pairing.tokenMatches(record, role, credentials.token)) return failed(authFailure(credentials.failure));
    const tokenScopes = record?.tokens[role]?.scopes ?? [];
    if (!scopesCovered(requested, tokenScopes)) throw authFailure('scope_mismatch');
    succeeded();
    return { role, scopes: [...requested], method, deviceId: verified.deviceId, user, deviceToken: undefined };
  }

  const reason = pairingReason(record, role, requested);
  if (reason !== undefined) {
    const input = { deviceId: verified.deviceId, publicKey: verified.publicKey, role, scopes: requested, client: params.client, remoteIp: clientIp };
    if (!connection.address.isDirectLocal) {
      const outcome = await deps.pairing.request(input, record !== undefined);
      if (!outcome.ok) throw pairingRequestsFull(outcome.maxPendingRequests, outcome.retryAfterMs);
      throw pairingRequired(reason, outcome.request, record, role, requested);
    }
    record = await deps.pairing.pairSilently(input);
  }
  const presented = params.auth?.deviceToken;
  const deviceToken = await deps.pairing.ensureToken(record as DeviceRecord, role, requested, presented === '' ? undefined : presented);
  succeeded();
  return { role, scopes: [...requested], method, deviceId: verified.deviceId, user, deviceToken };
}

function pairingReason(record: DeviceRecord | undefined, role: string, scopes: readonly string[]): PairingReason | undefined {
  if (record === undefined) return 'not-paired';
  if (!record.roles.includes(role)) return 'role-upgrade';
  if (!scopesCovered(scopes, record.scopes)) return 'scope-upgrade';
  return undefined;
}
