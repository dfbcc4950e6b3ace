import { randomUUID } from 'node:crypto';
import {
  CloseCodes,
  coreEvents,
  ErrorCodes,
  parseFrame,
  RESUME_CAPABILITY,
  type ConnectParams,
  type EventDefinition,
  type EventScope,
  type HealthSnapshot,
  type RequestFrame,
  type Snapshot,
  type StatusResult,
} from '@gatewire/protocol';
import { AuditLog, connectRecordOf } from '../audit/audit-log';
import { acceptedCredentialKinds, lockoutKey } from '../auth/credential-kind';
import type { BroadcastMessage } from '../cluster/adapter';
import { AuthRateLimiter } from '../auth/rate-limiter';
import { Connection, type ConnectionSettings } from '../connection/connection';
import { connectionInfoOf, type ConnectionInfo } from '../connection/connection-info';
import { ConnectionRegistry } from '../connection/connection-registry';
import { GatewayCounters } from '../connection/counters';
import { closeDeviceSockets } from '../devices/close-device-sockets';
import { DeviceManagement } from '../devices/device-management';
import { registerPairMethods } from '../devices/pair-methods';
import { registerScopeUpgradeMethods } from '../devices/scope-upgrade-methods';
import { ScopeUpgrades } from '../devices/scope-upgrades';
import { PairingService } from '../devices/pairing-service';
import { BroadcastDelivery } from '../events/local-delivery';
import { admitConnect } from '../handshake/admission';
import { ConnectRefusal } from '../handshake/connect-refusal';
import { handlePreAuthFrame, type HandshakeHost } from '../handshake/handshake-session';
import { Instrumentation } from '../instrumentation/instrumentation';
import { Probes } from '../instrumentation/probes';
import { takeSnapshot } from '../instrumentation/take-snapshot';
import { buildHelloOk } from '../handshake/hello';
import { helloHealthMessage, sendHelloHealth } from '../handshake/hello-health';
import { evictOldestUnauthenticated } from '../handshake/preauth-eviction';
import { Heartbeat } from '../heartbeat/heartbeat';
import { sweepPings } from '../heartbeat/ping-sweep';
import { HostHooks, type HostedSnapshot } from '../host-hooks/host-hooks';
import { checkUpgrade, type UpgradeRefusal } from '../http/upgrade-guard';
import { registerBuiltinMethods } from '../methods/builtin-methods';
import { IdempotencyCache } from '../methods/idempotency-cache';
import { refuseInvalidFrame } from '../methods/invalid-frame';
import { MethodRateLimiter } from '../methods/method-rate-limiter';
import { MonitorFeed } from '../monitor/monitor-feed';
import { attachMonitorFeed } from '../monitor/monitor-listeners';
import { registerMonitorMethods } from '../monitor/monitor-methods';
import { monitorDefaults } from '../monitor/monitor-options';
import { MonitorSubscribers } from '../monitor/monitor-subscribers';
import { MethodRegistry } from '../methods/method-registry';
import { MethodRouter } from '../methods/method-router';
import { WorkLimiter } from '../methods/work-limiter';
import { resolveClientAddress, type ClientAddress } from '../net/client-address';
import { NodeInvoker } from '../nodes/node-invoker';
import { registerNodePairMethods } from '../nodes/node-pair-methods';
import { applyNodePairingHere } from '../nodes/node-pairing-sync';
import { NodePairingService } from '../nodes/node-pairing-service';
import { nodeRouteOf, nodeSurfaceOf } from '../nodes/node-route';
import { registerNodeMethods } from '../nodes/node-methods';
import type { ResolvedGatewayOptions } from '../options/resolve-options';
import { closeSharedSecretSessions, reconfigureOptions, sharedSecretChanged, type ReconfigurableOptions } from '../options/reconfigure';
import { PresenceCoalescer } from '../presence/presence-coalescer';
import { PresenceTracker, selfPresence } from '../presence/presence-tracker';
import { ResumeFeature } from '../resume/resume-feature';
import type { GatewaySocket } from '../transport/socket';
import { SystemMethods } from '../system/system-methods';
import type { UpgradeRequest } from '../transport/upgrade-request';
import { ConnectionHandlers, type ConnectionEventsHost } from './connection-handlers';
import type { GatewayErrorEvent, RefusedEvent } from './gateway-events';
import type { GatewayRuntime } from './runtime';
import { statusReport } from './status-report';
import { ShutdownSequence, type ShutdownOptions } from './shutdown';

