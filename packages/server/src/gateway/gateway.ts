import type { Server as HttpServer, IncomingMessage } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { CoreEvents, EventMap, EventName, EventPayload, EventScope, MethodDefinition, StatusResult } from '@gatewire/protocol';
import { EventEmitter } from 'eventemitter3';
import type { Registry } from 'prom-client';
import type { ConnectionInfo } from '../connection/connection-info';
import { createHealthRequestHandler, type HealthRequestHandler } from '../http/health-routes';
import type { MethodHandler } from '../methods/method-context';
import type { MethodEntry } from '../methods/method-registry';
import type { Instrumentation } from '../instrumentation/instrumentation';
import { GatewayMetrics } from '../metrics/gateway-metrics';
import { resolveMetricsOptions, type ResolvedMetricsOptions } from '../metrics/metrics-options';
import { createMetricsRequestHandler, type MetricsRequestHandler, type MetricsRouteOptions } from '../metrics/metrics-route';
import type { GatewayOptions } from '../options/gateway-options';
import type { ReconfigurableOptions } from '../options/reconfigure';
import { resolveGatewayOptions } from '../options/resolve-options';
import type { GatewaySocket } from '../transport/socket';
import type { UpgradeRequest } from '../transport/upgrade-request';
import type { WebSocketServerLike } from '../transport/ws-types';
import { GatewayCore } from './gateway-core';
import type { GatewayEvents } from './gateway-events';
import { serverUrl } from './server-url';
import type { ShutdownOptions } from './shutdown';
import { mountUpgradePath, type OtherPathsPolicy } from './upgrade-routing';
import { WebSocketListener } from './ws-listener';

/** The signal of a `status()` call without one. */
const NEVER_ABORTED = new AbortController().signal;

/** Options of {@link Gateway.attach}. */
export interface AttachOptions {
  /** The request path the gateway upgrades (the query is ignored). @default "/" */
  path?: string;
  /**
   * Upgrades on other paths: `"auto"` answers them with HTTP 400 (as `ws` does) unless the host
   * server has an `upgrade` listener of its own, which is trusted to take them; `"reject"` always
   * answers 400; `"leave"` never does. Paths served by another gateway attached to the same server
   * are left to it.
   * @default "auto"
   */
  otherPaths?: OtherPathsPolicy;
}

/** A gateway mounted on a host server. */
export interface GatewayAttachment {
  readonly path: string;
  /** Stop handling upgrades on the host server. */
  detach(): void;
}

/** Options of {@link Gateway.broadcast}. */
export interface BroadcastOptions {
  /** Override the event's scope guard for this broadcast. */
  scope?: EventScope;
}

/** Options of {@link Gateway.status}. */
export interface StatusOptions {
  /** Whom the `status` hook answers (its `context.caller`), e.g. an entry of `gateway.connections()`. @default undefined */
  caller?: ConnectionInfo | undefined;
  /** Ends the hook run early (the hook's `signal` aborts; the call rejects `HOST_HOOK_FAILED`). @default never */
  signal?: AbortSignal | undefined;
}

/** All events a gateway with app events `E` can send. */
export type GatewayEventMap<E extends EventMap> = CoreEvents & E;

/**
 * A gateway without a listener of its own: register methods, then mount it with
 * {@link Gateway.attach}, {@link Gateway.handleUpgrade} or {@link Gateway.attachWebSocketServer}
 * (or run it with `startGateway`).
 */
export class Gateway<E extends EventMap = EventMap, S extends StatusResult = StatusResult> extends EventEmitter<GatewayEvents> {
  readonly #core: GatewayCore;
  readonly #listener: WebSocketListener;
  readonly #detachers = new Set<() => void>();
  #url: string | undefined;
  #address: AddressInfo | string | null = null;
  #metrics: GatewayMetrics | undefined;
  readonly #metricsOptions: ResolvedMetricsOptions;

