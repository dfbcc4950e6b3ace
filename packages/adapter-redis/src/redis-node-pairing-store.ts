import { compileValidator, NodePairRequest, PairedNode, type Validator } from '@gatewire/protocol';
import type { NodePairingStore } from '@gatewire/server';
import type { Static, TSchema } from '@sinclair/typebox';
import type { RedisConnection } from './redis-connection';
import { sharedStoreKey, type SharedStoreOptions } from './shared-store-options';

/** Options of {@link RedisNodePairingStore}. */
export type RedisNodePairingStoreOptions = SharedStoreOptions;

const pairedNodeValidator = compileValidator(PairedNode);
const nodePairRequestValidator = compileValidator(NodePairRequest);

/**
 * A {@link NodePairingStore} in Redis, shared by every gateway of a cluster: a node approved
 * through one gateway is approved on all, and a request opened through one gateway is listed
 * (and can be approved) through any of them.
 *
 * Paired nodes live in one hash, `<keyPrefix>:{<cluster>}:paired-nodes`, field = node id; pending
 * requests in `<keyPrefix>:{<cluster>}:node-pairing-requests`, field = request id; values are JSON,
 * so each call (listing included) is one Redis command; concurrent `put`s of one entry are
 * last-writer-wins, as in the in-memory store. A value that is not a `PairedNode` (or
 * `NodePairRequest`) of the protocol, or whose id is not its field, makes `get*`/`list*` reject with
 * a `TypeError` naming the key and field.
 */
export class RedisNodePairingStore implements NodePairingStore {
  readonly #redis: RedisConnection;
  readonly #nodesKey: string;
  readonly #requestsKey: string;

  constructor(options: RedisNodePairingStoreOptions) {
    this.#redis = options.redis;
    this.#nodesKey = sharedStoreKey(options, 'paired-nodes');
    this.#requestsKey = sharedStoreKey(options, 'node-pairing-requests');
  }

  /** The Redis hash holding the paired nodes. */
  get nodesKey(): string {
    return this.#nodesKey;
  }

  /** The Redis hash holding the pending node pairing requests. */
  get requestsKey(): string {
    return this.#requestsKey;
  }

  async getNode(nodeId: string): Promise<PairedNode | undefined> {
    const value = await this.#redis.hGet(this.#nodesKey, nodeId);
    return typeof value === 'string' ? this.#parseNode(nodeId, value) : undefined;
  }

  async putNode(node: PairedNode): Promise<void> {
    await this.#redis.hSet(this.#nodesKey, node.nodeId, JSON.stringify(node));
  }

  async deleteNode(nodeId: string): Promise<void> {
    await this.#redis.hDel(this.#nodesKey, nodeId);
  }

  async listNodes(): Promise<PairedNode[]> {
    const all = await this.#redis.hGetAll(this.#nodesKey);
    return Object.entries(all).map(([nodeId, value]) => this.#parseNode(nodeId, value));
  }

  async getRequest(requestId: string): Promise<NodePairRequest | undefined> {
    const value = await this.#redis.hGet(this.#requestsKey, requestId);
    return typeof value === 'string' ? this.#parseRequest(requestId, value) : undefined;
  }

  async putRequest(request: NodePairRequest): Promise<void> {
    await this.#redis.hSet(this.#requestsKey, request.requestId, JSON.stringify(request));
  }

  async deleteRequest(requestId: string): Promise<void> {
    await this.#redis.hDel(this.#requestsKey, requestId);
  }

  async listRequests(): Promise<NodePairRequest[]> {
    const all = await this.#redis.hGetAll(this.#requestsKey);
    return Object.entries(all).map(([requestId, value]) => this.#parseRequest(requestId, value));
  }

  #parseNode(nodeId: string, value: string): PairedNode {
    const node = parseEntry(this.#nodesKey, nodeId, value, pairedNodeValidator, 'a paired node');
    if (node.nodeId !== nodeId) throw new TypeError(`RedisNodePairingStore: ${this.#nodesKey} field ${nodeId} holds node ${node.nodeId}`);
    return node;
  }

  #parseRequest(requestId: string, value: string): NodePairRequest {
    const request = parseEntry(this.#requestsKey, requestId, value, nodePairRequestValidator, 'a node pairing request');
    if (request.requestId !== requestId) throw new TypeError(`RedisNodePairingStore: ${this.#requestsKey} field ${requestId} holds request ${request.requestId}`);
    return request;
  }
}

/** Parse and validate one hash value; a `TypeError` naming the key and field when it is not `what`. */
function parseEntry<T extends TSchema>(key: string, field: string, value: string, validator: Validator<T>, what: string): Static<T> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (cause) {
    throw new TypeError(`RedisNodePairingStore: ${key} field ${field} is not JSON`, { cause });
  }
  if (!validator.check(parsed)) throw new TypeError(`RedisNodePairingStore: ${key} field ${field} is not ${what} (${validator.firstError(parsed) ?? 'invalid'})`);
  return parsed;
}
