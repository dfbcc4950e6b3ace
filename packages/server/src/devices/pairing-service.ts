import { randomUUID } from 'node:crypto';
import type { ClientInfo, DevicePairListResult, DevicePairResolvedEvent, PairedDevice, PairingRequest } from '@gatewire/protocol';
import type { DeviceRecord, DeviceStore } from './device-store';
import { deviceTokenMatches, issueDeviceToken, type IssuedDeviceToken } from './device-tokens';

/** A device asking to be paired (or to widen its approval). */
export interface PairingInput {
  readonly deviceId: string;
  readonly publicKey: string;
  readonly role: string;
  readonly scopes: readonly string[];
  readonly client: ClientInfo;
  readonly remoteIp: string;
}

/** Where the pairing service announces requests and decisions (the gateway broadcasts them). */
export interface PairingNotifier {
  requested(request: PairingRequest): void;
  resolved(event: DevicePairResolvedEvent): void;
}

function union(left: readonly string[], right: readonly string[]): string[] {
  return [...new Set([...left, ...right])];
}

/** The wire form of a paired device (tokens never leave the store). */
export function toPairedDevice(record: DeviceRecord): PairedDevice {
  return {
    deviceId: record.deviceId,
    publicKey: record.publicKey,
    ...(record.displayName === undefined ? {} : { displayName: record.displayName }),
    ...(record.platform === undefined ? {} : { platform: record.platform }),
    ...(record.clientId === undefined ? {} : { clientId: record.clientId }),
    roles: [...record.roles],
    scopes: [...record.scopes],
    approvedAtMs: record.approvedAtMs,
  };
}

/**
 * Device pairing: pending requests (in memory, one per device), approval into the
 * {@link DeviceStore}, and device tokens per (device, role).
 */
export class PairingService {
  readonly #store: DeviceStore;
  readonly #notifier: PairingNotifier;
  readonly #pending = new Map<string, PairingRequest>();

  constructor(store: DeviceStore, notifier: PairingNotifier) {
    this.#store = store;
    this.#notifier = notifier;
  }

  device(deviceId: string): Promise<DeviceRecord | undefined> {
    return this.#store.get(deviceId);
  }

  /** Open (or refresh) the pending request of a device and announce it. */
  request(input: PairingInput, isRepair: boolean): PairingRequest {
    const existing = [...this.#pending.values()].find((request) => request.deviceId === input.deviceId);
    const request: PairingRequest = {
      requestId: existing?.requestId ?? randomUUID(),
      deviceId: input.deviceId,
      publicKey: input.publicKey,
      ...(input.client.displayName === undefined ? {} : { displayName: input.client.displayName }),
      platform: input.client.platform,
      ...(input.client.deviceFamily === undefined ? {} : { deviceFamily: input.client.deviceFamily }),
      clientId: input.client.id,
      clientMode: input.client.mode,
      role: input.role,
      roles: union(existing?.roles ?? [], [input.role]),
      scopes: union(existing?.scopes ?? [], input.scopes),
      remoteIp: input.remoteIp,
      silent: false,
      isRepair,
      ts: Date.now(),
    };
    this.#pending.set(request.requestId, request);
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
    const paired = await this.#store.list();
    return { pending: [...this.#pending.values()], paired: paired.map(toPairedDevice) };
  }

  /** Approve a pending request; `undefined` when there is no such request. */
  async approve(requestId: string): Promise<{ requestId: string; device: PairedDevice } | undefined> {
    const request = this.#pending.get(requestId);
    if (request === undefined) return undefined;
    this.#pending.delete(requestId);
    const existing = await this.#store.get(request.deviceId);
    const record: DeviceRecord = {
      deviceId: request.deviceId,
      publicKey: request.publicKey,
      displayName: request.displayName ?? existing?.displayName,
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
  reject(requestId: string): { requestId: string; deviceId: string } | undefined {
    const request = this.#pending.get(requestId);
    if (request === undefined) return undefined;
    this.#pending.delete(requestId);
    this.#notifier.resolved({ requestId, deviceId: request.deviceId, decision: 'rejected', ts: Date.now() });
    return { requestId, deviceId: request.deviceId };
  }

  /** Issue (or rotate) the device token of a device and role. */
  async issueToken(record: DeviceRecord, role: string, scopes: readonly string[]): Promise<IssuedDeviceToken> {
    const issued = issueDeviceToken(scopes);
    await this.#store.put({ ...record, tokens: { ...record.tokens, [role]: issued.stored } });
    return issued;
  }

  /** Whether `token` is the device token of this device and role. */
  tokenMatches(record: DeviceRecord | undefined, role: string, token: string): boolean {
    return deviceTokenMatches(token, record?.tokens[role]);
  }
}
