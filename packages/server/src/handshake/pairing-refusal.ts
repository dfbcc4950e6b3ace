import { CloseCodes, ErrorCodes, type PairingRequest } from '@gatewire/protocol';
import type { DeviceRecord } from '../devices/device-store';
import { ConnectRefusal, notPaired } from './connect-refusal';

/** Why a device must be (re-)approved. */
export type PairingReason = 'not-paired' | 'role-upgrade' | 'scope-upgrade';

const REQUIREMENTS: Readonly<Record<PairingReason, { requirement: string; hint: string }>> = {
  'not-paired': {
    requirement: 'device is not approved yet',
    hint: 'Approve this device from the pending pairing requests.',
  },
  'role-upgrade': {
    requirement: 'device is asking for a higher role than currently approved',
    hint: 'Review the requested role upgrade, then approve the pending request.',
  },
  'scope-upgrade': {
    requirement: 'device is asking for more scopes than currently approved',
    hint: 'Review the requested scopes, then approve the pending upgrade.',
  },
};

/** The `NOT_PAIRED` / `PAIRING_REQUIRED` refusal for a pending pairing request. */
export function pairingRequired(reason: PairingReason, request: PairingRequest, record: DeviceRecord | undefined, role: string, scopes: readonly string[]): ConnectRefusal {
  const { requirement, hint } = REQUIREMENTS[reason];
  const message = `pairing required: ${requirement}`;
  return notPaired(message, {
    details: {
      code: 'PAIRING_REQUIRED',
      reason,
      requestId: request.requestId,
      remediationHint: hint,
      deviceId: request.deviceId,
      requestedRole: role,
      requestedScopes: [...scopes],
      ...(record === undefined ? {} : { approvedRoles: [...record.roles], approvedScopes: [...record.scopes] }),
      pauseReconnect: true,
    },
    closeReason: `${message} (requestId: ${request.requestId})`,
  });
}

/** The `UNAVAILABLE` / `PAIRING_REQUESTS_FULL` refusal: no room for one more pending request (close 1013). */
export function pairingRequestsFull(maxPendingRequests: number, retryAfterMs: number): ConnectRefusal {
  return new ConnectRefusal(ErrorCodes.UNAVAILABLE, 'pairing required, but too many pairing requests are pending; retry later', CloseCodes.TRY_AGAIN_LATER, {
    details: { code: 'PAIRING_REQUESTS_FULL', maxPendingRequests },
    retryable: true,
    retryAfterMs,
  });
}
