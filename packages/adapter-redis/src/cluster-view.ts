import type { PresenceEntry } from '@gatewire/protocol';
import type { NodeRoute } from '@gatewire/server';

/** A node and the gateway it is connected to. */
export interface NodeLocation {
  readonly gatewayId: string;
  readonly route: NodeRoute;
}

/**
 * This gateway's copy of the cluster's presence and node directory, so reads stay synchronous.
 * Each gateway owns its own entries (only it writes them); a gateway that goes down takes all of
 * its entries with it.
 */
export class ClusterView {
  readonly #presence = new Map<string, Map<string, PresenceEntry>>();
  readonly #nodes = new Map<string, NodeLocation>();

  setPresence(gatewayId: string, key: string, entry: PresenceEntry): void {
    let entries = this.#presence.get(gatewayId);
    if (entries === undefined) this.#presence.set(gatewayId, (entries = new Map()));
    entries.set(key, entry);
  }

  deletePresence(gatewayId: string, key: string): void {
    this.#presence.get(gatewayId)?.delete(key);
  }

  /** The presence entries of `gatewayId`. */
  presenceOf(gatewayId: string): ReadonlyMap<string, PresenceEntry> {
    return this.#presence.get(gatewayId) ?? new Map();
  }

  listPresence(): PresenceEntry[] {
    const list: PresenceEntry[] = [];
    for (const entries of this.#presence.values()) for (const entry of entries.values()) list.push(entry);
    return list;
  }

  setNode(gatewayId: string, route: NodeRoute): void {
    this.#nodes.set(route.nodeId, { gatewayId, route });
  }

  /** Remove a node only if it is still served by `connId`. */
  deleteNode(nodeId: string, connId: string): void {
    if (this.#nodes.get(nodeId)?.route.connId === connId) this.#nodes.delete(nodeId);
  }

  getNode(nodeId: string): NodeLocation | undefined {
    return this.#nodes.get(nodeId);
  }

  /** The gateway serving the node connection `connId`, if it is a known node. */
  gatewayOfNodeConnection(connId: string): string | undefined {
    for (const location of this.#nodes.values()) if (location.route.connId === connId) return location.gatewayId;
    return undefined;
  }

  listNodes(): NodeRoute[] {
    return [...this.#nodes.values()].map((location) => location.route);
  }

  /** The nodes of `gatewayId`. */
  nodesOf(gatewayId: string): NodeRoute[] {
    return [...this.#nodes.values()].filter((location) => location.gatewayId === gatewayId).map((location) => location.route);
  }

  /** The nodes of every gateway but `gatewayId`. */
  nodesNotOf(gatewayId: string): NodeRoute[] {
    return [...this.#nodes.values()].filter((location) => location.gatewayId !== gatewayId).map((location) => location.route);
  }

  /** Drop everything of `gatewayId`; returns its nodes. */
  dropGateway(gatewayId: string): NodeRoute[] {
    const nodes = this.nodesOf(gatewayId);
    this.#presence.delete(gatewayId);
    for (const route of nodes) this.#nodes.delete(route.nodeId);
    return nodes;
  }

  /** Drop everything of every gateway but `gatewayId` (Redis lost its data); returns their nodes. */
  dropOthers(gatewayId: string): NodeRoute[] {
    const nodes = this.nodesNotOf(gatewayId);
    for (const id of [...this.#presence.keys()]) if (id !== gatewayId) this.#presence.delete(id);
    for (const route of nodes) this.#nodes.delete(route.nodeId);
    return nodes;
  }

  clear(): void {
    this.#presence.clear();
    this.#nodes.clear();
  }
}
