import type { EventMap, EventName, EventPayload, MethodDefinition } from '@gatewire/protocol';
import type { Static } from '@sinclair/typebox';
import type { ConnectionInfo } from '../connection/connection-info';

/** What a method handler gets besides its params. */
export interface MethodContext<E extends EventMap = EventMap> {
  /** The caller. */
  readonly connection: ConnectionInfo;
  /** The request's `id`. */
  readonly requestId: string;
  readonly method: string;
  /**
   * The caller's W3C trace context (the request frame's `traceparent`), when it sent a valid one.
   * With `@opentelemetry/api` installed, the handler also runs inside the request's server span.
   */
  readonly traceparent: string | undefined;
  /** Fires when the caller disconnects or the gateway shuts down. */
  readonly signal: AbortSignal;
  /**
   * Send the intermediate `{status: "accepted", ...payload}` response now (streaming methods); the
   * handler's return value is the final response with the same id. Only the first call sends.
   */
  accept(payload?: Record<string, unknown>): void;
  /** Send an event tied to this run to the caller (unsequenced, like any targeted send). */
  emit<K extends EventName<E>>(event: K, payload: EventPayload<E, K>): void;
}

/** A handler for method definition `D`. */
export type MethodHandler<D extends MethodDefinition, E extends EventMap = EventMap> = (
  params: Static<D['params']>,
  context: MethodContext<E>,
) => Promise<Static<D['result']>> | Static<D['result']>;
