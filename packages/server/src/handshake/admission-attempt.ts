import type { AuthMethod, ConnectParams, Role } from '@gatewire/protocol';
import { lockoutKey, type CredentialKind } from '../auth/credential-kind';
import type { AuthRateLimiter } from '../auth/rate-limiter';
import type { Connection } from '../connection/connection';
import type { HelloDeviceToken, PairingService } from '../devices/pairing-service';
import type { ResolvedGatewayOptions } from '../options/resolve-options';
import type { ConnectRefusal } from './connect-refusal';

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

/** One `connect` being admitted: what every step after the credential check reads. */
export interface AdmissionAttempt {
  readonly connection: Connection;
  readonly params: ConnectParams;
  readonly deps: AdmissionDependencies;
  readonly options: ResolvedGatewayOptions;
  readonly role: Role;
  readonly requested: readonly string[];
  /** The credential kind whose failures this attempt counts (`undefined`: not counted). */
  readonly credentialKind: CredentialKind | undefined;
}

/**
 * Refuse with a failure that counts against the lockout: record it (telling the gateway when it
 * locks the address out), then throw `refusal`, after the failure delay when there is one (the
 * returned promise rejects with it).
 */
export function refuseCounted(attempt: AdmissionAttempt, refusal: ConnectRefusal): Promise<never> {
  const kind = attempt.credentialKind;
  if (kind !== undefined) {
    const { clientIp, isLoopbackClient } = attempt.connection.address;
    const outcome = attempt.deps.rateLimiter.recordFailure(lockoutKey(kind, clientIp), isLoopbackClient);
    if (outcome.lockedForMs > 0) attempt.deps.lockedOut(clientIp, outcome.lockedForMs);
    if (outcome.delayMs > 0) {
      return attempt.deps.delay(outcome.delayMs).then(() => {
        throw refusal;
      });
    }
  }
  throw refusal;
}

/** The attempt succeeded: its credential kind's failures from this address are forgotten (no key is built while none are on record). */
export function admitted(attempt: AdmissionAttempt): void {
  const { credentialKind } = attempt;
  const { rateLimiter } = attempt.deps;
  if (credentialKind !== undefined && !rateLimiter.isEmpty) rateLimiter.recordSuccess(lockoutKey(credentialKind, attempt.connection.address.clientIp));
}
