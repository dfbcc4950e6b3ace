import type { ClusterGatewayStatus, NodeInvokeResultParams, PresenceEntry } from '@gatewire/protocol';
import type { AdapterHealth, AdapterObservation, BroadcastMessage, GatewayAdapter, LocalDelivery, NodePairingChange, NodeRoute, ReplayStore, ResolvedResumeOptions, TargetedMessage } from '@gatewire/server';
import { ClusterView } from './cluster-view';
import { clusterGatewayList, NO_CONNECTIONS, type GatewayInfo } from './gateway-info';
import { parseInboxMessage, type InboxMessage } from './inbox-message';
import { InvokeRouter } from './invoke-router';
import { PairingRelay } from './pairing-relay';
import { clusterKeys, type ClusterKeys } from './keys';
import { LeaseRenewal } from './lease-renewal';
import { LogApplier } from './log-applier';
import { parseBusMessage } from './log-entry';
import { LogWriter } from './log-writer';
import { OrderedReader } from './ordered-reader';
import { RedisLog } from './redis-log';
import { RedisReplayStore } from './redis-replay-store';
import type { RedisConnection } from './redis-connection';
import type { ResolvedRedisAdapterOptions } from './redis-adapter-options';
import type { RedisAdapterStats } from './redis-adapter-stats';
import { ScriptRunner } from './script-runner';
import { withTimeout } from './with-timeout';
import { applySnapshot } from './snapshot';

/** Longest wait of `close()` for the outbox to drain, then for the goodbye to Redis, ms each. */
const CLOSE_WAIT_MS = 2_000;

/**
 * The Redis {@link GatewayAdapter}: one cluster-wide ordered log for broadcasts and presence and
 * node changes, leases for liveness, per-gateway inboxes for `node.invoke`. Create it with
 * `createRedisAdapter` (which connects and checks Redis first).
 *
 * The parts: {@link LogWriter} (this gateway's changes into the log), {@link OrderedReader} and
 * {@link LogApplier} (the log, in order, applied to this gateway), {@link LeaseRenewal} (liveness),
 * {@link InvokeRouter} (cross-gateway `node.invoke`), {@link PairingRelay} (node pairing changes for
 * other gateways), {@link ClusterView} (the other gateways' presence and nodes). This class wires them and follows the Redis connections.
 */
export class RedisAdapter implements GatewayAdapter {
  readonly #options: ResolvedRedisAdapterOptions;
  readonly #command: RedisConnection;
  readonly #subscriber: RedisConnection;
  readonly #keys: ClusterKeys;
  readonly #scripts: ScriptRunner;
  readonly #view = new ClusterView();
  readonly #writer: LogWriter;
  readonly #reader: OrderedReader;
  readonly #applier: LogApplier;
  readonly #lease: LeaseRenewal;
  readonly #router: InvokeRouter;
  readonly #pairingRelay: PairingRelay;
  readonly #gatewayId: string;
  /** This gateway's own presence entries and nodes (re-registered when Redis lost them). */
  readonly #ownPresence = new Map<string, PresenceEntry>();
  readonly #ownNodes = new Map<string, NodeRoute>();
  #local: LocalDelivery | undefined;
  #replayStore: RedisReplayStore | undefined;
  #timer: NodeJS.Timeout | undefined;
  #connected = true;
  #closing = false;
  #outboxDropped = 0;
  readonly #startedAtMs = Date.now();

