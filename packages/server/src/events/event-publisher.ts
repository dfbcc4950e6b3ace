import type { EventDefinition, EventScope, StateVersion } from '@gatewire/protocol';
import type { BroadcastMessage, GatewayAdapter } from '../cluster/adapter';

/** Events about this gateway itself: sequenced like any broadcast, but only its own connections receive them. */
const GATEWAY_LOCAL_EVENTS: ReadonlySet<string> = new Set(['tick', 'health', 'shutdown']);
/** Events that carry the `stateVersion` of presence and health. */
const STATEFUL_EVENTS: ReadonlySet<string> = new Set(['presence', 'health']);

/** Whether a broadcast reaches `gatewayId`'s connections (not another gateway's own `tick`, `health` or `shutdown`). */
export function isForGateway(message: BroadcastMessage, gatewayId: string): boolean {
  return message.gatewayId === undefined || message.gatewayId === gatewayId;
}

/**
 * Publishes the gateway's events through the cluster adapter: the scope from the event's
 * definition (unless given), `droppable` from it, the state versions on `presence` and `health`,
 * and this gateway's id on the events about itself.
 */
export class EventPublisher {
  readonly #events: ReadonlyMap<string, EventDefinition>;
  readonly #adapter: GatewayAdapter;
  readonly #gatewayId: string;
  readonly #stateVersion: () => StateVersion;

  constructor(events: ReadonlyMap<string, EventDefinition>, adapter: GatewayAdapter, gatewayId: string, stateVersion: () => StateVersion) {
    this.#events = events;
    this.#adapter = adapter;
    this.#gatewayId = gatewayId;
    this.#stateVersion = stateVersion;
  }

  /**
   * Publish `event`; `false` when the adapter refused it (see `GatewayAdapter.publish`). Throws a
   * `TypeError` for an event the gateway does not declare.
   */
  publish(event: string, payload: unknown, scope?: EventScope): boolean {
    const definition = this.#events.get(event);
    if (definition === undefined) throw new TypeError(`gateway.broadcast: unknown event ${event} (declare it in options.events)`);
    const accepted = this.#adapter.publish({
      event,
      payload,
      scope: scope ?? definition.scope,
      droppable: definition.droppable,
      stateVersion: STATEFUL_EVENTS.has(event) ? this.#stateVersion() : undefined,
      gatewayId: GATEWAY_LOCAL_EVENTS.has(event) ? this.#gatewayId : undefined,
    });
    return accepted !== false;
  }
}
