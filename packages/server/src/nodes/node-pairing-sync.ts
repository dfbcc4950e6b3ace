import type { NodePairingChange } from '../cluster/adapter';
import type { GatewayRuntime } from '../gateway/runtime';
import { reapprovedRoute } from './node-route';

/**
 * Apply a pairing change of node `nodeId` to its live connection: here when this gateway serves it,
 * else through the adapter on the gateway that does (only that gateway writes the node's route, so
 * the route stays its own and the node stays connected and invocable).
 */
export async function applyNodePairing(runtime: GatewayRuntime, nodeId: string, change: NodePairingChange): Promise<void> {
  const route = runtime.adapter.getNode(nodeId);
  if (route === undefined) return;
  if (runtime.servesConnection(route.connId)) await applyNodePairingHere(runtime, nodeId, route.connId, change);
  else runtime.adapter.relayNodePairing?.(route, change);
}

/** Apply a pairing change to node connection `connId` of this gateway (nothing when it is gone). */
export async function applyNodePairingHere(runtime: GatewayRuntime, nodeId: string, connId: string, change: NodePairingChange): Promise<void> {
  if (change === 'removed') {
    runtime.closeNodeConnection(connId, 'node removed');
    return;
  }
  const approval = await runtime.nodePairing.approvalOf(nodeId);
  const current = runtime.adapter.getNode(nodeId);
  if (current?.connId !== connId || !runtime.servesConnection(connId)) return;
  if (change === 'resync' && current.paired && approval.paired === undefined) {
    runtime.closeNodeConnection(connId, 'node removed');
    return;
  }
  const route = reapprovedRoute(current, approval);
  if (change === 'resync' && JSON.stringify(route) === JSON.stringify(current)) return;
  runtime.adapter.registerNode(route);
}
