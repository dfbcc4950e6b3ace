import { randomUUID } from 'node:crypto';
import {
  CloseCodes,
  coreEvents,
  RESUME_CAPABILITY,
  type ConnectParams,
  type EventDefinition,
  type EventScope,
  type HealthSnapshot,
  type RequestFrame,
  type Snapshot,
  type StatusResult,
} from '@gatewire/protocol';
import { AuditLog } from '../audit/audit-log';
import { AuthRateLimiter } from '../auth/rate-limiter';
import { handshakeDeadlines, type Connection } from '../connection/connection';
import type { ConnectionInfo } from '../connection/connection-info';
import { ConnectionRegistry } from '../connection/connection-registry';
import { GatewayCounters } from '../connection/counters';
import { DeviceFeature } from '../devices/device-feature';
import type { PairingService } from '../devices/pairing-service';
import { BroadcastDelivery } from '../events/local-delivery';
import { ConnectRefusal } from '../handshake/connect-refusal';
import type { HandshakeHost } from '../handshake/handshake-session';
import { Instrumentation } from '../instrumentation/instrumentation';
import { Probes } from '../instrumentation/probes';
import { createRequestTracer } from '../tracing/request-tracer';
import { takeSnapshot } from '../instrumentation/take-snapshot';
import { ConnectCompletion } from '../handshake/connect-completion';
import { helloFactsOf } from '../handshake/hello';
import { Heartbeat } from '../heartbeat/heartbeat';
import { sweepPings } from '../heartbeat/ping-sweep';
import { EventPublisher } from '../events/event-publisher';
import { HealthReporter } from '../health/health-reporter';
import { buildHelloSnapshot } from '../handshake/hello-snapshot';
import { HostHooks, type HostedSnapshot } from '../host-hooks/host-hooks';
import type { UpgradeRefusal } from '../http/upgrade-guard';
import { registerBuiltinMethods } from '../methods/builtin-methods';
import { IdempotencyCache } from '../methods/idempotency-cache';
import { MethodRateLimiter } from '../methods/method-rate-limiter';
import { MonitorFeature } from '../monitor/monitor-feature';
import { MethodRegistry } from '../methods/method-registry';
import { MethodRouter } from '../methods/method-router';
import { WorkLimiter } from '../methods/work-limiter';
import type { ClientAddress } from '../net/client-address';
import type { NodeApproval } from '../nodes/node-approval';
import { NodeInvoker } from '../nodes/node-invoker';
import { registerNodePairMethods } from '../nodes/node-pair-methods';
import { applyNodePairingHere } from '../nodes/node-pairing-sync';
import { NodePairingService } from '../nodes/node-pairing-service';
import { registerNodeMethods } from '../nodes/node-methods';
import type { ResolvedGatewayOptions } from '../options/resolve-options';
import { closeSharedSecretSessions, reconfigureOptions, sharedSecretChanged, type ReconfigurableOptions } from '../options/reconfigure';
import { PresenceCoalescer } from '../presence/presence-coalescer';
import { PresenceTracker, selfPresence } from '../presence/presence-tracker';
import { ResumeFeature } from '../resume/resume-feature';
import type { GatewaySocket } from '../transport/socket';
import { SystemMethods } from '../system/system-methods';
import type { UpgradeRequest } from '../transport/upgrade-request';
import type { ConnectionEventsHost } from './connection-handlers';
import { ConnectionLifecycle } from './connection-lifecycle';
import { localDeliveryOf } from './adapter-binding';
import type { CoreNotifier } from './core-notifier';
import type { GatewayRuntime } from './runtime';
import { statusReport } from './status-report';
import { ShutdownSequence, type ShutdownOptions } from './shutdown';
import { SocketIntake } from './socket-intake';

export type { CoreNotifier } from './core-notifier';

