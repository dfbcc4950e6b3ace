import type { EventMap, EventName, EventPayload, HelloOk, StateVersion } from '@gatewire/protocol/lite';
import type { GatewayRequestError } from './errors/gateway-request-error';
import type { ResyncContext } from './resume/resync';
import type { StateChange } from './state-machine';

/** Context of every gateway event, beside its payload. */
export interface GatewayEventContext {
  /** The event name. */
  readonly event: string;
  /** The per-connection sequence number, when the frame had one. */
  readonly seq: number | undefined;
  /** `stateVersion` of `presence` and `health` events. */
  readonly stateVersion: StateVersion | undefined;
}

/** A gateway event as delivered to the `event` listener (any name, untyped payload). */
export interface ReceivedEvent extends GatewayEventContext {
  readonly payload: unknown;
}

/** Listener of a typed gateway event, see `client.onEvent(name, listener)`. */
export type GatewayEventListener<E extends EventMap, K extends EventName<E>> = (
  payload: EventPayload<E, K>,
  context: GatewayEventContext,
) => void;

/** `hello` event: a handshake completed. */
export interface HelloContext {
  /**
   * Set when the configured `token` was refused (`AUTH_TOKEN_MISMATCH`) and this connection
   * succeeded with the stored device token instead (see `auth.storedTokenFallback`): the token is
   * wrong even though the client is connected.
   */
  readonly sharedTokenRefusal?: GatewayRequestError;
  readonly hello: HelloOk;
  /** Whether this is a reconnection (not the first `hello-ok` of this client). */
  readonly reconnected: boolean;
}

/**
 * `gap` event: an event's `seq` skipped numbers and the events in between are lost (the gateway
 * dropped them for a slow consumer). Emitted only on connections without resume
 * (`gatewire.resume.v1`); with it, gaps are repaired, or reported with `resync`.
 */
export interface GapContext {
  readonly expected: number;
  readonly received: number;
}

/** `progress` event: an intermediate (`accepted`) response of an `expectFinal` request. */
export interface ProgressContext {
  readonly id: string;
  readonly method: string;
  readonly payload: unknown;
}

/** `disconnected` event: one socket closed (the client may reconnect). */
export interface DisconnectContext {
  readonly code: number;
  readonly reason: string;
  /** Why, when the SDK knows (e.g. `HANDSHAKE_TIMEOUT`, `TICK_TIMEOUT`, `AUTH_FAILED`). */
  readonly error: Error | undefined;
}

/** `reconnect-scheduled` event: the next attempt and its delay. */
export interface ReconnectScheduledContext {
  /** 1 for the first retry after a drop. */
  readonly attempt: number;
  readonly delayMs: number;
}

/** `reconnect-paused` and `closed` events: why the client stopped. */
export interface StopContext {
  /** Why, in words. */
  readonly reason: string;
  /** The error that stopped it (a `GatewayClientError`, e.g. `AUTH_FAILED`), or `undefined` after `close()`. */
  readonly error: Error | undefined;
}

/** The client's own (lifecycle) events: `client.on(name, listener)` or `client.onLifecycle(name, listener)`. */
export interface ClientEvents {
  /** The one state change event. */
  state: (change: StateChange) => void;
  /** A handshake completed. */
  hello: (context: HelloContext) => void;
  /** Every gateway event (after the handshake), whatever its name. */
  event: (event: ReceivedEvent) => void;
  /** A `seq` gap that could not be repaired (the gateway does not offer resume): events were lost. */
  gap: (context: GapContext) => void;
  /**
   * Missed events could not be recovered after a reconnect or a gap (see {@link ResyncContext}):
   * refetch the state you derive from events, e.g. from `client.hello.snapshot`.
   */
  resync: (context: ResyncContext) => void;
  /** An intermediate `accepted` response of an `expectFinal` request. */
  progress: (context: ProgressContext) => void;
  /** A socket closed. */
  disconnected: (context: DisconnectContext) => void;
  /** A reconnection attempt is scheduled. */
  'reconnect-scheduled': (context: ReconnectScheduledContext) => void;
  /** A fatal condition stopped reconnection (followed by `state` → `closed` and `closed`). */
  'reconnect-paused': (context: StopContext) => void;
  /** The client reached `closed`. */
  closed: (context: StopContext) => void;
  /** A non-fatal problem (a listener or invoke handler threw, a store failed, a bad frame). */
  error: (error: Error) => void;
}

/** Name of a {@link ClientEvents} event. */
export type ClientEventName = keyof ClientEvents;

/** Lifecycle listeners passed in the options, attached before anything can happen. */
export type ClientListeners<E extends EventMap = EventMap> = {
  readonly [K in ClientEventName]?: ClientEvents[K];
} & {
  /** Typed gateway event listeners by name (like `client.onEvent`). */
  readonly events?: { readonly [K in EventName<E>]?: GatewayEventListener<E, K> };
};
