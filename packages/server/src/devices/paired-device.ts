import type { PairedDevice } from '@gatewire/protocol';
import type { DeviceRecord } from './device-store';

/** The values of both lists, once each, in first-seen order. */
export function union(left: readonly string[], right: readonly string[]): string[] {
  return [...new Set([...left, ...right])];
}

/** Whether two lists hold the same values (order and repeats ignored). */
export function sameSet(left: readonly string[], right: readonly string[]): boolean {
  const set = new Set(left);
  return set.size === new Set(right).size && right.every((value) => set.has(value));
}

/** The wire form of a paired device: token summaries only (a token's hash never leaves the store). */
export function toPairedDevice(record: DeviceRecord): PairedDevice {
  return {
    deviceId: record.deviceId,
    publicKey: record.publicKey,
    ...(record.displayName === undefined ? {} : { displayName: record.displayName }),
    ...(record.label === undefined ? {} : { label: record.label }),
    ...(record.platform === undefined ? {} : { platform: record.platform }),
    ...(record.clientId === undefined ? {} : { clientId: record.clientId }),
    roles: [...record.roles],
    scopes: [...record.scopes],
    approvedAtMs: record.approvedAtMs,
    tokens: Object.entries(record.tokens).map(([role, token]) => ({ role, scopes: [...token.scopes], issuedAtMs: token.issuedAtMs })),
  };
}