/** Events about this gateway itself: sequenced like any broadcast, but only its own connections receive them. */
const GATEWAY_LOCAL_EVENTS: ReadonlySet<string> = new Set(['tick', 'health', 'shutdown']);

/** How the core tells the public gateway object what happened. */
export interface CoreNotifier {
  connection(info: ConnectionInfo): void;
  disconnect(info: ConnectionInfo, code: number, reason: string): void;
  refused(event: RefusedEvent): void;
  error(event: GatewayErrorEvent): void;
  /** `true` when a listener handled the node event. */
  nodeEvent(node: ConnectionInfo, event: string, payload: unknown): boolean;
}

/**
 * The gateway engine: connections, handshake, routing, broadcast, heartbeat and shutdown. It works
 * on {@link GatewaySocket}s only; the public `Gateway` adds the listeners and the typed API.
 */
export class GatewayCore implements GatewayRuntime, HandshakeHost, ConnectionEventsHost {
  #options: ResolvedGatewayOptions;
  readonly bootId: string;
  readonly startedAtMs = Date.now();
  readonly counters = new GatewayCounters();
  readonly connections = new ConnectionRegistry();
  readonly methods: MethodRegistry;
  readonly events: ReadonlyMap<string, EventDefinition>;
  readonly adapter;
  readonly pairing: PairingService;
  readonly #scopeUpgrades: ScopeUpgrades;
  readonly nodeInvoker: NodeInvoker;
  readonly nodePairing: NodePairingService;
  readonly presenceTracker: PresenceTracker;
  /** At most one `presence` broadcast per `presenceCoalesceMs`. */
  readonly #presenceBroadcasts: PresenceCoalescer;
  readonly #notifier: CoreNotifier;
  readonly #audit: AuditLog;
  readonly #limiter: WorkLimiter;
  readonly #idempotency: IdempotencyCache;
  readonly #rateLimiter: AuthRateLimiter;
  readonly #methodRateLimiter = new MethodRateLimiter();
  readonly #router: MethodRouter;
  readonly #heartbeat: Heartbeat;
  readonly #shutdown = new ShutdownSequence();
  readonly #maintenance: NodeJS.Timeout;
  readonly #resume: ResumeFeature | undefined;
  readonly #delivery: BroadcastDelivery;
  /** Shared by every connection (none of it can be reconfigured). */
  readonly #connectionSettings: ConnectionSettings;
  /** `hello-ok.features.capabilities` (the resume capability added when enabled). */
  readonly #capabilities: readonly string[];
  /** What happens in this gateway, for metrics and monitors (see {@link Instrumentation}). */
  readonly instrumentation: Instrumentation;
  readonly #probes: Probes;
  readonly #systemMethods: SystemMethods;
  /** The operator view (`monitor.*`); its request windows also give `status` its latency. */
  readonly #monitor: MonitorFeed;
  /** Connections following the monitor feed; `undefined` with `monitor: false`. */
  readonly #monitorSubscribers: MonitorSubscribers | undefined;
  readonly #detachMonitor: () => void;
  /** The host's `health`, `status` and `snapshot` hooks, bounded and checked. */
  readonly #hostHooks: HostHooks;
  #healthVersion = 1;

