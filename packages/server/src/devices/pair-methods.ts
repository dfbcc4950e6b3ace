import { devicePairApproveMethod, devicePairListMethod, devicePairRejectMethod, ErrorCodes } from '@gatewire/protocol';
import { MethodError } from '../errors/method-error';
import type { GatewayRuntime } from '../gateway/runtime';
import type { MethodRegistry } from '../methods/method-registry';

function unknownRequest(requestId: string): MethodError {
  return new MethodError(ErrorCodes.APPROVAL_NOT_FOUND, `unknown pairing request: ${requestId}`, { details: { requestId } });
}

/** Register `device.pair.list`, `device.pair.approve` and `device.pair.reject`. */
export function registerPairMethods(registry: MethodRegistry, runtime: GatewayRuntime): void {
  registry.register(devicePairListMethod, () => runtime.pairing.list());
  registry.register(devicePairApproveMethod, async (params, context) => {
    const { requestId } = params as { requestId: string };
    const approved = await runtime.pairing.approve(requestId, context.connection.scopes);
    if (approved === undefined) throw unknownRequest(requestId);
    return approved;
  });
  registry.register(devicePairRejectMethod, (params) => {
    const { requestId } = params as { requestId: string };
    const rejected = runtime.pairing.reject(requestId);
    if (rejected === undefined) throw unknownRequest(requestId);
    return rejected;
  });
}
