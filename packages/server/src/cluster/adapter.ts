import type { EventScope, NodeInfo, PresenceEntry, StateVersion } from '@gatewire/protocol';
import { InMemoryReplayStore, type ReplayStore } from '../resume/replay-store';
import type { ResolvedResumeOptions } from '../resume/resume-options';

/** An event to deliver to every eligible connection (the scope guard runs where it is delivered). */
export interface BroadcastMessage {
  readonly event: string;
  readonly payload: unknown;
  readonly scope: EventScope;
  readonly droppable: boolean;
  readonly stateVersion?: StateVersion | undefined;
}

/** An unsequenced event for one connection. */
export interface TargetedMessage {
  readonly event: string;
  readonly payload: unknown;
}

/** A connected node and the connection that serves it. */
export interface NodeRoute extends NodeInfo {
  readonly connId: string;
}

/** What a gateway process offers its adapter: delivery to its own sockets. */
export interface LocalDelivery {
  deliverBroadcast(message: BroadcastMessage): void;
  /** Deliver to a connection of this process; `false` when it is not here. */
  deliverToConnection(connId: string, message: TargetedMessage): boolean;
}

/**
 * The seam between the gateway core and its fan-out, presence and node-routing back end. The
 * default {@link InMemoryAdapter} serves one process; a multi-node adapter (Redis, NATS) publishes
 * to its peers and keeps the local view of presence and nodes up to date, so reads stay synchronous
 * and the core does not change.
 */
export interface GatewayAdapter {
  /** Called once when the gateway starts. */
  start(local: LocalDelivery): void;
  /** Fan a broadcast out to every gateway process (this one included). */
  publish(message: BroadcastMessage): void;
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
