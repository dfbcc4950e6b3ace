import { isEventFrame, isResponseFrame, type EventFrame, type HelloOk, type ResponseFrame } from '@gatewire/protocol/lite';
import { GatewayClientError } from './errors/gateway-client-error';
import { GatewayRequestError } from './errors/gateway-request-error';
import { parseChallenge, parseHelloOk, type Challenge, type ConnectRequest } from './handshake';
import { TickWatchdog } from './tick-watchdog';
import type { Transport, TransportFactory, TransportHandlers } from './transport/transport';
import { fieldOf } from './field-of';

/** How one connection ended. */
export interface ConnectionEnd {
  readonly code: number;
  readonly reason: string;
  /** The SDK's reason when it closed the socket itself, or the transport's failure. */
  readonly error: Error | undefined;
  /** The gateway's refusal of `connect`, if it sent one before closing. */
  readonly refusal: GatewayRequestError | undefined;
  /** Whether `hello-ok` had arrived on this connection. */
  readonly handshaken: boolean;
  /** The `connect` sent on this connection, if it got that far. */
  readonly connectRequest: ConnectRequest | undefined;
}

/** What a {@link Connection} tells the client. */
export interface ConnectionCallbacks {
  onOpen(): void;
  /**
   * Build the `connect` params for this challenge (signing and store look-ups are the client's). A
   * promise when there is something to wait for; the params themselves otherwise, and `connect`
   * is sent at once.
   */
  prepareConnect(challenge: Challenge): ConnectRequest | Promise<ConnectRequest>;
  onHello(hello: HelloOk, request: ConnectRequest): void;
  onResponse(frame: ResponseFrame): void;
  /**
   * Receives the events after `hello-ok` (sequencing is the client's: see `EventDelivery`). An
   * object called directly, not a callback around it: one call fewer per event on the hottest path
   * (a broadcast reaches every connection of a process in turn).
   */
  readonly events: EventReceiver;
  /** A frame was not understood (it is dropped; the connection stays up). */
  onBadFrame(error: Error): void;
  onEnd(end: ConnectionEnd): void;
}

/** Where a {@link Connection} hands its events. */
export interface EventReceiver {
  receive(frame: EventFrame): void;
}

/** Settings of one connection. */
export interface ConnectionSettings {
  readonly url: string;
  readonly transport: TransportFactory;
  readonly connectTimeoutMs: number;
  readonly connectRequestId: string;
}

type Phase = 'opening' | 'challenge' | 'connect-sent' | 'ready' | 'ended';

/**
 * One WebSocket from open to close: the handshake (challenge → `connect` → `hello-ok`), then frame
 * dispatch with the tick watchdog. The connect timeout runs from the moment the connection starts
 * (TCP, TLS and the HTTP upgrade included), so an upgrade that is never answered (a stalled proxy,
 * a dead backend behind a load balancer, an unclaimed path) ends the attempt like any other
 * failure. The client owns reconnection; a connection is never reused.
 */
export class Connection implements TransportHandlers {
  readonly #settings: ConnectionSettings;
  readonly #callbacks: ConnectionCallbacks;
  readonly #events: EventReceiver;
  readonly #transport: Transport;
  /** Created at `hello-ok` (a connection that never completes its handshake needs none). */
  #watchdog: TickWatchdog | undefined;
  #phase: Phase = 'opening';
  #connectTimer: ReturnType<typeof setTimeout> | undefined;
  #localError: Error | undefined;
  #refusal: GatewayRequestError | undefined;
  #pendingConnect: ConnectRequest | undefined;
  /** Frames received so far, for the tick watchdog (a counter: no clock read per frame). */
  #framesReceived = 0;

  constructor(settings: ConnectionSettings, callbacks: ConnectionCallbacks) {
    this.#settings = settings;
    this.#callbacks = callbacks;
    this.#events = callbacks.events;
    // The connection is the transport's handler object itself: no closures per connection, and one
    // object fewer between a frame and its event on the hottest path.
    this.#transport = settings.transport(settings.url, this);
    // One timer for both transports: `ws`'s `handshakeTimeout` would cover only the upgrade (and a
    // browser WebSocket has none), while this one also covers the challenge and `hello-ok`.
    const timeoutMs = settings.connectTimeoutMs;
    this.#connectTimer = setTimeout(() => this.#handleConnectTimeout(timeoutMs), timeoutMs);
  }

  /** Whether `hello-ok` arrived and the socket is still up. */
  get ready(): boolean {
    return this.#phase === 'ready';
  }

  /** Send a serialized frame. */
  send(frame: string): void {
    this.#transport.send(frame);
  }

  /** Close the socket; `error` is reported as the cause in {@link ConnectionEnd}. */
  close(code: number, reason: string, error?: Error): void {
    if (this.#phase === 'ended') return;
    this.#localError ??= error;
    this.#stopTimers();
    this.#transport.close(code, reason);
  }

  /** {@link TransportHandlers}: the socket is open. */
  onOpen(): void {
    this.#phase = 'challenge';
    this.#callbacks.onOpen();
  }

  #handleConnectTimeout(timeoutMs: number): void {
    const opened = this.#phase !== 'opening';
    const message = opened ? `no hello-ok within ${timeoutMs} ms` : `no answer to the WebSocket upgrade within ${timeoutMs} ms`;
    const close = opened ? { closeCode: 4000, closeReason: 'connect timeout' } : {};
    this.close(4000, 'connect timeout', new GatewayClientError('HANDSHAKE_TIMEOUT', message, close));
  }

