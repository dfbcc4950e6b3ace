import type { NodePairRequest, PairedNode } from '@gatewire/protocol';
import type { NodePairingStore } from './node-pairing-store';

/** A {@link NodePairingStore} in memory: approvals last as long as the process. The default. */
export class MemoryNodePairingStore implements NodePairingStore {
  readonly #nodes = new Map<string, PairedNode>();
  readonly #requests = new Map<string, NodePairRequest>();

  async getNode(nodeId: string): Promise<PairedNode | undefined> {
    return this.#nodes.get(nodeId);
  }

  async putNode(node: PairedNode): Promise<void> {
    this.#nodes.set(node.nodeId, node);
  }

  async deleteNode(nodeId: string): Promise<void> {
    this.#nodes.delete(nodeId);
  }

  async listNodes(): Promise<PairedNode[]> {
    return [...this.#nodes.values()];
  }

  async getRequest(requestId: string): Promise<NodePairRequest | undefined> {
    return this.#requests.get(requestId);
  }

  async putRequest(request: NodePairRequest): Promise<void> {
    this.#requests.set(request.requestId, request);
  }

  async deleteRequest(requestId: string): Promise<void> {
    this.#requests.delete(requestId);
  }

  async takeRequest(requestId: string): Promise<NodePairRequest | undefined> {
    const request = this.#requests.get(requestId);
    this.#requests.delete(requestId);
    return request;
  }

  async listRequests(): Promise<NodePairRequest[]> {
    return [...this.#requests.values()];
  }
}
