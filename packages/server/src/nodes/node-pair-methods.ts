import {
  ErrorCodes,
  MethodErrorDetailCodes,
  nodePairApproveMethod,
  nodePairListMethod,
  nodePairRejectMethod,
  nodePairRemoveMethod,
  nodeRenameMethod,
  type NodeRenameParams,
} from '@gatewire/protocol';
import { MethodError } from '../errors/method-error';
import type { GatewayRuntime } from '../gateway/runtime';
import type { MethodRegistry } from '../methods/method-registry';
import { applyNodePairing } from './node-pairing-sync';

function unknownRequest(requestId: string): MethodError {
  return new MethodError(ErrorCodes.APPROVAL_NOT_FOUND, `unknown node pairing request: ${requestId}`, { details: { requestId } });
}

function unknownNode(nodeId: string): MethodError {
  return new MethodError(ErrorCodes.INVALID_REQUEST, `unknown node: ${nodeId}`, { details: { nodeId } });
}

/** Register `node.pair.list`, `node.pair.approve`, `node.pair.reject`, `node.pair.remove` and `node.rename`. */
export function registerNodePairMethods(registry: MethodRegistry, runtime: GatewayRuntime): void {
  registry.register(nodePairListMethod, () => runtime.nodePairing.list());
  registry.register(nodePairApproveMethod, async (params, context) => {
    const { requestId } = params as { requestId: string };
    const outcome = await runtime.nodePairing.approve(requestId, context.connection.scopes);
    if (outcome.status === 'unknown') throw unknownRequest(requestId);
    if (outcome.status === 'forbidden') {
      throw new MethodError(ErrorCodes.FORBIDDEN, `missing scope: ${outcome.missingScope}`, {
        details: { code: MethodErrorDetailCodes.MISSING_SCOPE, missingScope: outcome.missingScope, requiredScopes: [...outcome.requiredScopes], requestId },
      });
    }
    await applyNodePairing(runtime, outcome.node.nodeId, 'approval');
    return { requestId, node: outcome.node };
  });
  registry.register(nodePairRejectMethod, async (params) => {
    const { requestId } = params as { requestId: string };
    const rejected = await runtime.nodePairing.reject(requestId);
    if (rejected === undefined) throw unknownRequest(requestId);
    await applyNodePairing(runtime, rejected.nodeId, 'approval');
    return rejected;
  });
  registry.register(nodePairRemoveMethod, async (params) => {
    const { nodeId } = params as { nodeId: string };
    if (!(await runtime.nodePairing.remove(nodeId))) throw unknownNode(nodeId);
    await applyNodePairing(runtime, nodeId, 'removed');
    return { nodeId };
  });
  registry.register(nodeRenameMethod, async (params) => {
    const { nodeId, displayName } = params as NodeRenameParams;
    const name = displayName.trim();
    if (name.length === 0) throw new MethodError(ErrorCodes.INVALID_REQUEST, 'displayName must not be blank', { details: { nodeId } });
    const renamed = await runtime.nodePairing.rename(nodeId, name);
    if (renamed === undefined) throw unknownNode(nodeId);
    await applyNodePairing(runtime, nodeId, 'approval');
    return { nodeId, displayName: name };
  });
}
