import { randomUUID } from 'node:crypto';
import type { ClusterGatewayStatus, NodeInvokeResultParams, PresenceEntry } from '@gatewire/protocol';
import type { AdapterHealth, AdapterObservation, BroadcastMessage, GatewayAdapter, LocalDelivery, NodePairingChange, NodeRoute, ReplayStore, ResolvedResumeOptions, TargetedMessage } from '@gatewire/server';
import { ClusterView } from './cluster-view';
import { clusterGatewayList, formatGatewayInfo, NO_CONNECTIONS, type GatewayInfo } from './gateway-info';
import { parseInboxMessage, type InboxMessage } from './inbox-message';
import { InvokeRouter } from './invoke-router';
import { PairingRelay } from './pairing-relay';
import { clusterKeys, type ClusterKeys } from './keys';
import { parseBusMessage, parseLogEntry, type LogEntry } from './log-entry';
import { OrderedReader } from './ordered-reader';
import { Outbox, type OutboxItem } from './outbox';
import { RedisLog } from './redis-log';
import { RedisReplayStore } from './redis-replay-store';
import type { RedisConnection } from './redis-connection';
import type { ResolvedRedisAdapterOptions } from './redis-adapter-options';
import type { RedisAdapterStats } from './redis-adapter-stats';
import { ScriptRunner } from './script-runner';
import { withTimeout } from './with-timeout';
import { applySnapshot } from './snapshot';

/** Renew intervals a renewal may wait for Redis before the adapter says degraded (`redis not answering`). */
const STALLED_AFTER_INTERVALS = 2;
/** Longest wait of `close()` for the outbox to drain, then for the goodbye to Redis, ms each. */
const CLOSE_WAIT_MS = 2_000;

/**
 * The Redis {@link GatewayAdapter}: one cluster-wide ordered log for broadcasts and presence and
 * node changes, leases for liveness, per-gateway inboxes for `node.invoke`. Create it with
 * `createRedisAdapter` (which connects and checks Redis first).
 */
export class RedisAdapter implements GatewayAdapter {
  readonly #options: ResolvedRedisAdapterOptions;
  readonly #command: RedisConnection;
  readonly #subscriber: RedisConnection;
  readonly #keys: ClusterKeys;
  readonly #scripts: ScriptRunner;
  readonly #view = new ClusterView();
  readonly #outbox = new Outbox();
  readonly #reader: OrderedReader;
  readonly #router: InvokeRouter;
  readonly #pairingRelay: PairingRelay;
  readonly #gatewayId: string;
  /** This gateway's own presence entries and nodes (re-registered when Redis lost them). */
  readonly #ownPresence = new Map<string, PresenceEntry>();
  readonly #ownNodes = new Map<string, NodeRoute>();
  #local: LocalDelivery | undefined;
  #replayStore: RedisReplayStore | undefined;
  #timer: NodeJS.Timeout | undefined;
  #presenceVersion = 0;
  #connected = true;
  #closing = false;
  #outboxDropped = 0;
  #lostGaps = 0;
  #renewing = false;
  readonly #startedAtMs = Date.now();
  /** The gateway-info hash as last read (each renewal), gateway id → info JSON. */
  #gatewayInfo: Record<string, string> = {};
  /** When the renewal in progress started (`Date.now()`). */
  #renewStartedAtMs = 0;
  /** A renewal has waited two intervals for Redis: connected, but not answering. */
  #stalled = false;

  /** @internal Use `createRedisAdapter`. */
  constructor(options: ResolvedRedisAdapterOptions, command: RedisConnection, subscriber: RedisConnection, gatewayId: string) {
    this.#options = options;
    this.#command = command;
    this.#subscriber = subscriber;
    this.#gatewayId = gatewayId;
    this.#keys = clusterKeys(options.keyPrefix, options.cluster);
    this.#scripts = new ScriptRunner(command);
    const log = new RedisLog(command, this.#keys);
    this.#reader = new OrderedReader(log, {
      apply: (offset, entry) => this.#apply(offset, entry),
      lost: () => this.#lost(),
      epochChanged: () => this.#epochChanged(),
      fetchFailed: () => {},
    }, options.gapWaitMs);
    const inbox = { send: (target: string, message: InboxMessage) => this.#sendInbox(target, message) };
    this.#router = new InvokeRouter(gatewayId, inbox);
    this.#pairingRelay = new PairingRelay(inbox);
  }

  /** This gateway's id in the cluster (the gateway's `bootId` once started). */
  get gatewayId(): string {
    return this.#gatewayId;
  }