  constructor(options: ResolvedGatewayOptions, notifier: CoreNotifier) {
    this.#options = options;
    this.#notifier = notifier;
    this.adapter = options.adapter;
    this.instrumentation = new Instrumentation(
      () => takeSnapshot({ connections: this.connections, counters: this.counters, limiter: this.#limiter, adapter: this.adapter }),
      (error) => this.#notifier.error({ error }),
    );
    this.#probes = new Probes(this.instrumentation, this.counters);
    this.bootId = options.adapter.gatewayId ?? randomUUID();
    this.#audit = new AuditLog(options.logger);
    this.#connectionSettings = {
      maxBufferedBytes: options.maxBufferedBytes,
      slowConsumerTimeoutMs: options.slowConsumerTimeoutMs,
      counters: this.counters,
      onSlowConsumer: (connection) => this.#probes.slowConsumer(connection),
    };
    this.#limiter = new WorkLimiter(options.maxConcurrentHandlers, options.maxQueuedRequests);
    this.#idempotency = new IdempotencyCache(options.idempotencyTtlMs, options.idempotencyMaxEntries);
    this.#rateLimiter = new AuthRateLimiter(options.authRateLimit);
    this.events = new Map(Object.entries({ ...coreEvents, ...options.events }));
    this.pairing = new PairingService(options.deviceStore, {
      requested: (request) => this.broadcastEvent('device.pair.requested', request),
      resolved: (event) => {
        this.broadcastEvent('device.pair.resolved', event);
        this.#scopeUpgrades?.resolved(event).catch((error: unknown) => this.#notifier.error({ error, method: 'device.pair.approve' }));
      },
    }, { maxPendingRequests: options.maxPendingPairingRequests, requestTtlMs: options.pairingRequestTtlMs });
    this.#scopeUpgrades = new ScopeUpgrades(options.deviceStore, this.pairing);
    this.nodePairing = new NodePairingService(options.nodePairing.store, options.nodePairing.dangerousCommands, {
      requested: (request) => this.broadcastEvent('node.pair.requested', request),
      resolved: (event) => this.broadcastEvent('node.pair.resolved', event),
    });
    this.nodeInvoker = new NodeInvoker({
      send: (connId, message) => this.adapter.sendToConnection(connId, message),
      routeOf: (nodeId) => this.adapter.getNode(nodeId)?.connId,
    });
    this.#presenceBroadcasts = new PresenceCoalescer(() => this.broadcastEvent('presence', { presence: this.presenceTracker.list() }), options.presenceCoalesceMs);
    this.presenceTracker = new PresenceTracker(this.adapter, selfPresence(options.serverVersion, this.bootId), this.bootId);
    this.#hostHooks = new HostHooks(options, () => this.#ownHealth(), (error, connId) => {
      this.#notifier.error({ error, method: error.hook === 'snapshot' ? 'connect' : error.hook, connId });
    });
    this.methods = new MethodRegistry(options.validateResults);
    registerBuiltinMethods(this.methods, this);
    this.#systemMethods = new SystemMethods(this.methods, { gatewayVersion: options.serverVersion, startedAtMs: this.startedAtMs });
    registerNodeMethods(this.methods, this);
    registerNodePairMethods(this.methods, this);
    registerPairMethods(this.methods, this.pairing, this.#deviceManagement());
    registerScopeUpgradeMethods(this.methods, this.#scopeUpgrades);
    this.#monitor = new MonitorFeed(options.monitor === false ? monitorDefaults : options.monitor, {
      bootId: this.bootId,
      serverVersion: options.serverVersion,
      startedAtMs: this.startedAtMs,
      connections: () => [...this.connections.authenticated()].flatMap((connection) => (connection.info === undefined ? [] : [connection.info])),
      connectionCounts: () => this.connections.counts(),
      load: () => ({ pendingRequests: this.counters.pendingRequests, queueDepth: this.#limiter.queueDepth, queueLimit: this.options.maxQueuedRequests }),
    });
    this.#monitorSubscribers = options.monitor === false ? undefined : new MonitorSubscribers(this.#monitor, options.monitor.updateIntervalMs);
    if (this.#monitorSubscribers !== undefined) registerMonitorMethods(this.methods, this.#monitor, this.#monitorSubscribers, (connId) => this.connections.get(connId));
    this.#detachMonitor = attachMonitorFeed(this.instrumentation, this.#monitor, this.#monitorSubscribers);
    this.#resume = options.resume === false ? undefined : new ResumeFeature(options.resume, this.adapter);
    this.#resume?.registerMethod(this.methods, (connId) => this.connections.get(connId), (connId, result) => this.#probes.resumeAnswered(connId, result));
    this.#capabilities = this.#resume === undefined ? options.capabilities : [...new Set([...options.capabilities, RESUME_CAPABILITY])];
    this.#delivery = new BroadcastDelivery(this.bootId, () => this.connections.authenticated(), this.#resume?.store);
    this.#router = new MethodRouter({
      registry: this.methods,
      limiter: this.#limiter,
      idempotency: this.#idempotency,
      idempotencyStore: options.idempotencyStore,
      idempotencyTtlMs: options.idempotencyTtlMs,
      rateLimiter: this.#methodRateLimiter,
      counters: this.counters,
      instrumentation: this.instrumentation,
      audit: this.#audit,
      logger: options.logger,
      maxConcurrentHandlersPerConnection: options.maxConcurrentHandlersPerConnection,
      maxConsecutiveUnauthorizedCalls: options.maxConsecutiveUnauthorizedCalls,
      busyRetryAfterMs: options.busyRetryAfterMs,
      onHandlerError: (error, method, connection) => this.#notifier.error({ error, method, connId: connection.connId }),
      onDispatchError: (error, connection) => this.#notifier.error({ error, connId: connection.connId }),
    });
    this.adapter.start({
      gatewayId: this.bootId,
      deliverBroadcast: (message, offset) => {
        if (this.#isForThisGateway(message)) this.#probes.broadcastDelivered(message, true);
        this.#delivery.deliver(message, offset);
      },
      skipLostBroadcasts: () => this.#delivery.skipLost(),
      deliverUnsequenced: (message) => {
        if (this.#isForThisGateway(message)) this.#probes.broadcastDelivered(message, false);
        this.#delivery.deliverUnsequenced(message);
      },
      deliverToConnection: (connId, message) => this.connections.get(connId)?.sendEvent(message.event, message.payload) ?? false,
      resolveInvoke: (nodeConnId, result) => this.nodeInvoker.resolve(nodeConnId, result),
      nodeGone: (nodeConnId) => this.nodeInvoker.nodeGone(nodeConnId),
      nodePairingChanged: (nodeId, connId, change) => {
        applyNodePairingHere(this, nodeId, connId, change).catch((error: unknown) => this.#notifier.error({ error, connId }));
      },
      presenceChanged: () => {
        if (!this.draining) this.#presenceBroadcasts.changed();
      },
      connectionCounts: () => this.connections.counts(),
    });
    this.#heartbeat = new Heartbeat(
      { tick: () => this.broadcastEvent('tick', { ts: Date.now() }), sweep: (now) => this.#sweep(now), health: () => this.publishHealth() },
      options,
    );
    this.#heartbeat.start();
    this.#maintenance = setInterval(() => {
      this.#rateLimiter.prune();
      this.#methodRateLimiter.prune();
      this.#idempotency.prune();
      this.pairing.livePending().catch((error: unknown) => this.#notifier.error({ error, method: 'device.pair.list' }));
    }, 60_000);
    this.#maintenance.unref();
  }

  /** Whether a broadcast reaches this gateway's connections (not another gateway's own `tick`, `health` or `shutdown`). */
  #isForThisGateway(message: BroadcastMessage): boolean {
    return message.gatewayId === undefined || message.gatewayId === this.bootId;
  }

  /** Device lifecycle: its events go out as `device.pair.changed`, its closes hit this gateway's sockets. */
  #deviceManagement(): DeviceManagement {
    return new DeviceManagement(this.#options.deviceStore, {
      changed: (event) => this.broadcastEvent('device.pair.changed', event),
      closeDeviceSockets: (selector) => closeDeviceSockets(this.connections.authenticated(), selector),
    });
  }

  /** The options in force (replaced as a whole by {@link GatewayCore.reconfigure}). */
  get options(): ResolvedGatewayOptions {
    return this.#options;
  }

  /**
   * Apply reloadable settings. New handshakes use them at once; when the shared secret changed,
   * connections that logged in with the old one are closed 4001 "gateway auth changed". Returns the
   * number of connections closed.
   */
  reconfigure(update: ReconfigurableOptions, keepConnIds: ReadonlySet<string> = new Set()): number {
    const before = this.#options;
    const after = reconfigureOptions(before, update);
    this.#options = after;
    return sharedSecretChanged(before, after) ? closeSharedSecretSessions(this.connections.authenticated(), keepConnIds) : 0;
  }

  get preAuthMaxPayloadBytes(): number {
    return this.options.preAuthMaxPayloadBytes;
  }

  get maxPendingHandshakeBytes(): number {
    return this.options.maxPendingHandshakeBytes;
  }

  get draining(): boolean {
    return this.#shutdown.started;
  }

  /** Resolve where an upgrade request comes from. */
  clientAddress(request: UpgradeRequest): ClientAddress {
    return resolveClientAddress(request.remoteAddress, request.headers, this.options, request.viaUnixSocket ?? false);
  }

  /** The refusal for an upgrade, or `undefined` to accept it. */
  checkUpgrade(request: UpgradeRequest, address: ClientAddress = this.clientAddress(request)): UpgradeRefusal | undefined {
    const refusal = checkUpgrade(request, address, {
      draining: this.draining,
      totalConnections: this.connections.size,
      maxConnections: this.options.maxConnections,
      maxUnauthenticatedPerIp: this.options.maxUnauthenticatedPerIp,
      unauthenticatedFrom: (ip) => this.connections.unauthenticatedFrom(ip),
      evictUnauthenticated: (ip) => evictOldestUnauthenticated(this.connections, ip),
      authLockedForMs: (client) => this.#rateLimiter.lockedForAllMs(
        acceptedCredentialKinds(this.options.authMode).map((kind) => lockoutKey(kind, client.clientIp)),
        client.isLoopbackClient,
      ),
    });
    if (refusal !== undefined) this.#probes.upgradeRefused(refusal, address.clientIp);
    return refusal;
  }

  /** Take over an open socket: challenge, handshake timer, frame handling. */
  acceptSocket(socket: GatewaySocket, request: UpgradeRequest, address: ClientAddress = this.clientAddress(request)): void {
    const connection = new Connection(randomUUID(), socket, request, address, randomUUID(), this.#connectionSettings);
    this.connections.add(connection);
    socket.setMaxPayload(this.options.preAuthMaxPayloadBytes);
    socket.listen(new ConnectionHandlers(this, connection));
    if (this.draining) {
      connection.close(CloseCodes.SERVICE_RESTART, 'service restart');
      return;
    }
    connection.startHandshakeTimer(this.options.handshakeTimeoutMs);
    const offered = this.#resume === undefined ? {} : { capabilities: [RESUME_CAPABILITY] };
    connection.sendEvent('connect.challenge', { nonce: connection.nonce, ts: Date.now(), ...offered });
  }

  /** A frame arrived on a connection's socket. */
  connectionMessage(connection: Connection, text: string, byteLength: number): void {
    if (connection.state === 'closed') return;
    if (connection.state !== 'open') {
      handlePreAuthFrame(this, connection, text, byteLength);
      return;
    }
    this.#onAuthenticatedFrame(connection, text, byteLength);
  }

  #onAuthenticatedFrame(connection: Connection, text: string, byteLength: number): void {
    if (byteLength > this.options.maxPayloadBytes) {
      connection.close(CloseCodes.MESSAGE_TOO_BIG, 'payload too large');
      return;
    }
    const parsed = parseFrame(text);
    if (!parsed.ok || parsed.frame.type !== 'req') {
      refuseInvalidFrame(connection, parsed);
      return;
    }
    try {
      this.#router.dispatch(connection, parsed.frame);
    } catch (error) {
      this.#notifier.error({ error, connId: connection.connId });
    }
  }

  beginConnect(connection: Connection, frame: RequestFrame, params: ConnectParams): void {
    admitConnect(connection, params, {
      options: this.options,
      rateLimiter: this.#rateLimiter,
      pairing: this.pairing,
      delay: (ms) => this.#shutdown.delay(ms),
      lockedOut: (clientIp, lockedForMs) => this.#probes.authLockout(clientIp, lockedForMs),
    })
      .then(async (admission) => {
        const info = connectionInfoOf(connection, params, admission);
        const nodeId = info.role === 'node' ? info.deviceId : undefined;
        const approval = nodeId === undefined ? undefined : await this.nodePairing.nodeConnected(nodeSurfaceOf(info, nodeId));
        const hosted = this.#hostHooks.shapeSnapshot ? await this.#hostHooks.snapshotFor(info) : undefined;
        return { admission, info, approval, hosted };
      })
      .then(
      ({ admission, info, approval, hosted }) => {
        if (connection.state === 'closed' || !connection.writable) return;
        connection.clearHandshakeTimer();
        const snapshot = this.#snapshot(hosted);
        const hello = buildHelloOk(connection.connId, admission, snapshot, {
          serverVersion: this.options.serverVersion,
          bootId: this.bootId,
          methods: this.methods.advertised(),
          events: [...this.events.keys()],
          capabilities: this.#capabilities,
          maxPayloadBytes: this.options.maxPayloadBytes,
          maxBufferedBytes: this.options.maxBufferedBytes,
          tickIntervalMs: this.options.tickIntervalMs,
        });
        connection.socket.setMaxPayload(this.options.maxPayloadBytes);
        connection.sendResponse(frame.id, true, hello);
        connection.authenticate(info);
        connection.liveFromSerial = Math.max(this.#delivery.nextSerial, (this.adapter.lastOffset?.() ?? 0) + 1);
        const helloHealth = helloHealthMessage(snapshot, this.events.get('health') ?? coreEvents.health, this.bootId);
        this.#resume?.opened(connection, info, [helloHealth]);
        sendHelloHealth(connection, helloHealth);
        this.connections.promote(connection);
        if (this.#audit.writes('info')) this.#audit.connected(connectRecordOf(info));
        if (approval !== undefined && info.deviceId !== undefined) this.adapter.registerNode(nodeRouteOf(info, info.deviceId, approval));
        if (this.presenceTracker.add(info)) this.#presenceBroadcasts.changed();
        this.#notifier.connection(info);
        this.#probes.handshakeAnswered(connection, info.role, undefined);
        this.#probes.connectionOpened(connection);
        for (const pending of connection.pendingFrames.drain()) this.connectionMessage(connection, pending, Buffer.byteLength(pending));
      },
      (error: unknown) => {
        if (error instanceof ConnectRefusal) {
          this.refuse(connection, frame.id, error);
          return;
        }
        this.#notifier.error({ error, connId: connection.connId, method: 'connect' });
        this.options.logger.error({ connId: connection.connId, err: error }, 'connect failed unexpectedly');
        this.refuse(connection, frame.id, {
          error: { code: ErrorCodes.UNAVAILABLE, message: 'connect failed' },
          closeCode: CloseCodes.INTERNAL_ERROR,
          closeReason: 'connect failed',
        });
      },
    );
  }

  refuse(connection: Connection, requestId: string | undefined, refusal: Pick<ConnectRefusal, 'error' | 'closeCode' | 'closeReason'>): void {
    if (requestId !== undefined) connection.sendResponse(requestId, false, undefined, refusal.error);
    connection.close(refusal.closeCode, refusal.closeReason);
    const details = refusal.error.details as { code?: unknown } | undefined;
    this.#audit.authFailed({
      connId: connection.connId,
      clientIp: connection.address.clientIp,
      errorCode: refusal.error.code,
      detailCode: typeof details?.code === 'string' ? details.code : undefined,
    });
    this.#notifier.refused({ connId: connection.connId, clientIp: connection.address.clientIp, error: refusal.error, closeCode: refusal.closeCode });
    this.#probes.handshakeAnswered(connection, undefined, refusal);
  }

  /** A connection's socket closed (either side). */
  connectionClosed(connection: Connection, code: number, reason: string): void {
    if (connection.state === 'closed') return;
    const stateBefore = connection.state;
    connection.state = 'closed';
    connection.clearHandshakeTimer();
    connection.abortInflight('connection closed');
    this.connections.remove(connection);
    this.#resume?.closed(connection);
    const info = connection.info;
    if (info !== undefined) {
      if (info.role === 'node' && info.deviceId !== undefined) {
        this.adapter.unregisterNode(info.deviceId, info.connId);
        this.nodeInvoker.nodeGone(info.connId);
        this.adapter.nodeConnectionClosed?.(info.connId);
      }
      if (this.presenceTracker.remove(info) && !this.draining) this.#presenceBroadcasts.changed();
      this.#audit.disconnected(info.connId, code, reason);
      this.#notifier.disconnect(info, code, reason);
    }
    this.#probes.connectionClosed(connection, stateBefore, code, reason);
    this.#shutdown.connectionClosed(this.connections.size);
  }

  #sweep(now: number): void {
    this.#resume?.sweep(now);
    sweepPings(this.connections.authenticated(), this.options.pongTimeoutMs, now);
  }

  broadcastEvent(event: string, payload: unknown, scope?: EventScope): void {
    const definition = this.events.get(event);
    if (definition === undefined) throw new TypeError(`gateway.broadcast: unknown event ${event} (declare it in options.events)`);
    const stateful = event === 'presence' || event === 'health';
    this.adapter.publish({
      event,
      payload,
      scope: scope ?? definition.scope,
      droppable: definition.droppable,
      stateVersion: stateful ? { presence: this.presenceTracker.version, health: this.#healthVersion } : undefined,
      gatewayId: GATEWAY_LOCAL_EVENTS.has(event) ? this.bootId : undefined,
    });
  }

  /**
   * Broadcast the health report (bumps the health state version): at once without a `health` hook,
   * after the hook's run with one (nothing once the gateway is closing).
   */
  publishHealth(): void {
    const health = this.#hostHooks.health;
    if (!health.hosted) {
      this.#broadcastHealth(this.#ownHealth());
      return;
    }
    void health.refresh().then((report) => {
      if (!this.draining) this.#broadcastHealth(report);
    });
  }

  #broadcastHealth(report: HealthSnapshot): void {
    this.#healthVersion += 1;
    this.broadcastEvent('health', report);
  }

  /** The `health` method's answer: the gateway's own health, or the host hook's fresh run. */
  health(): HealthSnapshot | Promise<HealthSnapshot> {
    const health = this.#hostHooks.health;
    return health.hosted ? health.refresh() : this.#ownHealth();
  }

  #ownHealth(): HealthSnapshot {
    return { ok: !this.draining && this.adapter.health?.().ok !== false, ts: Date.now(), durationMs: 0 };
  }

  presence() {
    return this.presenceTracker.list();
  }

  /** `hello-ok.snapshot`: the gateway's state now, with the host's health and fields when hooks shape it. */
  #snapshot(hosted: HostedSnapshot | undefined): Snapshot {
    return {
      ...hosted?.extras,
      presence: this.presenceTracker.list(),
      health: hosted?.health ?? this.#ownHealth(),
      stateVersion: { presence: this.presenceTracker.version, health: this.#healthVersion },
      uptimeMs: Date.now() - this.startedAtMs,
      authMode: this.options.authMode,
    };
  }

  /** The gateway's own `status` result. */
  status(): StatusResult {
    return statusReport(this, this.#limiter.queueDepth, this.#monitor.overallLatency(), this.adapter.clusterGateways?.());
  }

  /** The `status` method's answer to `caller`: the gateway's own, or the host hook's. */
  statusFor(caller: ConnectionInfo, signal: AbortSignal): StatusResult | Promise<StatusResult> {
    return this.#hostHooks.status(this.status(), caller, signal);
  }

  servesConnection(connId: string): boolean {
    return this.connections.get(connId) !== undefined;
  }

  closeNodeConnection(connId: string, reason: string): boolean {
    const connection = this.connections.get(connId);
    if (connection === undefined) return false;
    connection.close(CloseCodes.AUTH_INVALIDATED, reason);
    return true;
  }

  nodeEvent(node: ConnectionInfo, event: string, payload: unknown): boolean {
    return this.#notifier.nodeEvent(node, event, payload);
  }

  /** Shut down: `shutdown` event, close 1012, abort handlers, stop every timer. */
  close(options: ShutdownOptions = {}): Promise<void> {
    return this.#shutdown.run(async () => {
      this.#heartbeat.stop();
      this.#hostHooks.close();
      this.#systemMethods.stop();
      this.#presenceBroadcasts.stop();
      this.#monitorSubscribers?.stop();
      this.#detachMonitor();
      clearInterval(this.#maintenance);
      const reason = options.reason ?? 'gateway shutting down';
      this.broadcastEvent('shutdown', { reason, ...(options.restartExpectedMs === undefined ? {} : { restartExpectedMs: options.restartExpectedMs }) });
      this.nodeInvoker.abortAll();
      for (const connection of this.connections.all()) {
        connection.clearHandshakeTimer();
        connection.abortInflight('gateway shutting down');
        connection.close(CloseCodes.SERVICE_RESTART, 'service restart');
      }
      const closedInTime = await this.#shutdown.waitForConnections(this.connections.size, this.options.shutdownTimeoutMs);
      if (!closedInTime) for (const connection of [...this.connections.all()]) connection.terminate();
      await this.#shutdown.waitForConnections(this.connections.size, this.options.shutdownTimeoutMs);
      this.#idempotency.clear();
      this.#resume?.clear();
      await this.adapter.close();
    });
  }
}
