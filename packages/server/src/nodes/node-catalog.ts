import { expandScopes, type NodeInfo, type NodePairListResult, type NodePairRequest, type PairedNode } from '@gatewire/protocol';
import type { NodeRoute } from '../cluster/adapter';
import { approvalView } from './node-approval';
import { toNodeInfo } from './node-route';

function offlineNode(nodeId: string, paired: PairedNode | undefined, request: NodePairRequest | undefined): NodeInfo {
  const source = paired ?? request;
  const declared = paired?.commands ?? [];
  return {
    nodeId,
    ...(source?.displayName === undefined ? {} : { displayName: source.displayName }),
    ...(source?.platform === undefined ? {} : { platform: source.platform }),
    ...(source?.version === undefined ? {} : { version: source.version }),
    ...(source?.deviceFamily === undefined ? {} : { deviceFamily: source.deviceFamily }),
    ...(source?.clientId === undefined ? {} : { clientId: source.clientId }),
    ...(source?.remoteIp === undefined ? {} : { remoteIp: source.remoteIp }),
    caps: [...(paired?.caps ?? [])],
    connected: false,
    ...approvalView(declared, paired?.caps ?? [], { paired, request }),
    ...(request === undefined ? {} : { pendingDeclaredCommands: [...request.commands], pendingDeclaredCaps: [...request.caps] }),
  };
}

/** Pending-request details are shown only to callers that may act on them (`operator.pairing`). */
function withoutPendingDetails(node: NodeInfo): NodeInfo {
  const { pendingRequestId: _id, pendingDeclaredCommands: _commands, pendingDeclaredCaps: _caps, ...rest } = node;
  return rest;
}

/**
 * Every node the gateway knows: connected ones (with their approval), paired ones that are offline,
 * and, for callers with `operator.pairing`, nodes whose only trace is a pending request.
 */
export function listKnownNodes(routes: readonly NodeRoute[], pairing: NodePairListResult, callerScopes: readonly string[]): NodeInfo[] {
  const canSeePending = expandScopes(callerScopes).has('operator.pairing');
  const nodes = new Map<string, NodeInfo>();
  for (const route of routes) nodes.set(route.nodeId, toNodeInfo(route));
  const requests = new Map(pairing.pending.map((request) => [request.nodeId, request]));
  for (const paired of pairing.paired) {
    if (!nodes.has(paired.nodeId)) nodes.set(paired.nodeId, offlineNode(paired.nodeId, paired, requests.get(paired.nodeId)));
  }
  if (canSeePending) {
    for (const request of pairing.pending) {
      if (!nodes.has(request.nodeId)) nodes.set(request.nodeId, offlineNode(request.nodeId, undefined, request));
    }
    return [...nodes.values()];
  }
  return [...nodes.values()].map(withoutPendingDetails);
}
