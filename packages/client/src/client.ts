import type {
  CoreEvents,
  CoreMethods,
  EventFrame,
  EventMap,
  EventName,
  HelloOk,
  MethodArgs,
  MethodMap,
  MethodName,
  MethodResult,
  ResumeParams,
  ResumeResult,
} from '@gatewire/protocol/lite';
import { parseTraceparent } from '@gatewire/protocol/lite';
import { EventEmitter } from 'eventemitter3';
import './async-dispose-symbol';
import { Connection, type ConnectionEnd } from './connection';
import type { DeviceAuthSession, DeviceEndHost } from './device-auth-session';
import type { DeviceSigner } from './device/device-signer';
import type { DeviceIdentity } from './device/identity';
import { classifyEnd } from './end-classification';
import { GatewayClientError } from './errors/gateway-client-error';
import type { ClientEventName, ClientEvents, ClientListeners, GatewayEventListener, ReceivedEvent } from './events';
import { GatewayEventListeners } from './gateway-event-listeners';
import type { InvokeHandler } from './invoke-handler';
import type { InvokeRouter } from './node-invoke-plugin';
import type { GatewayClientOptions } from './options';
import { ReconnectPolicy } from './reconnect-policy';
import { EventDelivery } from './resume/event-delivery';
import { resumeNegotiated } from './resume/negotiation';
import { RequestDispatcher } from './request-dispatcher';
import type { RequestOptions } from './request-options';
import { InvalidOptionsError, resolveClientOptions, type ClientIdentityDefaults, type ResolvedClientOptions } from './resolve-options';
import { buildUnsignedConnectParams, type ConnectRequest } from './handshake';
import { ConnectionStateMachine, type ConnectionState } from './state-machine';
import type { TransportFactory } from './transport/transport';
import { fieldOf } from './field-of';
import { toError } from './to-error';

/** What an entry point (Node, browser) plugs into the client. */
export interface ClientEnvironment {
  /** Opens one WebSocket. */
  readonly transport: TransportFactory;
  /** Whether the transport pins the server's certificate (a pinned `wss://` endpoint is trusted). */
  readonly pinned?: boolean;
  /** `client.id`/`client.mode` when the options give none (default: `gateway-client`/`backend`). */
  readonly clientIdentity?: ClientIdentityDefaults;
  /** Signs the device payload at `connect` (default: `identity.sign`, WebCrypto). */
  readonly deviceSigner?: DeviceSigner;
}

/** A `connect()` promise waiting for `hello-ok` (or for the client to stop). */
interface ConnectWaiter {
  resolve(hello: HelloOk): void;
  reject(error: Error): void;
}

const NO_WAITERS: readonly ConnectWaiter[] = Object.freeze([]);

/**
 * The gateway client, independent of the WebSocket implementation. Use `GatewayClient` from
 * `@gatewire/client` (Node or browser build) or `@gatewire/client/node` (with TLS pinning).
 *
 * - Lifecycle events (`state`, `hello`, `event`, `gap`, `resync`, `progress`, `disconnected`,
 *   `reconnect-scheduled`, `reconnect-paused`, `closed`, `error`): `client.on(name, listener)`
 *   (eventemitter3) or `client.onLifecycle(name, listener)`, which returns an unsubscribe function.
 * - Gateway events, typed from the event map `E`: `client.onEvent(name, listener)`, which returns an
 *   unsubscribe function. Listeners and node command handlers stay registered across reconnects.
 * - With a Gatewire gateway (`gatewire.resume.v1`), events missed during a reconnect or dropped for
 *   a slow consumer are replayed, exactly once and in order; `resync` says when they cannot be.
 */
