import { randomUUID } from 'node:crypto';
import { expandScopes, type NodePairListResult, type NodePairRequest, type NodePairResolvedEvent, type PairedNode } from '@gatewire/protocol';
import { sameNames, type NodeApproval, type NodeSurface } from './node-approval';
import type { NodePairingStore } from './node-pairing-store';

/** Where node pairing announces requests and decisions (the gateway broadcasts them). */
export interface NodePairingNotifier {
  requested(request: NodePairRequest): void;
  resolved(event: NodePairResolvedEvent): void;
}

/** The outcome of `approve`. */
export type NodeApproveOutcome =
  | { readonly status: 'approved'; readonly requestId: string; readonly node: PairedNode }
  | { readonly status: 'forbidden'; readonly missingScope: string; readonly requiredScopes: readonly string[] }
  | { readonly status: 'unknown' };

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined || value.length === 0 ? {} : { [key]: value }) as { [P in K]?: string };
}

function describe(surface: NodeSurface) {
  return {
    ...optional('displayName', surface.displayName),
    ...optional('platform', surface.platform),
    ...optional('version', surface.version),
    ...optional('deviceFamily', surface.deviceFamily),
    ...optional('clientId', surface.clientId),
    ...optional('remoteIp', surface.remoteIp),
  };
}

/**
 * Node pairing: a node's declared command surface must be approved by an operator before
 * `node.invoke` reaches it. New or widened surfaces open a request (a new `requestId` whenever the
 * surface changes, never a widened one); approving one that declares a dangerous command takes
 * `operator.admin`. Changes are serialized within the gateway.
 */
export class NodePairingService {
  readonly #store: NodePairingStore;
  readonly #dangerous: ReadonlySet<string>;
  readonly #notifier: NodePairingNotifier;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(store: NodePairingStore, dangerousCommands: ReadonlySet<string>, notifier: NodePairingNotifier) {
    this.#store = store;
    this.#dangerous = dangerousCommands;
    this.#notifier = notifier;
  }

  /** Every scope an operator needs to approve a node declaring `commands`. */
  requiredApproveScopes(commands: readonly string[]): string[] {
    if (commands.some((command) => this.#dangerous.has(command))) return ['operator.pairing', 'operator.admin'];
    return commands.length > 0 ? ['operator.pairing', 'operator.write'] : ['operator.pairing'];
  }

  /** Whether `command` is one of the dangerous commands. */
  isDangerous(command: string): boolean {
    return this.#dangerous.has(command);
  }

  /** A node connected: where its approval stands, opening (or replacing) its request if needed. */
  nodeConnected(surface: NodeSurface): Promise<NodeApproval> {
    return this.#serialized(async () => {
      const paired = await this.#store.getNode(surface.nodeId);
      const open = await this.#requestOf(surface.nodeId);
      const approved = new Set(paired?.commands ?? []);
      if (paired !== undefined && surface.commands.every((command) => approved.has(command))) {
        if (open !== undefined) await this.#store.deleteRequest(open.requestId);
        const refreshed: PairedNode = { ...paired, ...describe(surface), ...optional('displayName', paired.displayName), lastConnectedAtMs: Date.now() };
        await this.#store.putNode(refreshed);
        return { paired: refreshed, request: undefined };
      }
      if (open !== undefined && sameNames(open.commands, surface.commands) && sameNames(open.caps, surface.caps)) {
        return { paired, request: open };
      }
      if (open !== undefined) await this.#store.deleteRequest(open.requestId);
      const request: NodePairRequest = {
        requestId: randomUUID(),
        nodeId: surface.nodeId,
        ...describe(surface),
        caps: [...surface.caps],
        commands: [...surface.commands],
        isRepair: paired !== undefined,
        requiredApproveScopes: this.requiredApproveScopes(surface.commands),
        ts: Date.now(),
      };
      await this.#store.putRequest(request);
      this.#notifier.requested(request);
      return { paired, request };
    });
  }

  /** The approval of a node now (no change). */
  async approvalOf(nodeId: string): Promise<NodeApproval> {
    return { paired: await this.#store.getNode(nodeId), request: await this.#requestOf(nodeId) };
  }

  async list(): Promise<NodePairListResult> {
    const [pending, paired] = await Promise.all([this.#store.listRequests(), this.#store.listNodes()]);
    return { pending: pending.sort((left, right) => right.ts - left.ts), paired };
  }

  /** Approve a request for a caller holding `callerScopes` (granted scopes, not expanded). */
  approve(requestId: string, callerScopes: readonly string[]): Promise<NodeApproveOutcome> {
    return this.#serialized(async () => {
      const request = await this.#store.getRequest(requestId);
      if (request === undefined) return { status: 'unknown' };
      const held = expandScopes(callerScopes);
      const requiredScopes = this.requiredApproveScopes(request.commands);
      const missingScope = requiredScopes.find((scope) => !held.has(scope));
      if (missingScope !== undefined) return { status: 'forbidden', missingScope, requiredScopes };
      // Of two decisions on one request (through this gateway or another sharing the store), the
      // one that takes it wins; the other answers as for an unknown request.
      if ((await this.#store.takeRequest(requestId)) === undefined) return { status: 'unknown' };
      const existing = await this.#store.getNode(request.nodeId);
      const now = Date.now();
      const { requestId: _requestId, isRepair: _isRepair, requiredApproveScopes: _scopes, ts: _ts, ...surface } = request;
      const node: PairedNode = {
        ...surface,
        ...optional('displayName', existing?.displayName ?? request.displayName),
        createdAtMs: existing?.createdAtMs ?? now,
        approvedAtMs: now,
        ...(existing?.lastConnectedAtMs === undefined ? {} : { lastConnectedAtMs: existing.lastConnectedAtMs }),
      };
      await this.#store.putNode(node);
      this.#notifier.resolved({ requestId, nodeId: node.nodeId, decision: 'approved', ts: now });
      return { status: 'approved', requestId, node };
    });
  }

  /** Reject a request; `undefined` when there is no such request. */
  reject(requestId: string): Promise<{ requestId: string; nodeId: string } | undefined> {
    return this.#serialized(async () => {
      const request = await this.#store.takeRequest(requestId);
      if (request === undefined) return undefined;
      this.#notifier.resolved({ requestId, nodeId: request.nodeId, decision: 'rejected', ts: Date.now() });
      return { requestId, nodeId: request.nodeId };
    });
  }

  /** Forget a node (its approval and any open request); `false` when it was not known. */
  remove(nodeId: string): Promise<boolean> {
    return this.#serialized(async () => {
      const paired = await this.#store.getNode(nodeId);
      const open = await this.#requestOf(nodeId);
      if (paired === undefined && open === undefined) return false;
      if (paired !== undefined) await this.#store.deleteNode(nodeId);
      if (open !== undefined) await this.#store.deleteRequest(open.requestId);
      this.#notifier.resolved({ requestId: '', nodeId, decision: 'removed', ts: Date.now() });
      return true;
    });
  }

  /** Rename a paired node; `undefined` when it is not paired. */
  rename(nodeId: string, displayName: string): Promise<PairedNode | undefined> {
    return this.#serialized(async () => {
      const paired = await this.#store.getNode(nodeId);
      if (paired === undefined) return undefined;
      const renamed: PairedNode = { ...paired, displayName };
      await this.#store.putNode(renamed);
      return renamed;
    });
  }

  async #requestOf(nodeId: string): Promise<NodePairRequest | undefined> {
    return (await this.#store.listRequests()).find((request) => request.nodeId === nodeId);
  }

  #serialized<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(work);
    this.#queue = run.catch(() => {});
    return run;
  }
}