  get stats(): RedisAdapterStats {
    return {
      outboxDropped: this.#outboxDropped,
      lostGaps: this.#lostGaps,
      outboxSize: this.#outbox.size,
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
    this.#presenceVersion = position.offset;
    await this.#renew(true);
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
    this.#router.start(local);
  }

  /** `false` when Redis is unreachable and the outbox holds `maxOutboxEntries` already: the broadcast is refused. */
  publish(message: BroadcastMessage): boolean {
    if (!this.#connected && message.gatewayId === this.#gatewayId && message.droppable) {
      this.#local?.deliverUnsequenced(message);
      return true;
    }
    if (!this.#connected && this.#outbox.size >= this.#options.maxOutboxEntries) {
      this.#outboxDropped += 1;
      return false;
    }
    this.#sequence({ k: 'b', g: this.#gatewayId, m: message }, 'none', '', '');
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
    this.#sequence({ k: 'p', g: this.#gatewayId, key, e: entry }, 'hset', key, JSON.stringify(entry));
  }

  deletePresence(key: string): void {
    this.#ownPresence.delete(key);
    this.#view.deletePresence(this.#gatewayId, key);
    this.#sequence({ k: 'p', g: this.#gatewayId, key }, 'hdel', key, '');
  }

  listPresence(): PresenceEntry[] {
    return this.#view.listPresence();
  }

  lastOffset(): number {
    return this.#reader.lastOffset;
  }

  presenceVersion(): number {
    return this.#presenceVersion;
  }

  registerNode(route: NodeRoute): void {
    this.#ownNodes.set(route.nodeId, route);
    this.#view.setNode(this.#gatewayId, route);
    this.#sequenceNode(route);
  }

  unregisterNode(nodeId: string, connId: string): void {
    if (this.#ownNodes.get(nodeId)?.connId === connId) this.#ownNodes.delete(nodeId);
    this.#view.deleteNode(nodeId, connId);
    this.#sequence({ k: 'n', g: this.#gatewayId, id: nodeId, c: connId }, 'unnode', nodeId, connId);
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
    return clusterGatewayList(this.#gatewayInfo, { gatewayId: this.#gatewayId, info: this.#ownInfo() });
  }

  #ownInfo(): GatewayInfo {
    return { startedAtMs: this.#startedAtMs, connections: this.#local?.connectionCounts() ?? NO_CONNECTIONS };
  }

  health(): AdapterHealth {
    if (!this.#connected) return { ok: false, reason: 'redis unreachable' };
    if (this.#stalled) return { ok: false, reason: 'redis not answering' };
    return { ok: true };
  }

  /** Redis's state for the gateway's metrics (`gatewire_adapter_*`), read at each scrape. */
  observe(): AdapterObservation {
    return { connected: this.#connected && !this.#stalled, lagEntries: this.#reader.lagEntries, outboxDepth: this.#outbox.size, outboxRefused: this.#outboxDropped };
  }

  /** Leave the cluster at once (presence and nodes gone everywhere), then disconnect. */
  async close(): Promise<void> {
    if (this.#closing) return;
    this.#closing = true;
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#reader.stop();
    try {
      await this.#drainOutbox(CLOSE_WAIT_MS);
      await withTimeout(this.#scripts.evict(this.#keys, this.#options, this.#gatewayId), CLOSE_WAIT_MS);
    } catch {
      // Redis unreachable: the lease expires by itself.
    }
    this.#router.clear();
    this.#local = undefined;
    this.#command.destroy();
    this.#subscriber.destroy();
  }

  #sequenceNode(route: NodeRoute): void {
    this.#sequence({ k: 'n', g: this.#gatewayId, id: route.nodeId, r: route }, 'node', route.nodeId, JSON.stringify({ g: this.#gatewayId, route }));
  }

  #sequence(entry: LogEntry, op: string, field: string, value: string): void {
    const text = JSON.stringify(entry);
    const sideHash = entry.k === 'n' ? this.#keys.nodes : this.#keys.presence(this.#gatewayId);
    const keys = [this.#keys.meta, this.#keys.log, sideHash, this.#keys.gatewayNodes(this.#gatewayId)];
    this.#outbox.push(keys, (number) => [randomUUID(), this.#keys.bus, String(this.#options.maxLogEntries), this.#gatewayId, String(number), text, op, field, value], text);
    this.#flush();
  }

  #flush(): void {
    if (!this.#connected || this.#closing && !this.#command.isReady) return;
    for (const item of this.#outbox.takeUnsent()) this.#send(item);
  }

  #send(item: OutboxItem): void {
    this.#scripts.sequence(item.keys, item.args).then(
      (reply) => {
        this.#outbox.acknowledge(item);
        if (reply.offset > 0) this.#reader.receive(reply.epoch, reply.offset, item.entry);
      },
      () => {
        this.#outbox.resendAll();
        if (this.#command.isReady) setTimeout(() => this.#flush(), 50).unref();
      },
    );
  }

  #drainOutbox(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    return new Promise((resolve) => {
      const check = () => {
        if (this.#outbox.size === 0 || Date.now() >= deadline) resolve();
        else setTimeout(check, 10);
      };
      check();
    });
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

  #apply(offset: number, text: string): void {
    const entry = parseLogEntry(text);
    if (entry === undefined) return;
    if (entry.k === 'b') {
      const message = entry.m.event === 'presence' && entry.m.stateVersion !== undefined ? { ...entry.m, stateVersion: { ...entry.m.stateVersion, presence: this.#presenceVersion } } : entry.m;
      this.#local?.deliverBroadcast(message, offset);
      return;
    }
    if (entry.k === 'down') {
      this.#presenceVersion = offset;
      if (entry.g === this.#gatewayId) return;
      this.#router.gatewayGone(entry.g);
      this.#pairingRelay.gatewayGone(entry.g);
      for (const route of this.#view.dropGateway(entry.g)) this.#local?.nodeGone(route.connId);
      if (entry.a === this.#gatewayId) this.#local?.presenceChanged();
      return;
    }
    if (entry.g === this.#gatewayId) {
      if (entry.k === 'p') this.#presenceVersion = offset;
      return;
    }
    if (entry.k === 'p') {
      this.#presenceVersion = offset;
      if (entry.e === undefined) this.#view.deletePresence(entry.g, entry.key);
      else this.#view.setPresence(entry.g, entry.key, entry.e);
    } else if (entry.r !== undefined) {
      this.#view.setNode(entry.g, entry.r);
    } else if (entry.c !== undefined) {
      this.#view.deleteNode(entry.id, entry.c);
    }
  }

  #lost(): void {
    this.#lostGaps += 1;
    this.#local?.skipLostBroadcasts();
  }

  /** Redis came back without the old log: forget other gateways (they register again) and register again. */
  #epochChanged(): void {
    for (const route of this.#view.dropOthers(this.#gatewayId)) this.#local?.nodeGone(route.connId);
  }

  #reregister(): void {
    for (const [key, entry] of this.#ownPresence) this.#sequence({ k: 'p', g: this.#gatewayId, key, e: entry }, 'hset', key, JSON.stringify(entry));
    for (const route of this.#ownNodes.values()) this.#sequenceNode(route);
  }

  #tick(): void {
    const nowMs = Date.now();
    this.#router.sweep(nowMs);
    if (this.#renewing) {
      if (nowMs - this.#renewStartedAtMs >= STALLED_AFTER_INTERVALS * this.#options.renewIntervalMs) this.#stalled = true;
      return;
    }
    if (!this.#connected) return;
    this.#replayStore?.refresh();
    this.#renewing = true;
    this.#renewStartedAtMs = nowMs;
    this.#renew(false)
      .then(() => this.#scripts.evict(this.#keys, this.#options, ''))
      .then(() => this.#command.hGetAll(this.#keys.gatewayInfo))
      .then((hash) => {
        this.#gatewayInfo = hash;
        this.#reader.catchUp();
      })
      .catch(() => {})
      .finally(() => {
        this.#renewing = false;
        this.#stalled = false;
      });
  }

  async #renew(first: boolean): Promise<void> {
    const hadLease = await this.#scripts.renew(this.#keys, this.#options, this.#gatewayId, formatGatewayInfo(this.#ownInfo()));
    if (!hadLease && !first) this.#reregister();
  }

  #onConnectionTrouble(): void {
    if (!this.#command.isReady || !this.#subscriber.isReady) this.#onDisconnected();
  }

  #onDisconnected(): void {
    if (!this.#connected || this.#closing) return;
    this.#connected = false;
    this.#outbox.resendAll();
    for (const route of this.#view.nodesNotOf(this.#gatewayId)) this.#local?.nodeGone(route.connId);
  }

  #onReconnected(): void {
    if (this.#closing || !this.#command.isReady || !this.#subscriber.isReady) return;
    this.#connected = true;
    this.#scripts
      .load()
      .then(() => {
        this.#flush();
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
