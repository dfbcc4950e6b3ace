import {
  devicePairApproveMethod,
  devicePairListMethod,
  devicePairRejectMethod,
  devicePairRemoveMethod,
  devicePairRenameMethod,
  deviceTokenRevokeMethod,
  deviceTokenRotateMethod,
  ErrorCodes,
  type DevicePairRenameParams,
  type DeviceTokenRotateParams,
} from '@gatewire/protocol';
import { MethodError } from '../errors/method-error';
import type { MethodRegistry } from '../methods/method-registry';
import type { DeviceManagement } from './device-management';
import type { PairingService } from './pairing-service';

function unknownRequest(requestId: string): MethodError {
  return new MethodError(ErrorCodes.APPROVAL_NOT_FOUND, `unknown pairing request: ${requestId}`, { details: { requestId } });
}

/**
 * Register the `device.pair.*` and `device.token.*` methods (all `operator.pairing`; approvals,
 * rotations and revocations are capped by the caller's own scopes).
 */
export function registerPairMethods(registry: MethodRegistry, pairing: PairingService, management: DeviceManagement): void {
  registry.register(devicePairListMethod, () => pairing.list());
  registry.register(devicePairApproveMethod, async (params, context) => {
    const { requestId } = params as { requestId: string };
    const approved = await pairing.approve(requestId, context.connection.scopes);
    if (approved === undefined) throw unknownRequest(requestId);
    return approved;
  });
  registry.register(devicePairRejectMethod, async (params) => {
    const { requestId } = params as { requestId: string };
    const rejected = await pairing.reject(requestId);
    if (rejected === undefined) throw unknownRequest(requestId);
    return rejected;
  });
  registry.register(devicePairRemoveMethod, (params, context) => management.remove((params as { deviceId: string }).deviceId, context.connection));
  registry.register(devicePairRenameMethod, (params) => {
    const { deviceId, label } = params as DevicePairRenameParams;
    return management.rename(deviceId, label);
  });
  registry.register(deviceTokenRotateMethod, (params, context) => {
    const { deviceId, role, scopes } = params as DeviceTokenRotateParams;
    return management.rotateToken(deviceId, role, scopes, context.connection);
  });
  registry.register(deviceTokenRevokeMethod, (params, context) => {
    const { deviceId, role } = params as { deviceId: string; role: string };
    return management.revokeToken(deviceId, role, context.connection);
  });
}
