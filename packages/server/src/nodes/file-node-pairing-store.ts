import type { NodePairRequest, PairedNode } from '@gatewire/protocol';
import { JsonFileState } from '../storage/json-file';
import type { NodePairingStore } from './node-pairing-store';

interface NodePairingState {
  readonly nodes: Map<string, PairedNode>;
  readonly requests: Map<string, NodePairRequest>;
}

interface FileContents {
  readonly version: 1;
  readonly nodes: PairedNode[];
  readonly requests: NodePairRequest[];
}

function parse(contents: unknown): NodePairingState {
  const file = (typeof contents === 'object' && contents !== null ? contents : {}) as Partial<FileContents>;
  const nodes = Array.isArray(file.nodes) ? file.nodes : [];
  const requests = Array.isArray(file.requests) ? file.requests : [];
  return {
    nodes: new Map(nodes.map((node) => [node.nodeId, node])),
    requests: new Map(requests.map((request) => [request.requestId, request])),
  };
}

function serialize(state: NodePairingState): FileContents {
  return { version: 1, nodes: [...state.nodes.values()], requests: [...state.requests.values()] };
}

/**
 * A {@link NodePairingStore} in one JSON file (paired nodes and pending requests), rewritten
 * atomically with mode 0600 after every change; changes are serialized. Survives restarts.
 */
export class FileNodePairingStore implements NodePairingStore {
  readonly #file: JsonFileState<NodePairingState>;

  constructor(path: string) {
    this.#file = new JsonFileState(path, parse, serialize);
  }

  /** The file this store writes. */
  get path(): string {
    return this.#file.path;
  }

  async getNode(nodeId: string): Promise<PairedNode | undefined> {
    return (await this.#file.read()).nodes.get(nodeId);
  }

  putNode(node: PairedNode): Promise<void> {
    return this.#file.change((state) => void state.nodes.set(node.nodeId, node));
  }

  deleteNode(nodeId: string): Promise<void> {
    return this.#file.change((state) => void state.nodes.delete(nodeId));
  }

  async listNodes(): Promise<PairedNode[]> {
    return [...(await this.#file.read()).nodes.values()];
  }

  async getRequest(requestId: string): Promise<NodePairRequest | undefined> {
    return (await this.#file.read()).requests.get(requestId);
  }

  putRequest(request: NodePairRequest): Promise<void> {
    return this.#file.change((state) => void state.requests.set(request.requestId, request));
  }

  deleteRequest(requestId: string): Promise<void> {
    return this.#file.change((state) => void state.requests.delete(requestId));
  }

  takeRequest(requestId: string): Promise<NodePairRequest | undefined> {
    return this.#file.change(({ requests }) => {
      const request = requests.get(requestId);
      requests.delete(requestId);
      return request;
    });
  }

  async listRequests(): Promise<NodePairRequest[]> {
    return [...(await this.#file.read()).requests.values()];
  }
}