export class GatewayClientBase<M extends MethodMap = CoreMethods, E extends EventMap = CoreEvents> extends EventEmitter<ClientEvents> {
  readonly #options: ResolvedClientOptions;
  readonly #environment: ClientEnvironment;
  readonly #machine = new ConnectionStateMachine((change) => {
    this.#options.logger.debug?.(`state ${change.from} -> ${change.to}`, { reason: change.reason });
    this.#emit('state', change);
  });
  readonly #policy: ReconnectPolicy;
  readonly #requests: RequestDispatcher;
  /** Node mode (`nodeInvoke` option, `@gatewire/client/node-invoke`); absent: not a node. */
  readonly #router: InvokeRouter | undefined;
  readonly #eventListeners = new GatewayEventListeners<E>((error) => this.#emit('error', error));
  /** The device side (`deviceAuth` option, `@gatewire/client/device`); absent: no device proof. */
  readonly #deviceAuth: DeviceAuthSession | undefined;
  readonly #delivery = new EventDelivery({
    deliver: (frame) => this.#handleEvent(frame),
    gap: (gap) => this.#emit('gap', gap),
    resync: (context) => this.#emit('resync', context),
    resume: (params) => this.#resume(params),
  });
  #connection: Connection | undefined;
  #hello: HelloOk | undefined;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #shutdownDelayMs = 0;
  #closing = false;
  /**
   * The `connect()` and `close()` promises waiting (`undefined` when none: a first waiter makes a
   * one-element array, not an empty one that grows on its first push).
   */
  #connectWaiters: ConnectWaiter[] | undefined;
  #closeWaiters: Array<() => void> | undefined;

  constructor(options: GatewayClientOptions<E>, environment: ClientEnvironment) {
    super();
    this.#options = resolveClientOptions(options, environment.clientIdentity);
    this.#environment = environment;
    this.#policy = new ReconnectPolicy(this.#options.reconnect);
    this.#deviceAuth = options.deviceAuth?.createSession(this.#options, environment.deviceSigner);
    this.#requests = new RequestDispatcher({
      defaultTimeoutMs: this.#options.requestTimeoutMs,
      queueMaxSize: this.#options.queueMaxSize,
      queueTimeoutMs: this.#options.queueTimeoutMs,
      logger: this.#options.logger,
      onProgress: (id, method, payload) => this.#emit('progress', { id, method, payload }),
    });
    this.#router = options.nodeInvoke?.createRouter({
      sendResult: (result) => this.#send('node.invoke.result', result, {}),
      onError: (error) => this.#emit('error', error),
    });
    if (options.listeners !== undefined) this.#addListeners(options.listeners);
  }

  /** The listeners passed in the options, registered before anything can be emitted. */
  #addListeners(listeners: ClientListeners<E>): void {
    const { events, ...lifecycle } = listeners;
    for (const [name, listener] of Object.entries(lifecycle)) {
      if (typeof listener === 'function') this.on(name as ClientEventName, listener as never);
    }
    for (const [name, listener] of Object.entries(events ?? {})) {
      if (typeof listener === 'function') this.onEvent(name as EventName<E>, listener as GatewayEventListener<E, EventName<E>>);
    }
  }

  /** The current connection state. */
  get state(): ConnectionState {
    return this.#machine.state;
  }

  /** The last `hello-ok` (kept after a drop), or `undefined` before the first. */
  get hello(): HelloOk | undefined {
    return this.#hello;
  }

  /** The device identity in use (resolved on the first connect), if any. */
  get device(): DeviceIdentity | undefined {
    return this.#deviceAuth?.device;
  }

  /**
   * Connect (or wait for the connection under way). Resolves with `hello-ok`; rejects when the
   * client reaches `closed` first (a fatal refusal, `close()`, or reconnection exhausted or disabled).
   * Retryable failures are retried with backoff meanwhile.
   */
  connect(): Promise<HelloOk> {
    const state = this.#machine.state;
    if (state === 'connected' && this.#hello !== undefined) return Promise.resolve(this.#hello);
    const waiting = new Promise<HelloOk>((resolve, reject) => {
      const waiter = { resolve, reject };
      if (this.#connectWaiters === undefined) this.#connectWaiters = [waiter];
      else this.#connectWaiters.push(waiter);
    });
    if (state === 'idle' || state === 'closed') {
      this.#closing = false;
      this.#policy.reset();
      this.#deviceAuth?.forgetSharedTokenRefusal();
      this.#machine.transition('connecting', 'connect() called');
      this.#open();
    }
    return waiting;
  }

  /**
   * Call a method. Params and result are typed from the method map. While (re)connecting the request
   * waits in the bounded queue. Rejects with a `GatewayRequestError` (the gateway's error) or a
   * `GatewayClientError` (`REQUEST_TIMEOUT`, `ABORTED`, `CONNECTION_CLOSED`, `QUEUE_FULL`, …).
   */
  request<K extends MethodName<M>>(method: K, ...args: MethodArgs<M, K, RequestOptions>): Promise<MethodResult<M, K>> {
    const [params, options = {}] = args as [unknown, RequestOptions | undefined];
    return this.#send(method, params, options) as Promise<MethodResult<M, K>>;
  }

  /** Listen to one gateway event, typed from the event map. Returns an unsubscribe function. */
  onEvent<K extends EventName<E>>(event: K, listener: GatewayEventListener<E, K>): () => void {
    return this.#eventListeners.add(event, listener);
  }

  /** Listen to a lifecycle event (like `on`), returning an unsubscribe function. */
  onLifecycle<K extends ClientEventName>(event: K, listener: ClientEvents[K]): () => void {
    this.on(event, listener as never);
    return () => {
      this.off(event, listener as never);
    };
  }

  /**
   * Node mode: serve `command` by answering `node.invoke.request` events with `node.invoke.result`.
   * The handler's `signal` aborts on `node.invoke.cancel` or disconnect. Returns an unregister function.
   * Requires the `nodeInvoke` option (`nodeInvoke()` from `@gatewire/client/node-invoke`); without it,
   * throws an `InvalidOptionsError` (`INVALID_OPTIONS`).
   */
  handleInvoke<Params = unknown, Result = unknown>(command: string, handler: InvokeHandler<Params, Result>): () => void {
    if (this.#router === undefined) throw new InvalidOptionsError("handleInvoke requires the nodeInvoke option: nodeInvoke() from '@gatewire/client/node-invoke'");
    return this.#router.register(command, handler as InvokeHandler);
  }

  /** Close the connection and stop reconnecting. Pending and queued requests reject with `CONNECTION_CLOSED`. */
  close(): Promise<void> {
    const state = this.#machine.state;
    if (state === 'closed') return Promise.resolve();
    const closed = new Promise<void>((resolve) => {
      if (this.#closeWaiters === undefined) this.#closeWaiters = [resolve];
      else this.#closeWaiters.push(resolve);
    });
    this.#closing = true;
    if (this.#connection !== undefined) this.#connection.close(1000, 'client closed');
    else this.#stop('closed by client', undefined, false);
    return closed;
  }

  /** `await using client = new GatewayClient(…)` closes it at the end of the scope. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  #send(method: string, params: unknown, options: RequestOptions): Promise<unknown> {
    const state = this.#machine.state;
    if (state === 'idle' || state === 'closed') {
      return Promise.reject(new GatewayClientError('NOT_CONNECTED', `${method}: the client is ${state}; call connect() first`));
    }
    if (options.signal?.aborted) return Promise.reject(new GatewayClientError('ABORTED', `${method}: aborted`, { cause: options.signal.reason }));
    if (options.traceparent !== undefined && parseTraceparent(options.traceparent) === undefined) {
      return Promise.reject(new GatewayClientError('INVALID_OPTIONS', `${method}: invalid traceparent`));
    }
    const pending = this.#requests.submit(method, params, options, this.#connection);
    const deviceAuth = this.#deviceAuth;
    if (deviceAuth === undefined || (method !== 'device.token.rotate' && method !== 'device.token.revoke')) return pending;
    // Our own device's token rotated or revoked: the identity store follows.
    return pending.then(async (result) => {
      await deviceAuth.applyTokenChange(method, params, result).catch((error: unknown) => this.#emit('error', toError(error)));
      return result;
    });
  }

  #open(): void {
    try {
      this.#connection = new Connection(
        {
          url: this.#options.url,
          transport: this.#environment.transport,
          connectTimeoutMs: this.#options.connectTimeoutMs,
          connectRequestId: this.#requests.nextId(),
        },
        {
          onOpen: () => this.#machine.transition('handshaking', 'socket open'),
          // Nothing to sign or look up without the device side: the params at once.
          prepareConnect: (challenge) =>
            this.#deviceAuth === undefined
              ? buildUnsignedConnectParams(this.#options, { challenge, storedToken: undefined })
              : this.#deviceAuth.prepareConnect(challenge),
          onHello: (hello, request) => this.#handleHello(hello, request),
          onResponse: (frame) => this.#requests.settle(frame),
          events: this.#delivery,
          onBadFrame: (error) => this.#emit('error', error),
          onEnd: (end) => this.#handleEnd(end),
        },
      );
    } catch (error) {
      const failure = GatewayClientError.isInstance(error) ? error : new GatewayClientError('TRANSPORT_ERROR', String(error), { cause: error });
      this.#stop(`cannot open a WebSocket: ${failure.message}`, failure, true);
    }
  }

  #handleHello(hello: HelloOk, request: ConnectRequest): void {
    const reconnected = this.#hello !== undefined;
    this.#hello = hello;
    this.#delivery.connected(hello.server.connId, this.#options.resume && resumeNegotiated(request.params.caps, hello));
    this.#policy.reset();
    this.#shutdownDelayMs = 0;
    this.#machine.transition('connected', 'hello-ok');
    const connection = this.#connection;
    if (connection !== undefined) this.#requests.flush(connection);
    const sharedTokenRefusal = request.usedStoredToken ? this.#deviceAuth?.sharedTokenRefusal : undefined;
    this.#emit('hello', sharedTokenRefusal === undefined ? { hello, reconnected } : { hello, reconnected, sharedTokenRefusal });
    const stored = this.#deviceAuth?.storeIssuedToken(hello);
    // `connect()` resolves once the identity store holds the issued token; without a store, at once.
    if (stored === undefined) return this.#resolveConnectWaiters(hello);
    void stored
      .catch((error: unknown) => this.#emit('error', toError(error)))
      .finally(() => this.#resolveConnectWaiters(hello));
  }

  #resolveConnectWaiters(hello: HelloOk): void {
    if (this.#hello !== hello) return;
    for (const waiter of this.#takeConnectWaiters()) waiter.resolve(hello);
  }

  #takeConnectWaiters(): readonly ConnectWaiter[] {
    const waiters = this.#connectWaiters ?? NO_WAITERS;
    this.#connectWaiters = undefined;
    return waiters;
  }

  #handleEvent(frame: EventFrame): void {
    const { event, payload } = frame;
    if (event === 'node.invoke.request') this.#router?.handleRequest(payload);
    else if (event === 'node.invoke.cancel') this.#router?.handleCancel(payload);
    else if (event === 'shutdown') this.#shutdownDelayMs = readRestartExpectedMs(payload);
    // Most events have one typed listener and no lifecycle `event` listener: the context object is
    // built only when someone will see it, and the lifecycle emit (no rest arguments) only when
    // someone listens.
    const lifecycle = this.listenerCount('event') > 0;
    let typed = this.#eventListeners.of(event);
    if (!lifecycle && typed === undefined) return;
    const received: ReceivedEvent = { event, payload, seq: frame.seq, stateVersion: frame.stateVersion };
    if (lifecycle) {
      this.#emitEvent(received);
      typed = this.#eventListeners.of(event); // a lifecycle listener may have added the first one
    }
    if (typed !== undefined) this.#eventListeners.call(typed, payload, received);
  }

  /** The lifecycle `event` (one argument, so no rest-argument array per event). */
  #emitEvent(received: ReceivedEvent): void {
    try {
      this.emit('event', received);
    } catch (error) {
      this.#emit('error', toError(error));
    }
  }

  /** `gateway.resume` on the current connection only (never queued for a later one). */
  #resume(params: ResumeParams): Promise<ResumeResult> {
    const connection = this.#connection;
    if (connection?.ready !== true) return Promise.reject(new GatewayClientError('NOT_CONNECTED', 'gateway.resume: the connection is gone'));
    return this.#requests.submit('gateway.resume', params, {}, connection) as Promise<ResumeResult>;
  }

  #handleEnd(end: ConnectionEnd): void {
    this.#connection = undefined;
    this.#delivery.disconnected();
    this.#router?.abortAll('disconnected');
    const verdict = classifyEnd(end);
    this.#emit('disconnected', { code: end.code, reason: end.reason, error: verdict.error });
    // Built only when something will see it (a rejected request, or the reason the client stops).
    let droppedError: GatewayClientError | undefined;
    const dropped = (): GatewayClientError =>
      (droppedError ??= new GatewayClientError('CONNECTION_CLOSED', `connection closed (${end.code}${end.reason ? `: ${end.reason}` : ''})`, {
        cause: verdict.error,
        closeCode: end.code,
        closeReason: end.reason,
      }));
    this.#requests.dropped(!this.#closing && verdict.fatal === undefined, dropped);
    if (this.#closing) return this.#stop('closed by client', undefined, false);
    if (this.#deviceAuth?.handleEnd(end, verdict.error, this.#deviceEndHost(end)) === true) return;
    if (verdict.fatal !== undefined) return this.#stop(verdict.fatal.message, verdict.fatal, true);
    if (!this.#policy.canRetry) {
      // The SDK's own reason (a transport error, a timeout) says more than "connection closed (1006)".
      const last = GatewayClientError.isInstance(verdict.error) ? verdict.error : dropped();
      const exhausted = this.#policy.options.enabled
        ? new GatewayClientError('RECONNECT_EXHAUSTED', `gave up after ${this.#policy.attempts} reconnection attempts: ${last.message}`, { cause: last })
        : last;
      return this.#stop(exhausted.message, exhausted, this.#policy.options.enabled);
    }
    this.#scheduleReconnect(end, this.#policy.nextDelayMs(Math.max(verdict.minDelayMs, this.#shutdownDelayMs)), verdict.error);
  }

  /** What the device side may do after `end` (the stored-token retry, a revoked token). */
  #deviceEndHost(end: ConnectionEnd): DeviceEndHost {
    return {
      pinned: this.#environment.pinned === true,
      stopped: () => this.#machine.state === 'closed' || this.#closing,
      reconnect: (delayMs) => this.#scheduleReconnect(end, delayMs),
      stop: (error) => {
        if (this.#machine.state !== 'closed') this.#stop(error.message, error, true);
      },
      error: (error) => this.#emit('error', error),
    };
  }

  #scheduleReconnect(end: ConnectionEnd, delayMs: number, error?: Error): void {
    this.#shutdownDelayMs = 0;
    const why = GatewayClientError.isInstance(error) ? ` (${error.code}: ${error.message})` : '';
    this.#machine.transition('reconnecting', `closed ${end.code}${end.reason ? `: ${end.reason}` : ''}${why}`);
    this.#options.logger.info?.(`reconnecting in ${delayMs} ms`, { attempt: this.#policy.attempts, code: end.code, reason: end.reason });
    this.#emit('reconnect-scheduled', { attempt: this.#policy.attempts, delayMs });
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined;
      this.#machine.transition('connecting', `reconnect attempt ${this.#policy.attempts}`);
      this.#open();
    }, delayMs);
  }

  #stop(reason: string, error: Error | undefined, paused: boolean): void {
    if (this.#retryTimer !== undefined) clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    if (paused) {
      this.#options.logger.warn?.(`reconnection stopped: ${reason}`, { code: (error as { code?: unknown } | undefined)?.code });
      this.#emit('reconnect-paused', { reason, error });
    }
    this.#machine.transition('closed', reason);
    this.#delivery.reset();
    // Built only when a request or a `connect()` waiter will be rejected with it.
    let closedError: GatewayClientError | undefined;
    const closed = (): GatewayClientError => (closedError ??= new GatewayClientError('CONNECTION_CLOSED', `client closed: ${reason}`, { cause: error }));
    this.#requests.failAll(closed);
    for (const waiter of this.#takeConnectWaiters()) waiter.reject(error ?? closed());
    this.#emit('closed', { reason, error });
    const closeWaiters = this.#closeWaiters;
    this.#closeWaiters = undefined;
    if (closeWaiters !== undefined) for (const resolve of closeWaiters) resolve();
  }

  /** Emit a lifecycle event (each has one context argument: no rest-argument array per emit). */
  #emit<K extends ClientEventName>(event: K, context: Parameters<ClientEvents[K]>[0]): void {
    try {
      (this.emit as (name: string, value: unknown) => boolean)(event, context);
    } catch (error) {
      if (event === 'error') this.#options.logger.error?.('an error listener threw', { error });
      else this.#emit('error', toError(error));
    }
  }
}

function readRestartExpectedMs(payload: unknown): number {
  const value = fieldOf(payload, 'restartExpectedMs');
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}