  /** {@link TransportHandlers}: a text frame arrived. */
  onMessage(text: string): void {
    this.#framesReceived++;
    let frame: unknown;
    try {
      frame = JSON.parse(text);
    } catch {
      this.#callbacks.onBadFrame(new GatewayClientError('HANDSHAKE_FAILED', 'received a frame that is not JSON'));
      return;
    }
    if (this.#phase === 'ready') {
      // The discriminant picks the one guard to run (each guard checks `type` itself too).
      const type = fieldOf(frame, 'type');
      if (type === 'event' && isEventFrame(frame)) this.#events.receive(frame);
      else if (type === 'res' && isResponseFrame(frame)) this.#callbacks.onResponse(frame);
      else this.#callbacks.onBadFrame(new GatewayClientError('HANDSHAKE_FAILED', 'received an unknown frame'));
    } else if (this.#phase === 'challenge') {
      this.#handleChallenge(frame);
    } else if (this.#phase === 'connect-sent') {
      this.#handleConnectResponse(frame);
    }
  }

  #handleChallenge(frame: unknown): void {
    if (!isEventFrame(frame) || frame.event !== 'connect.challenge') return;
    const challenge = parseChallenge(frame.payload);
    if (challenge === undefined) {
      this.#fail('connect.challenge without a valid nonce and ts');
      return;
    }
    this.#phase = 'connect-sent';
    let prepared: ConnectRequest | Promise<ConnectRequest>;
    try {
      prepared = this.#callbacks.prepareConnect(challenge);
    } catch (error) {
      this.#failPrepare(error);
      return;
    }
    if (!isPromiseLike(prepared)) return this.#sendConnect(prepared);
    prepared.then(
      (request) => {
        if (this.#phase === 'connect-sent') this.#sendConnect(request);
      },
      (error: unknown) => this.#failPrepare(error),
    );
  }

  /**
   * Send `connect`, serialized in one pass: one flat string. (Writing the envelope around the
   * serialized params made a concatenation that the socket write copied flat again: ~0.3 KiB more
   * per handshake than the small envelope object.)
   */
  #sendConnect(request: ConnectRequest): void {
    this.#pendingConnect = request;
    this.send(JSON.stringify({ type: 'req', id: this.#settings.connectRequestId, method: 'connect', params: request.params }));
  }

  #failPrepare(error: unknown): void {
    this.#fail(`could not build connect params: ${String(error)}`, error);
  }

  #handleConnectResponse(frame: unknown): void {
    if (!isResponseFrame(frame) || frame.id !== this.#settings.connectRequestId) return;
    if (!frame.ok) {
      // `isResponseFrame` checked the error's shape when there is one.
      this.#refusal = new GatewayRequestError(frame.error ?? { code: 'INVALID_REQUEST', message: 'connect refused' }, { method: 'connect', payload: frame.payload });
      return; // the gateway closes the socket next
    }
    const hello = parseHelloOk(frame.payload);
    const request = this.#pendingConnect;
    if (hello === undefined || request === undefined) {
      this.#fail('hello-ok is malformed');
      return;
    }
    if (this.#connectTimer !== undefined) clearTimeout(this.#connectTimer);
    this.#phase = 'ready';
    this.#startWatchdog(hello.policy.tickIntervalMs);
    this.#callbacks.onHello(hello, request);
  }

  /** Watch the ticks (`policy.tickIntervalMs`; `0` or less disables the watchdog). */
  #startWatchdog(tickIntervalMs: number): void {
    if (!(tickIntervalMs > 0)) return;
    this.#watchdog = new TickWatchdog(() => this.#framesReceived, (silentMs) => {
      this.close(4000, 'tick timeout', new GatewayClientError('TICK_TIMEOUT', `no frame for ${silentMs} ms`, { closeCode: 4000, closeReason: 'tick timeout' }));
    });
    this.#watchdog.start(tickIntervalMs);
  }

  #fail(message: string, cause?: unknown): void {
    this.close(1008, 'connect failed', new GatewayClientError('HANDSHAKE_FAILED', message, { cause }));
  }

  /** {@link TransportHandlers}: the socket closed (once). */
  onClose(code: number, reason: string, transportError: Error | undefined): void {
    if (this.#phase === 'ended') return;
    const handshaken = this.#phase === 'ready';
    this.#phase = 'ended';
    this.#stopTimers();
    this.#callbacks.onEnd({
      code,
      reason,
      error: this.#localError ?? transportError,
      refusal: this.#refusal,
      handshaken,
      connectRequest: this.#pendingConnect,
    });
  }

  #stopTimers(): void {
    if (this.#connectTimer !== undefined) clearTimeout(this.#connectTimer);
    this.#connectTimer = undefined;
    this.#watchdog?.stop();
  }
}

function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown }).then === 'function';
}
