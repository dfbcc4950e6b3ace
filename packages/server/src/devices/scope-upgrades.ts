import {
  ErrorCodes,
  expandScopes,
  isOperatorScope,
  MethodErrorDetailCodes,
  type DevicePairResolvedEvent,
  type ScopeUpgradeRequestResult,
  type ScopeUpgradeWaitResult,
} from '@gatewire/protocol';
import type { ConnectionInfo } from '../connection/connection-info';
import { MethodError } from '../errors/method-error';
import type { DeviceStore } from './device-store';
import { issueDeviceToken } from './device-tokens';
import type { PairingService } from './pairing-service';

/** How long `device.scopes.waitUpgrade` waits, and an undelivered decision is kept, before `expired`, ms. */
export const SCOPE_UPGRADE_WAIT_MS = 5 * 60_000;
/** Upgrade requests followed at most (oldest forgotten first: its waiter gets `expired`). */
export const MAX_TRACKED_SCOPE_UPGRADES = 1024;

interface TrackedUpgrade {
  readonly deviceId: string;
  readonly scopes: readonly string[];
  readonly createdAtMs: number;
  outcome: ScopeUpgradeWaitResult | undefined;
  readonly waiters: Set<(outcome: ScopeUpgradeWaitResult) => void>;
}

function invalid(message: string, code?: string): MethodError {
  return new MethodError(ErrorCodes.INVALID_REQUEST, message, code === undefined ? {} : { details: { code } });
}

/**
 * Live scope upgrades of operator devices: `device.scopes.requestUpgrade` opens a pairing request
 * for the calling device (an operator approves it, under the approval ceiling), and
 * `device.scopes.waitUpgrade` waits for the decision. On approval the device's operator token is
 * replaced by one for the approved scopes, handed to the waiter only: the device reconnects with it.
 */
export class ScopeUpgrades {
  readonly #store: DeviceStore;
  readonly #pairing: PairingService;
  readonly #tracked = new Map<string, TrackedUpgrade>();

  constructor(store: DeviceStore, pairing: PairingService) {
    this.#store = store;
    this.#pairing = pairing;
  }

  /** Open the upgrade request of the caller's device for `scopes` (its current scopes included). */
  async request(caller: ConnectionInfo, scopes: readonly string[]): Promise<ScopeUpgradeRequestResult> {
    const record = caller.role === 'operator' && caller.deviceId !== undefined ? await this.#store.get(caller.deviceId) : undefined;
    if (record === undefined) {
      throw invalid('device scope upgrade requires the operator connection of a paired device', MethodErrorDetailCodes.DEVICE_IDENTITY_REQUIRED);
    }
    if (!scopes.every(isOperatorScope)) throw invalid('requested scopes contain an unknown operator scope');
    const wanted = expandScopes(scopes);
    if (!caller.scopes.every((scope) => wanted.has(scope))) throw invalid("requested scopes must include the connection's current scopes");
    const outcome = await this.#pairing.request(
      { deviceId: record.deviceId, publicKey: record.publicKey, role: 'operator', scopes, client: caller.client, remoteIp: caller.clientIp },
      true,
    );
    if (!outcome.ok) {
      throw new MethodError(ErrorCodes.UNAVAILABLE, 'too many pairing requests are pending; retry later', {
        details: { code: MethodErrorDetailCodes.PAIRING_REQUESTS_FULL, maxPendingRequests: outcome.maxPendingRequests },
        retryable: true,
        retryAfterMs: outcome.retryAfterMs,
      });
    }
    const { request } = outcome;
    this.#forgetOldest();
    if (!this.#tracked.has(request.requestId)) {
      this.#tracked.set(request.requestId, { deviceId: record.deviceId, scopes: [...scopes], createdAtMs: Date.now(), outcome: undefined, waiters: new Set() });
    }
    return { requestId: request.requestId };
  }

  /** Wait for the decision on one of the caller's own upgrade requests. */
  wait(caller: ConnectionInfo, requestId: string, signal: AbortSignal): Promise<ScopeUpgradeWaitResult> {
    const tracked = this.#tracked.get(requestId);
    if (tracked === undefined || tracked.deviceId !== caller.deviceId || Date.now() - tracked.createdAtMs > SCOPE_UPGRADE_WAIT_MS) {
      return Promise.reject(invalid('scope upgrade expired or not found'));
    }
    if (tracked.outcome !== undefined) {
      this.#tracked.delete(requestId);
      return Promise.resolve(tracked.outcome);
    }
    return new Promise((resolve) => {
      const finish = (outcome: ScopeUpgradeWaitResult): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        tracked.waiters.delete(finish);
        resolve(outcome);
      };
      const onAbort = (): void => finish({ status: 'expired', requestId });
      const timer = setTimeout(onAbort, SCOPE_UPGRADE_WAIT_MS);
      signal.addEventListener('abort', onAbort, { once: true });
      tracked.waiters.add(finish);
    });
  }

  /** A pairing request was resolved: settle the upgrade it belongs to, if any. */
  async resolved(event: DevicePairResolvedEvent): Promise<void> {
    const tracked = this.#tracked.get(event.requestId);
    if (tracked === undefined) return;
    let outcome: ScopeUpgradeWaitResult = { status: 'rejected', requestId: event.requestId };
    if (event.decision === 'approved') {
      const record = await this.#store.get(tracked.deviceId);
      if (record !== undefined) {
        const issued = issueDeviceToken(tracked.scopes);
        await this.#store.put({ ...record, tokens: { ...record.tokens, operator: issued.stored } });
        outcome = { status: 'approved', requestId: event.requestId, deviceToken: issued.token, scopes: [...tracked.scopes] };
      }
    }
    if (tracked.waiters.size === 0) {
      tracked.outcome = outcome;
      return;
    }
    this.#tracked.delete(event.requestId);
    for (const waiter of [...tracked.waiters]) waiter(outcome);
  }

  #forgetOldest(): void {
    const now = Date.now();
    for (const [requestId, tracked] of this.#tracked) {
      if (this.#tracked.size < MAX_TRACKED_SCOPE_UPGRADES && now - tracked.createdAtMs <= SCOPE_UPGRADE_WAIT_MS) break;
      this.#tracked.delete(requestId);
      for (const waiter of [...tracked.waiters]) waiter({ status: 'expired', requestId });
    }
  }
}
