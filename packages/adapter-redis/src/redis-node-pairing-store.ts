import { compileValidator, NodePairRequest, PairedNode, type Validator } from '@gatewire/protocol';
import type { NodePairingStore } from '@gatewire/server';
import type { TSchema } from '@sinclair/typebox';
import { JsonHash, type RecordProblem } from './json-hash';
import { sharedStoreKey, type SharedStoreOptions } from './shared-store-options';

/** Options of {@link RedisNodePairingStore}. */
export type RedisNodePairingStoreOptions = SharedStoreOptions;

/** A value that is not `what` of the protocol, or whose `idKey` is not its field, is refused. */
function protocolRecord<T extends TSchema>(validator: Validator<T>, what: string, idKey: string, idName: string): RecordProblem {
  return (field, value) => {
    if (!validator.check(value)) return `is not ${what} (${validator.firstError(value) ?? 'invalid'})`;
    const id = (value as Record<string, unknown>)[idKey];
    return id === field ? undefined : `holds ${idName} ${String(id)}`;
  };
}

const pairedNodeProblem = protocolRecord(compileValidator(PairedNode), 'a paired node', 'nodeId', 'node');
const nodePairRequestProblem = protocolRecord(compileValidator(NodePairRequest), 'a node pairing request', 'requestId', 'request');

/**
 * A {@link NodePairingStore} in Redis, shared by every gateway of a cluster: a node approved
 * through one gateway is approved on all, and a request opened through one gateway is listed
 * (and can be approved) through any of them.
 *
 * Paired nodes live in one hash, `<keyPrefix>:{<cluster>}:paired-nodes`, field = node id; pending
 * requests in `<keyPrefix>:{<cluster>}:node-pairing-requests`, field = request id; values are JSON,
 * so each call (listing included) is one Redis command; concurrent `put`s of one entry are
 * last-writer-wins, as in the in-memory store. `takeRequest` reads and deletes in one `MULTI`, so of
 * two decisions on one request through any gateways only one takes it (the other answers
 * `APPROVAL_NOT_FOUND`). A value that is not a `PairedNode` (or `NodePairRequest`) of the protocol, or
 * whose id is not its field, makes `get*`/`list*`/`takeRequest` reject with a `TypeError` naming the
 * key and field.
 */
export class RedisNodePairingStore implements NodePairingStore {
  readonly #nodes: JsonHash<PairedNode>;
  readonly #requests: JsonHash<NodePairRequest>;

  constructor(options: RedisNodePairingStoreOptions) {
    this.#nodes = new JsonHash(options.redis, 'RedisNodePairingStore', sharedStoreKey(options, 'paired-nodes'), pairedNodeProblem);
    this.#requests = new JsonHash(options.redis, 'RedisNodePairingStore', sharedStoreKey(options, 'node-pairing-requests'), nodePairRequestProblem);
  }

  /** The Redis hash holding the paired nodes. */
  get nodesKey(): string {
    return this.#nodes.key;
  }

  /** The Redis hash holding the pending node pairing requests. */
  get requestsKey(): string {
    return this.#requests.key;
  }

  getNode(nodeId: string): Promise<PairedNode | undefined> {
    return this.#nodes.get(nodeId);
  }

  putNode(node: PairedNode): Promise<void> {
    return this.#nodes.put(node.nodeId, node);
  }

  deleteNode(nodeId: string): Promise<void> {
    return this.#nodes.delete(nodeId);
  }

  listNodes(): Promise<PairedNode[]> {
    return this.#nodes.list();
  }

  getRequest(requestId: string): Promise<NodePairRequest | undefined> {
    return this.#requests.get(requestId);
  }

  putRequest(request: NodePairRequest): Promise<void> {
    return this.#requests.put(request.requestId, request);
  }

  deleteRequest(requestId: string): Promise<void> {
    return this.#requests.delete(requestId);
  }

  takeRequest(requestId: string): Promise<NodePairRequest | undefined> {
    return this.#requests.take(requestId);
  }

  listRequests(): Promise<NodePairRequest[]> {
    return this.#requests.list();
  }
}