/**
 * The gateway engine, assembled from its parts: {@link SocketIntake} (upgrades, sockets, frames),
 * {@link ConnectCompletion} (admission and `hello-ok`), {@link ConnectionLifecycle} (what opening
 * and closing a connection records), the method router, {@link EventPublisher} and the broadcast
 * delivery, {@link HealthReporter}, the heartbeat and the shutdown. It works on
 * {@link GatewaySocket}s only; the public `Gateway` adds the listeners and the typed API.
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
  /** Device pairing, scope upgrades and device management (`device.*`). */
  readonly #devices: DeviceFeature;
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
  readonly #handshakeDeadlines = handshakeDeadlines();
  readonly #resume: ResumeFeature | undefined;
  readonly #delivery: BroadcastDelivery;
  /** `hello-ok.features.capabilities` (the resume capability added when enabled). */
  readonly #capabilities: readonly string[];
  /** `hello-ok.features.events` (one list, so the handshake can tell it is unchanged). */
  readonly #eventNames: readonly string[];
  /** What happens in this gateway, for metrics and monitors (see {@link Instrumentation}). */
  readonly instrumentation: Instrumentation;
  readonly #probes: Probes;
  readonly #systemMethods: SystemMethods;
  /** The operator view (`monitor.*`); its request windows also give `status` its latency. */
  readonly #monitor: MonitorFeature;
  /** The host's `health`, `status` and `snapshot` hooks, bounded and checked. */
  readonly #hostHooks: HostHooks;
  readonly #health: HealthReporter;
  readonly #publisher: EventPublisher;
  readonly #connect: ConnectCompletion;
  readonly #lifecycle: ConnectionLifecycle;
  readonly #intake: SocketIntake;

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
    this.#limiter = new WorkLimiter(options.maxConcurrentHandlers, options.maxQueuedRequests);
    this.#idempotency = new IdempotencyCache(options.idempotencyTtlMs, options.idempotencyMaxEntries);
    this.#rateLimiter = new AuthRateLimiter(options.authRateLimit);
    this.events = new Map(Object.entries({ ...coreEvents, ...options.events }));
    this.#eventNames = [...this.events.keys()];
    this.#publisher = new EventPublisher(this.events, this.adapter, this.bootId, () => ({ presence: this.presenceTracker.version, health: this.#health.version }));
    this.#devices = new DeviceFeature(options.deviceStore, { maxPendingRequests: options.maxPendingPairingRequests, requestTtlMs: options.pairingRequestTtlMs }, {
      broadcast: (event, payload) => this.broadcastEvent(event, payload),
      error: (error, method) => this.#notifier.error({ error, method }),
      connections: () => this.connections.authenticated(),
    });
    this.pairing = this.#devices.pairing;
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
    this.#hostHooks = new HostHooks(options, () => this.#health.own(), (error, connId) => {
      this.#notifier.error({ error, method: error.hook === 'snapshot' ? 'connect' : error.hook, connId });
    });
    this.#health = new HealthReporter({
      state: this.#hostHooks.health,
      draining: () => this.draining,
      adapterOk: () => this.adapter.health?.().ok,
      publish: (report) => this.broadcastEvent('health', report),
    });
    this.methods = new MethodRegistry(options.validateResults);
    registerBuiltinMethods(this.methods, this);
    this.#systemMethods = new SystemMethods(this.methods, { gatewayVersion: options.serverVersion, startedAtMs: this.startedAtMs });
    registerNodeMethods(this.methods, this);
    registerNodePairMethods(this.methods, this);
    this.#devices.registerMethods(this.methods);
    this.#monitor = new MonitorFeature(options.monitor, {
      bootId: this.bootId,
      serverVersion: options.serverVersion,
      startedAtMs: this.startedAtMs,
      connections: () => [...this.connections.authenticated()].flatMap((connection) => (connection.info === undefined ? [] : [connection.info])),
      connectionCounts: () => this.connections.counts(),
      load: () => ({ pendingRequests: this.counters.pendingRequests, queueDepth: this.#limiter.queueDepth, queueLimit: this.options.maxQueuedRequests }),
    }, { registry: this.methods, instrumentation: this.instrumentation, connectionOf: (connId) => this.connections.get(connId) });
    this.#resume = options.resume === false ? undefined : new ResumeFeature(options.resume, this.adapter);
    this.#resume?.registerMethod(this.methods, (connId) => this.connections.get(connId), (connId, result) => this.#probes.resumeAnswered(connId, result));
    // Copied at construction, as the event and method lists are settled: `hello-ok` serializes them once.
    this.#capabilities = Object.freeze(this.#resume === undefined ? [...options.capabilities] : [...new Set([...options.capabilities, RESUME_CAPABILITY])]);
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
      tracer: createRequestTracer(options),
      audit: this.#audit,
      logger: options.logger,
      maxConcurrentHandlersPerConnection: options.maxConcurrentHandlersPerConnection,
      maxConsecutiveUnauthorizedCalls: options.maxConsecutiveUnauthorizedCalls,
      busyRetryAfterMs: options.busyRetryAfterMs,
      onHandlerError: (error, method, connection) => this.#notifier.error({ error, method, connId: connection.connId }),
      onDispatchError: (error, connection) => this.#notifier.error({ error, connId: connection.connId }),
    });
    /** What the connection pipeline (intake, handshake completion, lifecycle) takes from this gateway. */
    const pipeline = {
      options: () => this.options,
      draining: () => this.draining,
      gatewayId: this.bootId,
      connections: this.connections,
      adapter: this.adapter,
      delivery: this.#delivery,
      resume: this.#resume,
      healthEvent: this.events.get('health') ?? coreEvents.health,
      presenceTracker: this.presenceTracker,
      presenceBroadcasts: this.#presenceBroadcasts,
      nodeInvoker: this.nodeInvoker,
      nodePairing: this.nodePairing,
      pairing: this.pairing,
      rateLimiter: this.#rateLimiter,
      hostHooks: this.#hostHooks,
      router: this.#router,
      audit: this.#audit,
      notifier: this.#notifier,
      probes: this.#probes,
      shutdown: this.#shutdown,
      connectionSettings: {
        maxBufferedBytes: options.maxBufferedBytes,
        slowConsumerTimeoutMs: options.slowConsumerTimeoutMs,
        counters: this.counters,
        onSlowConsumer: (connection: Connection) => this.#probes.slowConsumer(connection),
        handshakeDeadlines: this.#handshakeDeadlines,
      },
      offersResume: this.#resume !== undefined,
      host: this,
      frame: (connection: Connection, text: string, byteLength: number) => this.connectionMessage(connection, text, byteLength),
      helloFacts: () => helloFactsOf(this.options, { bootId: this.bootId, methods: this.methods.advertised(), events: this.#eventNames, capabilities: this.#capabilities }),
      snapshot: (hosted: HostedSnapshot | undefined) => buildHelloSnapshot({ presence: this.presenceTracker, health: this.#health, startedAtMs: this.startedAtMs, authMode: this.options.authMode }, hosted),
      opened: (connection: Connection, info: ConnectionInfo, approval: NodeApproval | undefined, snapshot: Snapshot) => this.#lifecycle.opened(connection, info, approval, snapshot),
    };
    this.#intake = new SocketIntake(pipeline);
    this.#connect = new ConnectCompletion(pipeline);
    this.#lifecycle = new ConnectionLifecycle(pipeline);
    this.adapter.start(localDeliveryOf({
      gatewayId: this.bootId,
      delivery: this.#delivery,
      probes: this.#probes,
      connections: this.connections,
      nodeInvoker: this.nodeInvoker,
      nodePairingChanged: (nodeId, connId, change) => {
        applyNodePairingHere(this, nodeId, connId, change).catch((error: unknown) => this.#notifier.error({ error, connId }));
      },
      presenceChanged: () => {
        if (!this.draining) this.#presenceBroadcasts.changed();
      },
    }));
    this.#heartbeat = new Heartbeat(
      { tick: () => this.broadcastEvent('tick', { ts: Date.now() }), sweep: (now) => this.#sweep(now), health: () => this.publishHealth() },
      options,
    );
    this.#heartbeat.start();
    this.#maintenance = setInterval(() => {
      this.#rateLimiter.prune();
      this.#methodRateLimiter.prune();
      this.#idempotency.prune();
      this.#devices.prune((error) => this.#notifier.error({ error, method: 'device.pair.list' }));
    }, 60_000);
    this.#maintenance.unref();
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
    return this.#intake.clientAddress(request);
  }

  /** The refusal for an upgrade, or `undefined` to accept it. */
  checkUpgrade(request: UpgradeRequest, address: ClientAddress = this.clientAddress(request)): UpgradeRefusal | undefined {
    return this.#intake.checkUpgrade(request, address);
  }

  /** Take over an open socket: challenge, handshake timer, frame handling. */
  acceptSocket(socket: GatewaySocket, request: UpgradeRequest, address: ClientAddress = this.clientAddress(request)): void {
    this.#intake.accept(socket, request, address);
  }

  /** A frame arrived on a connection's socket. */
  connectionMessage(connection: Connection, text: string, byteLength: number): void {
    this.#intake.frame(connection, text, byteLength);
  }

  beginConnect(connection: Connection, frame: RequestFrame, params: ConnectParams): void {
    this.#connect.begin(connection, frame, params);
  }

  refuse(connection: Connection, requestId: string | undefined, refusal: Pick<ConnectRefusal, 'error' | 'closeCode' | 'closeReason'>): void {
    this.#connect.refuse(connection, requestId, refusal);
  }

  /** A connection's socket closed (either side). */
  connectionClosed(connection: Connection, code: number, reason: string): void {
    this.#lifecycle.closed(connection, code, reason);
  }

  #sweep(now: number): void {
    this.#resume?.sweep(now);
    sweepPings(this.connections.authenticated(), this.options.pongTimeoutMs, now);
  }

  broadcastEvent(event: string, payload: unknown, scope?: EventScope): boolean {
    return this.#publisher.publish(event, payload, scope);
  }

  /** Broadcast the health report (see {@link HealthReporter.publish}). */
  publishHealth(): void {
    this.#health.publish();
  }

  /** The `health` method's answer: the gateway's own health, or the host hook's fresh run. */
  health(): HealthSnapshot | Promise<HealthSnapshot> {
    return this.#health.answer();
  }

  presence() {
    return this.presenceTracker.list();
  }

  /** The gateway's own `status` result. */
  status(): StatusResult {
    return statusReport(this, this.#limiter.queueDepth, this.#monitor.overallLatency(), this.adapter.clusterGateways?.());
  }

  /** The `status` method's answer to `caller`: the gateway's own, or the host hook's. */
  statusFor(caller: ConnectionInfo, signal: AbortSignal): StatusResult | Promise<StatusResult> {
    return this.#hostHooks.statusAnswer(this.status(), caller, signal);
  }

  /** The `status` result the host asks for: as the method's, a failing hook rejecting with its `HostHookError`. */
  hostedStatus(caller: ConnectionInfo | undefined, signal: AbortSignal): StatusResult | Promise<StatusResult> {
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
      this.#monitor.stop();
      clearInterval(this.#maintenance);
      this.#handshakeDeadlines.stop();
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
