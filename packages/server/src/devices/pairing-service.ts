import { randomUUID } from 'node:crypto';
import type { ClientInfo, DevicePairListResult, DevicePairResolvedEvent, PairedDevice, PairingRequest } from '@gatewire/protocol';
import { checkGrantCeiling } from './approval-ceiling';
import { sameSet, toPairedDevice, union } from './paired-device';
import type { DeviceRecord, DeviceStore } from './device-store';
import { deviceTokenMatches, issueDeviceToken } from './device-tokens';

/** A device asking to be paired (or to widen its approval). */
export interface PairingInput {
  readonly deviceId: string;
  readonly publicKey: string;
  readonly role: string;
  readonly scopes: readonly string[];
  readonly client: ClientInfo;
  readonly remoteIp: string;
}

/** A device token as `hello-ok.auth` carries it. */
export interface HelloDeviceToken {
  readonly token: string;
  readonly issuedAtMs: number;
}

/** Limits on pending requests (the gateway options `maxPendingPairingRequests` and `pairingRequestTtlMs`). */
export interface PairingLimits {
  readonly maxPendingRequests: number;
  /** A request expires this long after the device last asked, ms. */
  readonly requestTtlMs: number;
}

/** What {@link PairingService.request} did: the open request, or nothing because too many are pending. */
export type PairingRequestOutcome =
  | { readonly ok: true; readonly request: PairingRequest }
  | { readonly ok: false; readonly maxPendingRequests: number; readonly retryAfterMs: number };

/** Where the pairing service announces requests and decisions (the gateway broadcasts them). */
export interface PairingNotifier {
  requested(request: PairingRequest): void;
  resolved(event: DevicePairResolvedEvent): void;
}

/**
 * Device pairing: pending requests (one per device, kept in the {@link DeviceStore} so they survive
 * a restart; at most `maxPendingRequests`, each expiring `requestTtlMs` after the device last asked),
 * approval into the store, and device tokens per (device, role).
 */
export class PairingService {
  readonly #store: DeviceStore;
  readonly #notifier: PairingNotifier;
  readonly #limits: PairingLimits;

  constructor(store: DeviceStore, notifier: PairingNotifier, limits: PairingLimits) {
    this.#store = store;
    this.#notifier = notifier;
    this.#limits = limits;
  }

