import type { ClusterGatewayStatus, EventScope, NodeInfo, NodeInvokeResultParams, PresenceEntry, StateVersion } from '@gatewire/protocol';
import { InMemoryReplayStore, type ReplayStore } from '../resume/replay-store';
import type { ResolvedResumeOptions } from '../resume/resume-options';

/** An event to deliver to every eligible connection (the scope guard runs where it is delivered). */
export interface BroadcastMessage {
  readonly event: string;
  readonly payload: unknown;
  readonly scope: EventScope;
  readonly droppable: boolean;
  readonly stateVersion?: StateVersion | undefined;
  /**
   * Set for gateway-local events (`tick`, `health`, `shutdown`): the id (`bootId`) of the gateway
   * whose connections alone receive it. It is still sequenced like any broadcast.
   */
  readonly gatewayId?: string | undefined;
}

/** An unsequenced event for one connection. */
export interface TargetedMessage {
  readonly event: string;
  readonly payload: unknown;
}

/**
 * A connected node and the connection that serves it. `commands` lists only the approved commands
 * (the ones `node.invoke` reaches); `declaredCommands` and `declaredCaps` are what the node declared
 * on `connect`.
 */
export interface NodeRoute extends NodeInfo {
  readonly connId: string;
  readonly declaredCommands: readonly string[];
  readonly declaredCaps: readonly string[];
}

/**
 * A change of a node's pairing made through one gateway that the gateway serving the node's
 * connection must apply: `approval` (approved, rejected or renamed: re-read the approval),
 * `removed` (close the connection 4001), or `resync` (a change may have been missed, e.g. while the
 * back end was unreachable: re-read the approval, and close the connection 4001 when the node was
 * paired and is no longer).
 */
export type NodePairingChange = 'approval' | 'removed' | 'resync';

/** What a gateway process offers its adapter: delivery to its own sockets. */
export interface LocalDelivery {
  /** This gateway's id (its `bootId`): unique in the cluster. */
  readonly gatewayId: string;
  /**
   * Deliver a broadcast to this process's eligible connections. `offset` is its place in the
   * cluster-wide order (strictly increasing from one call to the next); without it the gateway
   * numbers broadcasts itself, in delivery order.
   */
  deliverBroadcast(message: BroadcastMessage, offset?: number): void;
  /**
   * Broadcasts were lost that this process cannot deliver (the cluster log no longer has them):
   * every connection skips a `seq`, so a v4 client sees a gap and a resume client a `resync`.
   */
  skipLostBroadcasts(): void;
  /** Send an event unsequenced to every eligible connection of this process (a `tick` while the cluster is unreachable). */
  deliverUnsequenced(message: BroadcastMessage): void;
  /** Deliver to a connection of this process; `false` when it is not here. */
  deliverToConnection(connId: string, message: TargetedMessage): boolean;
  /** A node answered a `node.invoke` sent from this gateway; `false` when nothing here waits for it. */
  resolveInvoke(nodeConnId: string, result: NodeInvokeResultParams): boolean;
  /** A node connection (on any gateway) went away or became unreachable: its pending invokes fail `UNAVAILABLE`. */
  nodeGone(nodeConnId: string): void;
  /**
   * The pairing of node `nodeId` changed through another gateway while its connection `connId` is
   * on this one: apply it to the live connection (see {@link NodePairingChange}).
   */
  nodePairingChanged(nodeId: string, connId: string, change: NodePairingChange): void;
  /** Presence changed without a connection of this gateway opening or closing (a gateway went away): broadcast `presence`. */
  presenceChanged(): void;
  /** This gateway's connection counts now (for the cluster's gateway list). */
  connectionCounts(): ClusterGatewayStatus['connections'];
}

/** How the adapter's back end is doing, for `health` and `/ready`. */
export interface AdapterHealth {
  /** `false` while the cluster back end is unreachable (the gateway still serves local work). */
  readonly ok: boolean;
  /** Why it is not ok, for operators. */
  readonly reason?: string | undefined;
}

/** What an adapter reports about its back end, for metrics (read at each scrape). */
export interface AdapterObservation {
  /** Whether the back end is reachable now. */
  readonly connected: boolean;
  /** How far this process is behind the cluster's newest entry, in entries. Optional. */
  readonly lagEntries?: number | undefined;
  /** Writes waiting for the back end (published while it was slow or unreachable). Optional. */
  readonly outboxDepth?: number | undefined;
  /** Broadcasts refused since start because the back end was unreachable and the outbox full (a total). Optional. */
  readonly outboxRefused?: number | undefined;
}

/**
 * The seam between the gateway core and its fan-out, presence and node-routing back end. The
 * default {@link InMemoryAdapter} serves one process; a multi-node adapter (Redis, NATS) publishes
 * to its peers and keeps the local view of presence and nodes up to date, so reads stay synchronous
 * and the core does not change.
 */
