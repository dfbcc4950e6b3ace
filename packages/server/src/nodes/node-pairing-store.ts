import type { NodePairRequest, PairedNode } from '@gatewire/protocol';

/**
 * Where approved nodes and pending node approval requests live. Every call is async so a store can
 * sit on a file, a database or Redis; implementations must be safe to call concurrently (the
 * gateway serializes its own changes, but several gateways may share a store).
 */
export interface NodePairingStore {
  getNode(nodeId: string): Promise<PairedNode | undefined>;
  /** Insert or replace a paired node. */
  putNode(node: PairedNode): Promise<void>;
  deleteNode(nodeId: string): Promise<void>;
  listNodes(): Promise<PairedNode[]>;
  getRequest(requestId: string): Promise<NodePairRequest | undefined>;
  /** Insert or replace a pending request. */
  putRequest(request: NodePairRequest): Promise<void>;
  deleteRequest(requestId: string): Promise<void>;
  /**
   * Remove a pending request and return it, or `undefined` when it was not there. Must be atomic:
   * of two concurrent takes of one request (through one gateway or several sharing the store),
   * only one gets it, and that one approves or rejects it.
   */
  takeRequest(requestId: string): Promise<NodePairRequest | undefined>;
  listRequests(): Promise<NodePairRequest[]>;
}