  /**
   * The pending requests that have not expired. Expired ones are dropped from the store and resolved
   * `rejected` with `reason: "expired"` (also called from the gateway's maintenance timer).
   */
  async livePending(now = Date.now()): Promise<PairingRequest[]> {
    const live: PairingRequest[] = [];
    for (const request of await this.#store.listPending()) {
      if (now - request.ts < this.#limits.requestTtlMs) live.push(request);
      else if ((await this.#store.takePending(request.requestId)) !== undefined) {
        this.#notifier.resolved({ requestId: request.requestId, deviceId: request.deviceId, decision: 'rejected', reason: 'expired', ts: now });
      }
    }
    return live;
  }

  /** A pending request that has not expired, or `undefined`. */
  async #pending(requestId: string): Promise<PairingRequest | undefined> {
    const now = Date.now();
    const pending = await this.#store.getPending(requestId);
    if (pending === undefined || now - pending.ts < this.#limits.requestTtlMs) return pending;
    await this.livePending(now);
    return undefined;
  }

  device(deviceId: string): Promise<DeviceRecord | undefined> {
    return this.#store.get(deviceId);
  }

  /**
   * Open the pending request of a device and announce it. A request never changes what it asks
   * for: the same role and scopes again refresh the existing request (same `requestId`); anything
   * else opens a new request and supersedes the old one (resolved `rejected`, `reason:
   * "superseded"`), so an approver approves exactly the request it looked at. A device without a
   * request gets none while `maxPendingRequests` are pending.
   */
  async request(input: PairingInput, isRepair: boolean): Promise<PairingRequestOutcome> {
    const now = Date.now();
    const pending = await this.livePending(now);
    const existing = pending.find((request) => request.deviceId === input.deviceId);
    if (existing === undefined && pending.length >= this.#limits.maxPendingRequests) {
      const oldest = Math.min(...pending.map((request) => request.ts));
      return { ok: false, maxPendingRequests: this.#limits.maxPendingRequests, retryAfterMs: Math.max(1, oldest + this.#limits.requestTtlMs - now) };
    }
    const roles = [input.role];
    const scopes = [...new Set(input.scopes)];
    const same = existing !== undefined && sameSet(existing.roles ?? [], roles) && sameSet(existing.scopes ?? [], scopes);
    const request: PairingRequest = {
      requestId: same ? existing.requestId : randomUUID(),
      deviceId: input.deviceId,
      publicKey: input.publicKey,
      ...(input.client.displayName === undefined ? {} : { displayName: input.client.displayName }),
      platform: input.client.platform,
      ...(input.client.deviceFamily === undefined ? {} : { deviceFamily: input.client.deviceFamily }),
      clientId: input.client.id,
      clientMode: input.client.mode,
      role: input.role,
      roles,
      scopes,
      remoteIp: input.remoteIp,
      silent: false,
      isRepair,
      ts: now,
    };
    if (existing !== undefined && !same && (await this.#store.takePending(existing.requestId)) !== undefined) {
      this.#notifier.resolved({
        requestId: existing.requestId,
        deviceId: existing.deviceId,
        decision: 'rejected',
        reason: 'superseded',
        supersededBy: request.requestId,
        ts: request.ts,
      });
    }
    await this.#store.putPending(request);
    this.#notifier.requested(request);
    return { ok: true, request };
  }

  /** Approve without asking anyone (direct local clients). */
  async pairSilently(input: PairingInput): Promise<DeviceRecord> {
    const existing = await this.#store.get(input.deviceId);
    const record: DeviceRecord = {
      deviceId: input.deviceId,
      publicKey: input.publicKey,
      displayName: input.client.displayName ?? existing?.displayName,
      label: existing?.label,
      platform: input.client.platform,
      clientId: input.client.id,
      roles: union(existing?.roles ?? [], [input.role]),
      scopes: union(existing?.scopes ?? [], input.scopes),
      approvedAtMs: existing?.approvedAtMs ?? Date.now(),
      tokens: existing?.tokens ?? {},
    };
    await this.#store.put(record);
    return record;
  }

  async list(): Promise<DevicePairListResult> {
    const [pending, paired] = await Promise.all([this.livePending(), this.#store.list()]);
    return { pending, paired: paired.map(toPairedDevice) };
  }

  /**
   * Approve a pending request for a caller holding `approverScopes`; `undefined` when there is no
   * such request. Throws the `FORBIDDEN` error of {@link checkGrantCeiling} (the request stays
   * pending) when the request asks for a scope or role the approver may not grant.
   */
  async approve(requestId: string, approverScopes: readonly string[]): Promise<{ requestId: string; device: PairedDevice } | undefined> {
    const pending = await this.#pending(requestId);
    if (pending === undefined) return undefined;
    const refusal = checkGrantCeiling(approverScopes, { roles: pending.roles ?? [], scopes: pending.scopes ?? [] });
    if (refusal !== undefined) throw refusal;
    const request = await this.#store.takePending(requestId);
    if (request === undefined) return undefined;
    const existing = await this.#store.get(request.deviceId);
    const record: DeviceRecord = {
      deviceId: request.deviceId,
      publicKey: request.publicKey,
      displayName: request.displayName ?? existing?.displayName,
      label: existing?.label,
      platform: request.platform,
      clientId: request.clientId,
      roles: union(existing?.roles ?? [], request.roles ?? []),
      scopes: union(existing?.scopes ?? [], request.scopes ?? []),
      approvedAtMs: Date.now(),
      tokens: existing?.tokens ?? {},
    };
    await this.#store.put(record);
    this.#notifier.resolved({ requestId, deviceId: request.deviceId, decision: 'approved', ts: Date.now() });
    return { requestId, device: toPairedDevice(record) };
  }

  /** Reject a pending request; `undefined` when there is no such request. */
  async reject(requestId: string): Promise<{ requestId: string; deviceId: string } | undefined> {
    if ((await this.#pending(requestId)) === undefined) return undefined;
    const request = await this.#store.takePending(requestId);
    if (request === undefined) return undefined;
    this.#notifier.resolved({ requestId, deviceId: request.deviceId, decision: 'rejected', ts: Date.now() });
    return { requestId, deviceId: request.deviceId };
  }

  /**
   * The device token of a paired device that authenticated with the shared secret. A valid token
   * is kept, never reissued (a reissue would lock out every other process or tab holding the same
   * identity): its scopes widen in place to cover `scopes` (already within the device's approval),
   * and the result is that token when the client presented it in `auth.deviceToken`, else
   * `undefined` (only the token's hash is stored, so it cannot be sent again). A device with no
   * token for the role gets a new one.
   */
  async ensureToken(record: DeviceRecord, role: string, scopes: readonly string[], presented: string | undefined): Promise<HelloDeviceToken | undefined> {
    const existing = record.tokens[role];
    if (existing === undefined) {
      const issued = issueDeviceToken(scopes);
      await this.#store.put({ ...record, tokens: { ...record.tokens, [role]: issued.stored } });
      return { token: issued.token, issuedAtMs: issued.stored.issuedAtMs };
    }
    if (!scopes.every((scope) => existing.scopes.includes(scope))) {
      await this.#store.put({ ...record, tokens: { ...record.tokens, [role]: { ...existing, scopes: union(existing.scopes, scopes) } } });
    }
    if (presented === undefined || !deviceTokenMatches(presented, existing)) return undefined;
    return { token: presented, issuedAtMs: existing.issuedAtMs };
  }

  /** Whether `token` is the device token of this device and role. */
  tokenMatches(record: DeviceRecord | undefined, role: string, token: string): boolean {
    return deviceTokenMatches(token, record?.tokens[role]);
  }
}