  constructor(options: GatewayOptions<E, S> = {}) {
    super();
    const resolved = resolveGatewayOptions(options);
    for (const [event, listener] of Object.entries(options.listeners ?? {})) {
      if (typeof listener === 'function') this.on(event as keyof GatewayEvents, listener as never);
    }
    this.#core = new GatewayCore(resolved, {
      connection: (connection) => this.emit('connection', { connection }),
      disconnect: (connection, code, reason) => this.emit('disconnect', { connection, code, reason }),
      refused: (event) => this.emit('refused', event),
      error: (event) => this.emit('error', event),
      nodeEvent: (node, event, payload) => {
        const handled = this.listenerCount('node-event') > 0;
        this.emit('node-event', { node, event, payload });
        return handled;
      },
    });
    this.#listener = new WebSocketListener(this.#core);
    const metrics = options.metrics ?? false;
    this.#metricsOptions = resolveMetricsOptions(metrics === true || metrics === false ? {} : metrics);
    if (metrics !== false) this.metrics();
  }

  /** Identifies this gateway process (`hello-ok.server.bootId`). */
  get bootId(): string {
    return this.#core.bootId;
  }

  /** The WebSocket URL, once attached to a listening server (or started). */
  get url(): string | undefined {
    return this.#url;
  }

  /** The listening address, once attached to a listening server (or started). */
  address(): AddressInfo | string | null {
    return this.#address;
  }

  /**
   * What happens in this gateway (connections, handshakes, requests, refusals, slow consumers, …)
   * as typed events, and its gauges and totals as a snapshot: the seam metrics and monitors are
   * built on. Events nobody listens to cost nothing but a listener lookup.
   */
  get instrumentation(): Instrumentation {
    return this.#core.instrumentation;
  }

  /**
   * The prom-client registry with this gateway's metrics (docs/guides/observability.md lists them).
   * Metrics start with the gateway when `options.metrics` is set; otherwise the first call turns
   * them on, and the counters count from then.
   */
  metrics(): Registry {
    this.#metrics ??= new GatewayMetrics(this.#core.instrumentation, this.#metricsOptions);
    return this.#metrics.registry;
  }

  /**
   * `GET /metrics` as a request handler to mount on the host's server: the registry's text for a
   * request with `Authorization: Bearer <secret>`, where the secret is the gateway's current token
   * or password, or `options.scrapeToken`; 401 otherwise. Turns metrics on (see {@link metrics}).
   * Throws a `TypeError` when nothing could authorize a scrape (no scrape token, and an auth mode
   * without a shared secret).
   */
  metricsRoute(options: MetricsRouteOptions = {}): MetricsRequestHandler {
    const { scrapeToken } = options;
    if (scrapeToken === '') throw new TypeError('metricsRoute: scrapeToken must not be empty');
    const secrets = () => [this.#core.options.token, this.#core.options.password, scrapeToken].filter((secret): secret is string => secret !== undefined && secret !== '');
    if (secrets().length === 0) throw new TypeError('metricsRoute: nothing authorizes a scrape: set scrapeToken, or use auth mode "token" or "password"');
    return createMetricsRequestHandler({ registry: this.metrics(), secrets }, options);
  }

  /** Whether `close()` has begun. */
  get draining(): boolean {
    return this.#core.draining;
  }

  /** Serve a method. Params are validated before `handler` runs; the definition's scope guards it. */
  method<D extends MethodDefinition>(definition: D, handler: MethodHandler<D, GatewayEventMap<E>>): this {
    this.#core.methods.register(definition, handler as unknown as MethodEntry['handler']);
    return this;
  }

  /**
   * Send an event to every connection its scope guard admits (per-connection `seq`). Returns `true`
   * once the event is accepted for delivery. `false` means it was refused and reaches nobody: only
   * a cluster adapter refuses, when its back end is unreachable and its outbox is full (the Redis
   * adapter's `maxOutboxEntries`); publish it again later, or drop it knowingly.
   */
  broadcast<K extends EventName<GatewayEventMap<E>>>(event: K, payload: EventPayload<GatewayEventMap<E>, K>, options: BroadcastOptions = {}): boolean {
    return this.#core.broadcastEvent(event, payload, options.scope);
  }

  /** Send an unsequenced event to one connection; `false` when it is not connected. */
  sendTo<K extends EventName<GatewayEventMap<E>>>(connId: string, event: K, payload: EventPayload<GatewayEventMap<E>, K>): boolean {
    return this.#core.adapter.sendToConnection(connId, { event, payload });
  }

  /** Broadcast the health snapshot (`health` event with `stateVersion`). */
  publishHealth(): void {
    this.#core.publishHealth();
  }

  /** The authenticated connections of this process. */
  connections(): ConnectionInfo[] {
    return [...this.#core.connections.authenticated()].flatMap((connection) => (connection.info ? [connection.info] : []));
  }

  /** Close one connection. */
  disconnect(connId: string, code = 4001, reason = 'client invalidated'): boolean {
    const connection = this.#core.connections.get(connId);
    connection?.close(code, reason);
    return connection !== undefined;
  }

  /**
   * Change the settings a running gateway can reload (auth, allowed origins, trusted proxies), as on
   * SIGHUP. An invalid update throws a `TypeError` and changes nothing. When the shared secret changes,
   * connections that logged in with the old secret are closed 4001 "gateway auth changed" (device-token
   * sessions stay), except `keepConnIds`. Resolves the number of connections closed.
   */
  reconfigure(update: ReconfigurableOptions, options: { keepConnIds?: Iterable<string> } = {}): number {
    return this.#core.reconfigure(update, new Set(options.keepConnIds ?? []));
  }

  /**
   * The `status` method's result, as a client gets it: the gateway's own fields and, with a
   * `status` hook, the host's (the hook runs with `options.caller`). A failing hook emits `error`
   * and rejects with its `HostHookError` (`HOST_HOOK_FAILED`, `HOST_HOOK_TIMEOUT` or
   * `HOST_HOOK_INVALID_RESULT`).
   */
  async status(options: StatusOptions = {}): Promise<S> {
    return (await this.#core.hostedStatus(options.caller, options.signal ?? NEVER_ABORTED)) as S;
  }

  /** Handle one HTTP upgrade request (for hosts that route upgrades themselves). */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.#listener.handleUpgrade(request, socket, head);
  }

  /** Take over a socket from another transport (the core's entry point; `ws` sockets use the adapter). */
  acceptSocket(socket: GatewaySocket, request: UpgradeRequest): void {
    this.#core.acceptSocket(socket, request);
  }

  /**
   * Mount on a host's `http.Server`/`https.Server`: upgrades on `path` only; upgrades on other
   * paths follow {@link AttachOptions.otherPaths}.
   */
  attach(server: HttpServer | HttpsServer, options: AttachOptions = {}): GatewayAttachment {
    const path = options.path ?? '/';
    const unmount = mountUpgradePath(server, path, options.otherPaths ?? 'auto', (request, socket, head) => this.handleUpgrade(request, socket, head));
    const onListening = () => this.#setListening(server, path);
    if (server.listening) onListening();
    else server.once('listening', onListening);
    const detach = () => {
      unmount();
      server.off('listening', onListening);
      this.#detachers.delete(detach);
    };
    this.#detachers.add(detach);
    return { path, detach };
  }

  /** Accept the sockets of a WebSocketServer the host created; returns the detach function. */
  attachWebSocketServer(server: WebSocketServerLike): () => void {
    const detach = this.#listener.attachServer(server);
    this.#detachers.add(detach);
    return () => {
      detach();
      this.#detachers.delete(detach);
    };
  }

  /** `GET /health`, `/ready`, `/healthz`, `/readyz` and `/startupz` as a request handler to mount on the host's server. */
  healthRoutes(): HealthRequestHandler {
    return createHealthRequestHandler({
      isListening: () => this.#address !== null || this.#detachers.size > 0,
      isDraining: () => this.#core.draining,
      uptimeMs: () => Date.now() - this.#core.startedAtMs,
      degradedReason: () => {
        const health = this.#core.adapter.health?.();
        return health === undefined || health.ok ? undefined : (health.reason ?? 'cluster back end unreachable');
      },
    });
  }

  #setListening(server: HttpServer | HttpsServer, path: string): void {
    const address = server.address();
    if (address === null) return;
    this.#address = address;
    this.#url = serverUrl(server, address, path);
    this.emit('listening', { url: this.#url, address });
  }

  /**
   * Shut down gracefully: broadcast `shutdown {reason, restartExpectedMs?}`, close every socket 1012
   * "service restart", abort running handlers, stop every timer and detach from host servers.
   */
  async close(options: ShutdownOptions = {}): Promise<void> {
    const first = !this.#core.draining;
    for (const detach of [...this.#detachers]) detach();
    await this.#core.close(options);
    this.#listener.close();
    if (first) {
      this.emit('close', { reason: options.reason ?? 'gateway shutting down' });
      this.removeAllListeners();
    }
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}

/** Create a gateway with no listener of its own. */
export function createGateway<E extends EventMap = EventMap, S extends StatusResult = StatusResult>(options: GatewayOptions<E, S> = {}): Gateway<E, S> {
  return new Gateway<E, S>(options);
}