  /** @internal Use `createRedisAdapter`. */
  constructor(options: ResolvedRedisAdapterOptions, command: RedisConnection, subscriber: RedisConnection, gatewayId: string) {
    this.#options = options;
    this.#command = command;
    this.#subscriber = subscriber;
    this.#gatewayId = gatewayId;
    this.#keys = clusterKeys(options.keyPrefix, options.cluster);
    this.#scripts = new ScriptRunner(command);
    const inbox = { send: (target: string, message: InboxMessage) => this.#sendInbox(target, message) };
    this.#router = new InvokeRouter(gatewayId, inbox);
    this.#pairingRelay = new PairingRelay(inbox);
    this.#applier = new LogApplier(gatewayId, this.#view, (gone) => {
      this.#router.gatewayGone(gone);
      this.#pairingRelay.gatewayGone(gone);
    });
    this.#reader = new OrderedReader(new RedisLog(command, this.#keys), this.#applier, options.gapWaitMs);
    this.#writer = new LogWriter(command, this.#scripts, this.#keys, gatewayId, options.maxLogEntries, {
      canSend: () => this.#connected && !(this.#closing && !this.#command.isReady),
      sequenced: (epoch, offset, entry) => this.#reader.receive(epoch, offset, entry),
    });
    this.#lease = new LeaseRenewal(command, this.#scripts, this.#keys, options, gatewayId, {
      ownInfo: () => this.#ownInfo(),
      leaseLost: () => this.#reregister(),
      renewed: () => this.#reader.catchUp(),
    });
  }

  /** This gateway's id in the cluster (the gateway's `bootId` once started). */
  get gatewayId(): string {
    return this.#gatewayId;
  }

  get stats(): RedisAdapterStats {
    return {
      outboxDropped: this.#outboxDropped,
      lostGaps: this.#applier.lostGaps,
      outboxSize: this.#writer.size,
      forwardedInvokes: this.#router.forwardedCount,
      unsentPairingNotices: this.#pairingRelay.unsentCount,
      lastOffset: this.#reader.lastOffset,
      lagEntries: this.#reader.lagEntries,
    };
  }

  /** @internal Subscribe, read the cluster state, take the lease. Called once by `createRedisAdapter`. */
  async open(): Promise<void> {
    await this.#scripts.load();
    await this.#subscriber.subscribe(this.#keys.bus, (message) => this.#onBusMessage(message));
    await this.#subscriber.subscribe(this.#keys.inbox(this.#gatewayId), (message) => this.#onInboxMessage(message));
    const snapshot = await this.#scripts.snapshot(this.#keys);
    const position = applySnapshot(this.#view, snapshot, this.#gatewayId);
    this.#reader.start(position.epoch, position.offset);
    this.#applier.startAt(position.offset);
    await this.#lease.takeFirst();
    // Connected means both connections ready: a result published to this gateway's inbox while its
    // subscriber is away is lost, so losing either one fails the pending cross-gateway invokes.
    for (const connection of [this.#command, this.#subscriber]) {
      connection.on('ready', () => this.#onReconnected());
      connection.on('error', () => this.#onConnectionTrouble());
      connection.on('end', () => this.#onConnectionTrouble());
    }
    this.#timer = setInterval(() => this.#tick(), this.#options.renewIntervalMs);
    this.#timer.unref();
  }

  start(local: LocalDelivery): void {
    if (local.gatewayId !== this.#gatewayId) {
      throw new TypeError('RedisAdapter: pass the adapter to one gateway only (createRedisAdapter per gateway)');
    }
    this.#local = local;
    this.#applier.setLocal(local);
    this.#router.start(local);
  }

  /** `false` when Redis is unreachable and the outbox holds `maxOutboxEntries` already: the broadcast is refused. */
  publish(message: BroadcastMessage): boolean {
    if (!this.#connected && message.gatewayId === this.#gatewayId && message.droppable) {
      this.#local?.deliverUnsequenced(message);
      return true;
    }
    if (!this.#connected && this.#writer.size >= this.#options.maxOutboxEntries) {
      this.#outboxDropped += 1;
      return false;
    }
    this.#writer.append({ k: 'b', g: this.#gatewayId, m: message }, 'none', '', '');
    return true;
  }

  sendToConnection(connId: string, message: TargetedMessage): boolean {
    if (this.#local?.deliverToConnection(connId, message) === true) return true;
    const gatewayId = this.#view.gatewayOfNodeConnection(connId);
    if (gatewayId === undefined || gatewayId === this.#gatewayId) return false;
    this.#router.sendRemote(gatewayId, connId, message);
    return true;
  }

  setPresence(key: string, entry: PresenceEntry): void {
    this.#ownPresence.set(key, entry);
    this.#view.setPresence(this.#gatewayId, key, entry);
    this.#writer.append({ k: 'p', g: this.#gatewayId, key, e: entry }, 'hset', key, JSON.stringify(entry));
  }

  deletePresence(key: string): void {
    this.#ownPresence.delete(key);
    this.#view.deletePresence(this.#gatewayId, key);
    this.#writer.append({ k: 'p', g: this.#gatewayId, key }, 'hdel', key, '');
  }

  listPresence(): PresenceEntry[] {
    return this.#view.listPresence();
  }

  lastOffset(): number {
    return this.#reader.lastOffset;
  }

  presenceVersion(): number {
    return this.#applier.presenceVersion;
  }

  registerNode(route: NodeRoute): void {
    this.#ownNodes.set(route.nodeId, route);
    this.#view.setNode(this.#gatewayId, route);
    this.#writer.appendNode(route);
  }

  unregisterNode(nodeId: string, connId: string): void {
    if (this.#ownNodes.get(nodeId)?.connId === connId) this.#ownNodes.delete(nodeId);
    this.#view.deleteNode(nodeId, connId);
    this.#writer.append({ k: 'n', g: this.#gatewayId, id: nodeId, c: connId }, 'unnode', nodeId, connId);
  }

  getNode(nodeId: string): NodeRoute | undefined {
    return this.#view.getNode(nodeId)?.route;
  }

  listNodes(): NodeRoute[] {
    return this.#view.listNodes();
  }

  /** Replay streams in this process, with a record in Redis so another gateway can rebuild them from the log. */
  createReplayStore(options: ResolvedResumeOptions): ReplayStore {
    this.#replayStore = new RedisReplayStore(options, { client: this.#command, keys: this.#keys, gatewayId: this.#gatewayId, epoch: () => this.#reader.epoch });
    return this.#replayStore;
  }

  forwardInvokeResult(nodeConnId: string, result: NodeInvokeResultParams): boolean {
    return this.#router.forwardResult(nodeConnId, result);
  }

  relayNodePairing(route: NodeRoute, change: NodePairingChange): void {
    const location = this.#view.getNode(route.nodeId);
    if (location === undefined || location.gatewayId === this.#gatewayId || location.route.connId !== route.connId) return;
    this.#pairingRelay.send(location.gatewayId, route.nodeId, route.connId, change);
  }

  nodeConnectionClosed(nodeConnId: string): void {
    this.#router.nodeClosed(nodeConnId);
  }

  /** The gateways of the cluster (as of the last renewal; this one's counts live), for `status`. */
  clusterGateways(): ClusterGatewayStatus[] {
    return clusterGatewayList(this.#lease.gatewayInfo, { gatewayId: this.#gatewayId, info: this.#ownInfo() });
  }

  health(): AdapterHealth {
    if (!this.#connected) return { ok: false, reason: 'redis unreachable' };
    if (this.#lease.stalled) return { ok: false, reason: 'redis not answering' };
    return { ok: true };
  }

  /** Redis's state for the gateway's metrics (`gatewire_adapter_*`), read at each scrape. */
  observe(): AdapterObservation {
    return { connected: this.#connected && !this.#lease.stalled, lagEntries: this.#reader.lagEntries, outboxDepth: this.#writer.size, outboxRefused: this.#outboxDropped };
  }

  /** Leave the cluster at once (presence and nodes gone everywhere), then disconnect. */
  async close(): Promise<void> {
    if (this.#closing) return;
    this.#closing = true;
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#reader.stop();
    try {
      await this.#writer.drain(CLOSE_WAIT_MS);
      await withTimeout(this.#scripts.evict(this.#keys, this.#options, this.#gatewayId), CLOSE_WAIT_MS);
    } catch {
      // Redis unreachable: the lease expires by itself.
    }
    this.#router.clear();
    this.#local = undefined;
    this.#applier.setLocal(undefined);
    this.#command.destroy();
    this.#subscriber.destroy();
  }

  #ownInfo(): GatewayInfo {
    return { startedAtMs: this.#startedAtMs, connections: this.#local?.connectionCounts() ?? NO_CONNECTIONS };
  }

  #onBusMessage(text: string): void {
    const message = parseBusMessage(text);
    if (message !== undefined) this.#reader.receive(message.epoch, message.offset, message.entry);
  }

  #onInboxMessage(text: string): void {
    const message = parseInboxMessage(text);
    if (message !== undefined) this.#router.receive(message);
  }

  #sendInbox(gatewayId: string, message: InboxMessage): Promise<number> {
    return this.#command.publish(this.#keys.inbox(gatewayId), JSON.stringify(message));
  }

  /** Redis lost this gateway's lease (or its data): register its presence and nodes again. */
  #reregister(): void {
    for (const [key, entry] of this.#ownPresence) this.#writer.append({ k: 'p', g: this.#gatewayId, key, e: entry }, 'hset', key, JSON.stringify(entry));
    for (const route of this.#ownNodes.values()) this.#writer.appendNode(route);
  }

  #tick(): void {
    const nowMs = Date.now();
    this.#router.sweep(nowMs);
    if (this.#lease.inProgress(nowMs)) return;
    if (!this.#connected) return;
    this.#replayStore?.refresh();
    this.#lease.renew(nowMs);
  }

  #onConnectionTrouble(): void {
    if (!this.#command.isReady || !this.#subscriber.isReady) this.#onDisconnected();
  }

  #onDisconnected(): void {
    if (!this.#connected || this.#closing) return;
    this.#connected = false;
    this.#writer.resendAll();
    for (const route of this.#view.nodesNotOf(this.#gatewayId)) this.#local?.nodeGone(route.connId);
  }

  #onReconnected(): void {
    if (this.#closing || !this.#command.isReady || !this.#subscriber.isReady) return;
    this.#connected = true;
    this.#scripts
      .load()
      .then(() => {
        this.#writer.flush();
        this.#reader.catchUp();
        this.#resyncPairings();
      })
      .catch(() => {});
  }

  /**
   * After a reconnect (both connections subscribed again): publish the pairing notices that failed,
   * and have this gateway re-read the approvals of its own nodes, since a notice sent to it while it
   * was away was lost.
   */
  #resyncPairings(): void {
    this.#pairingRelay.resend();
    for (const route of this.#ownNodes.values()) this.#local?.nodePairingChanged(route.nodeId, route.connId, 'resync');
  }
}
