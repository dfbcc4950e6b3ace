import {
  ErrorCodes,
  MethodErrorDetailCodes,
  type DevicePairChangedEvent,
  type DevicePairRemoveResult,
  type DevicePairRenameResult,
  type DeviceTokenRevokeResult,
  type DeviceTokenRotateResult,
} from '@gatewire/protocol';
import { MethodError } from '../errors/method-error';
import { checkGrantCeiling } from './approval-ceiling';
import type { DeviceRecord, DeviceStore } from './device-store';
import { issueDeviceToken } from './device-tokens';

/** Which live sockets of a device to close, and why (the close reason). */
export interface DeviceSocketSelector {
  readonly deviceId: string;
  /** Only sockets of this role. @default every role */
  readonly role?: string;
  /** Only sockets that authenticated with the device token (rotation and revocation). */
  readonly deviceTokenOnly?: boolean;
  readonly reason: string;
  /** The socket of the caller: closed only after its answer is written. */
  readonly callerConnId?: string | undefined;
}

/** Who calls a management method: its scopes (the ceiling) and its socket. */
export interface ManagementCaller {
  readonly scopes: readonly string[];
  readonly connId: string;
}

/** What device management tells the gateway: events to broadcast, sockets to close. */
export interface DeviceManagementHost {
  changed(event: DevicePairChangedEvent): void;
  /** Close the selected sockets with 4001; returns how many closed. */
  closeDeviceSockets(selector: DeviceSocketSelector): number;
}

function deviceNotFound(deviceId: string, role?: string): MethodError {
  const what = role === undefined ? `unknown device: ${deviceId}` : `device ${deviceId} has no token for role ${role}`;
  return new MethodError(ErrorCodes.INVALID_REQUEST, what, {
    details: { code: MethodErrorDetailCodes.DEVICE_NOT_FOUND, deviceId, ...(role === undefined ? {} : { role }) },
  });
}

/**
 * The lifecycle of paired devices: remove, rename, rotate and revoke device tokens. Each change is
 * announced with `device.pair.changed`; removal and revocation close the sockets that lost their
 * credential with 4001 (rotation closes the sockets that used the old token).
 */
export class DeviceManagement {
  readonly #store: DeviceStore;
  readonly #host: DeviceManagementHost;

  constructor(store: DeviceStore, host: DeviceManagementHost) {
    this.#store = store;
    this.#host = host;
  }

  async #record(deviceId: string): Promise<DeviceRecord> {
    const record = await this.#store.get(deviceId);
    if (record === undefined) throw deviceNotFound(deviceId);
    return record;
  }

  /** Forget a device and close every socket it has open ("device removed"). */
  async remove(deviceId: string, caller: ManagementCaller): Promise<DevicePairRemoveResult> {
    const record = await this.#record(deviceId);
    const refusal = checkGrantCeiling(caller.scopes, { roles: record.roles, scopes: [] });
    if (refusal !== undefined) throw refusal;
    await this.#store.delete(deviceId);
    const removedAtMs = Date.now();
    this.#host.closeDeviceSockets({ deviceId, reason: 'device removed', callerConnId: caller.connId });
    this.#host.changed({ deviceId, change: 'removed', ts: removedAtMs });
    return { deviceId, removedAtMs };
  }

  /** Set the operator label of a device (trimmed; an empty label is refused). */
  async rename(deviceId: string, label: string): Promise<DevicePairRenameResult> {
    const trimmed = label.trim();
    if (trimmed.length === 0) throw new MethodError(ErrorCodes.INVALID_REQUEST, 'invalid device.pair.rename params: label is empty');
    const record = await this.#record(deviceId);
    await this.#store.put({ ...record, label: trimmed });
    this.#host.changed({ deviceId, change: 'renamed', ts: Date.now() });
    return { deviceId, label: trimmed };
  }

  /**
   * Replace the token of a device and role. The new token's scopes (`scopes`, else the current
   * token's, else the device's approved scopes) must be within the device's approval and within
   * the caller's own scopes (a role other than `operator` needs `operator.admin`). Sockets that
   * authenticated with the old token close 4001 "device token rotated".
   */
  async rotateToken(deviceId: string, role: string, scopes: readonly string[] | undefined, caller: ManagementCaller): Promise<DeviceTokenRotateResult> {
    const record = await this.#record(deviceId);
    if (!record.roles.includes(role)) throw deviceNotFound(deviceId, role);
    const granted = [...new Set(scopes ?? record.tokens[role]?.scopes ?? record.scopes)];
    const beyondApproval = granted.find((scope) => !record.scopes.includes(scope));
    if (beyondApproval !== undefined) {
      throw new MethodError(ErrorCodes.INVALID_REQUEST, `scope ${beyondApproval} is not approved for device ${deviceId}`, {
        details: { code: MethodErrorDetailCodes.MISSING_SCOPE, missingScope: beyondApproval, approvedScopes: [...record.scopes] },
      });
    }
    const refusal = checkGrantCeiling(caller.scopes, { roles: [role], scopes: granted });
    if (refusal !== undefined) throw refusal;
    const issued = issueDeviceToken(granted);
    await this.#store.put({ ...record, tokens: { ...record.tokens, [role]: issued.stored } });
    this.#host.closeDeviceSockets({ deviceId, role, deviceTokenOnly: true, reason: 'device token rotated', callerConnId: caller.connId });
    this.#host.changed({ deviceId, change: 'token-rotated', role, ts: issued.stored.issuedAtMs });
    return { deviceId, role, token: issued.token, scopes: granted, rotatedAtMs: issued.stored.issuedAtMs, tokenDelivery: 'in-band' };
  }

  /**
   * Revoke the token of a device and role (the caller must hold the token's scopes; a role other
   * than `operator` needs `operator.admin`). Sockets that authenticated with it close 4001 "device
   * token revoked". The device stays paired: its next shared-secret connect gets a new token.
   */
  async revokeToken(deviceId: string, role: string, caller: ManagementCaller): Promise<DeviceTokenRevokeResult> {
    const record = await this.#record(deviceId);
    // Own keys only: `role` is the caller's string, and `constructor` must not find Object.prototype's.
    const token = Object.hasOwn(record.tokens, role) ? record.tokens[role] : undefined;
    if (token === undefined) throw deviceNotFound(deviceId, role);
    const refusal = checkGrantCeiling(caller.scopes, { roles: [role], scopes: token.scopes });
    if (refusal !== undefined) throw refusal;
    const tokens = Object.fromEntries(Object.entries(record.tokens).filter(([tokenRole]) => tokenRole !== role));
    await this.#store.put({ ...record, tokens });
    const revokedAtMs = Date.now();
    this.#host.closeDeviceSockets({ deviceId, role, deviceTokenOnly: true, reason: 'device token revoked', callerConnId: caller.connId });
    this.#host.changed({ deviceId, change: 'token-revoked', role, ts: revokedAtMs });
    return { deviceId, role, revokedAtMs };
  }
}