export interface GatewayAdapter {
  /**
   * The id of the gateway this adapter serves, unique in the cluster; the gateway uses it as its
   * `bootId`. Optional: without it the gateway picks a random one.
   */
  readonly gatewayId?: string;
  /** Called once when the gateway starts. */
  start(local: LocalDelivery): void;
  /**
   * Fan a broadcast out to every gateway process (this one included). Return `false` only when the
   * broadcast was refused and reaches nobody (e.g. the back end is unreachable and the outbox that
   * holds broadcasts for it is full); `gateway.broadcast()` passes that on to its caller. A refused
   * broadcast gets no place in the cluster order, so no client sees a gap for it.
   */
  publish(message: BroadcastMessage): boolean | void;
  /** Send to a connection wherever it lives; `false` when no process has it. */
  sendToConnection(connId: string, message: TargetedMessage): boolean;
  setPresence(key: string, entry: PresenceEntry): void;
  deletePresence(key: string): void;
  listPresence(): PresenceEntry[];
  registerNode(route: NodeRoute): void;
  /** Remove a node, only if it is still served by `connId`. */
  unregisterNode(nodeId: string, connId: string): void;
  getNode(nodeId: string): NodeRoute | undefined;
  listNodes(): NodeRoute[];
  /**
   * Where replay streams of resumable connections (`gatewire.resume.v1`) live. Optional: without it
   * the gateway keeps them in this process ({@link InMemoryReplayStore}).
   */
  createReplayStore?(options: ResolvedResumeOptions): ReplayStore;
  /**
   * A node connection of this gateway answered an invoke this gateway did not send: route the result
   * to the gateway that did. `false` when no gateway waits for it. Optional: single-process adapters
   * have nothing to route.
   */
  forwardInvokeResult?(nodeConnId: string, result: NodeInvokeResultParams): boolean;
  /**
   * The pairing of a node connected to another gateway changed through this one: have that gateway
   * apply it ({@link LocalDelivery.nodePairingChanged} there). Optional: a single-process adapter
   * serves every node itself.
   */
  relayNodePairing?(route: NodeRoute, change: NodePairingChange): void;
  /** A node connection of this gateway closed: tell the gateways with invokes pending on it. Optional. */
  nodeConnectionClosed?(nodeConnId: string): void;
  /** The back end's health; without it the adapter is always healthy. */
  health?(): AdapterHealth;
  /**
   * The offset of the last cluster entry this process applied (with `deliverBroadcast` offsets): a
   * connection authenticated now receives every broadcast after it. Optional.
   */
  lastOffset?(): number;
  /**
   * The `presence` state version, monotonic across the cluster; without it the gateway counts
   * presence changes itself.
   */
  presenceVersion?(): number;
  /**
   * The gateways of the cluster with their connection counts, as last known here (`status` lists
   * them as `cluster.gateways`). Optional: a single-process adapter has no cluster to list.
   */
  clusterGateways?(): ClusterGatewayStatus[];
  /** The back end's state for metrics (`gatewire_adapter_*`); without it no adapter series are exported. */
  observe?(): AdapterObservation;
  /** Release everything; called by `gateway.close()`. */
  close(): Promise<void>;
}

/** The single-process {@link GatewayAdapter}: plain maps, direct delivery, in-memory replay streams. */
export class InMemoryAdapter implements GatewayAdapter {
  #local: LocalDelivery | undefined;
  readonly #presence = new Map<string, PresenceEntry>();
  readonly #nodes = new Map<string, NodeRoute>();

  start(local: LocalDelivery): void {
    this.#local = local;
  }

  publish(message: BroadcastMessage): void {
    this.#local?.deliverBroadcast(message);
  }

  sendToConnection(connId: string, message: TargetedMessage): boolean {
    return this.#local?.deliverToConnection(connId, message) ?? false;
  }

  setPresence(key: string, entry: PresenceEntry): void {
    this.#presence.set(key, entry);
  }

  deletePresence(key: string): void {
    this.#presence.delete(key);
  }

  listPresence(): PresenceEntry[] {
    return [...this.#presence.values()];
  }

  registerNode(route: NodeRoute): void {
    this.#nodes.set(route.nodeId, route);
  }

  unregisterNode(nodeId: string, connId: string): void {
    if (this.#nodes.get(nodeId)?.connId === connId) this.#nodes.delete(nodeId);
  }

  getNode(nodeId: string): NodeRoute | undefined {
    return this.#nodes.get(nodeId);
  }

  listNodes(): NodeRoute[] {
    return [...this.#nodes.values()];
  }

  createReplayStore(options: ResolvedResumeOptions): ReplayStore {
    return new InMemoryReplayStore(options);
  }

  async close(): Promise<void> {
    this.#local = undefined;
    this.#presence.clear();
    this.#nodes.clear();
  }
}
