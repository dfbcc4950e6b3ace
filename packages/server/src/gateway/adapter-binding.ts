import type { LocalDelivery, NodePairingChange } from '../cluster/adapter';
import type { ConnectionRegistry } from '../connection/connection-registry';
import { isForGateway } from '../events/event-publisher';
import type { BroadcastDelivery } from '../events/local-delivery';
import type { Probes } from '../instrumentation/probes';
import type { NodeInvoker } from '../nodes/node-invoker';

/** The parts of a gateway the cluster adapter reaches. */
export interface AdapterBindingParts {
  readonly gatewayId: string;
  readonly delivery: BroadcastDelivery;
  readonly probes: Probes;
  readonly connections: ConnectionRegistry;
  readonly nodeInvoker: NodeInvoker;
  /** A node's pairing changed through another gateway while its connection is on this one. */
  nodePairingChanged(nodeId: string, connId: string, change: NodePairingChange): void;
  /** Presence changed elsewhere in the cluster (not while the gateway closes). */
  presenceChanged(): void;
}

/**
 * How the cluster adapter reaches this gateway ({@link LocalDelivery}): broadcasts delivered to its
 * connections (and counted, when they are its own or cluster-wide), targeted sends, `node.invoke`
 * results, node departures and pairing changes, presence changes and connection counts.
 */
export function localDeliveryOf(parts: AdapterBindingParts): LocalDelivery {
  const { gatewayId, delivery, probes, connections, nodeInvoker } = parts;
  return {
    gatewayId,
    deliverBroadcast: (message, offset) => {
      if (isForGateway(message, gatewayId)) probes.broadcastDelivered(message, true);
      delivery.deliver(message, offset);
    },
    skipLostBroadcasts: () => delivery.skipLost(),
    deliverUnsequenced: (message) => {
      if (isForGateway(message, gatewayId)) probes.broadcastDelivered(message, false);
      delivery.deliverUnsequenced(message);
    },
    deliverToConnection: (connId, message) => connections.get(connId)?.sendEvent(message.event, message.payload) ?? false,
    resolveInvoke: (nodeConnId, result) => nodeInvoker.resolve(nodeConnId, result),
    nodeGone: (nodeConnId) => nodeInvoker.nodeGone(nodeConnId),
    nodePairingChanged: (nodeId, connId, change) => parts.nodePairingChanged(nodeId, connId, change),
    presenceChanged: () => parts.presenceChanged(),
    connectionCounts: () => connections.counts(),
  };
}
