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

/** Where the pairing service announces requests and decisions (the gateway broadcasts them). */
export interface PairingNotifier {
  requested(request: PairingRequest): void;
  resolved(event: DevicePairResolvedEvent): void;
}

/**
 * Device pairing: pending requests (one per device, kept in the {@link DeviceStore} so they survive
 * a restart), approval into the store, and device tokens per (device, role).
 */
export class PairingService {
  readonly #store: DeviceStore;
  readonly #notifier: PairingNotifier;

  constructor(store: DeviceStore, notifier: PairingNotifier) {
    this.#store = store;
    this.#notifier = notifier;
  }

  device(deviceId: string): Promise<DeviceRecord | undefined> {
    return this.#store.get(deviceId);
  }

  /**
   * Open the pending request of a device and announce it. A request never changes what it asks
   * for: the same role and scopes again refresh the existing request (same `requestId`); anything
   * else opens a new request and supersedes the old one (resolved `rejected`, `reason:
   * "superseded"`), so an approver approves exactly the request it looked at.
   */
  async request(input: PairingInput, isRepair: boolean): Promise<PairingRequest> {
    const existing = (await this.#store.listPending()).find((request) => request.deviceId === input.deviceId);
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
      ts: Date.now(),
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
    return request;
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
    const [pending, paired] = await Promise.all([this.#store.listPending(), this.#store.list()]);
    return { pending, paired: paired.map(toPairedDevice) };
  }

  /**
   * Approve a pending request for a caller holding `approverScopes`; `undefined` when there is no
   * such request. Throws the `FORBIDDEN` error of {@link checkGrantCeiling} (the request stays
   * pending) when the request asks for a scope or role the approver may not grant.
   */
  async approve(requestId: string, approverScopes: readonly string[]): Promise<{ requestId: string; device: PairedDevice } | undefined> {
    const pending = await this.#store.getPending(requestId);
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
    const widened = union(existing.scopes, scopes);
    if (widened.length !== existing.scopes.length) {
      await this.#store.put({ ...record, tokens: { ...record.tokens, [role]: { ...existing, scopes: widened } } });
    }
    if (presented === undefined || !deviceTokenMatches(presented, existing)) return undefined;
    return { token: presented, issuedAtMs: existing.issuedAtMs };
  }

  /** Whether `token` is the device token of this device and role. */
  tokenMatches(record: DeviceRecord | undefined, role: string, token: string): boolean {
    return deviceTokenMatches(token, record?.tokens[role]);
  }
}
