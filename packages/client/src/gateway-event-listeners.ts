import type { EventMap, EventName } from '@gatewire/protocol/lite';
import type { GatewayEventContext, GatewayEventListener } from './events';
import { toError } from './to-error';

/** A listener as stored (its payload type erased). */
export type StoredListener = (payload: never, context: GatewayEventContext) => void;

/** What {@link GatewayEventListeners.of} finds: the one listener of a name, or several. */
export type ListenersOf = StoredListener | ReadonlySet<StoredListener>;

/**
 * Listeners of gateway events by name (`client.onEvent`), dispatched through a `Map`. A throwing
 * listener does not stop the others; its error goes to `onError`.
 */
export class GatewayEventListeners<E extends EventMap> {
  /** Created with the first listener: most clients of a process never add one. */
  #byName: Map<string, Set<StoredListener>> | undefined;
  readonly #onError: (error: Error) => void;
  /**
   * The last name {@link of} looked up and what it found: a stream mostly repeats one event name,
   * and comparing the name is cheaper than a `Map` look-up with a fresh string, whose hash is
   * computed anew for every frame. A name with one listener (the common case) finds the function
   * itself, so an event touches neither the `Set` nor an iterator. Adding or removing a listener
   * forgets it.
   */
  #lastName: string | undefined;
  #lastFound: ListenersOf | undefined;

  constructor(onError: (error: Error) => void) {
    this.#onError = onError;
  }

  /** Add a listener; returns the function that removes it. */
  add<K extends EventName<E>>(event: K, listener: GatewayEventListener<E, K>): () => void {
    const byName = (this.#byName ??= new Map());
    let listeners = byName.get(event);
    if (listeners === undefined) byName.set(event, (listeners = new Set()));
    const stored = listener as unknown as StoredListener;
    listeners.add(stored);
    this.#lastName = undefined;
    return () => {
      listeners.delete(stored);
      this.#lastName = undefined;
    };
  }

  /** The listeners of `event`, or `undefined` when it has none (one look-up per event). */
  of(event: string): ListenersOf | undefined {
    if (event !== this.#lastName) {
      const listeners = this.#byName?.get(event);
      this.#lastName = event;
      this.#lastFound = listeners?.size ? (listeners.size === 1 ? (listeners.values().next().value as StoredListener) : listeners) : undefined;
    }
    return this.#lastFound;
  }

  /** Call `listeners` (from {@link of}) with a payload and context. */
  call(listeners: ListenersOf, payload: unknown, context: GatewayEventContext): void {
    if (typeof listeners === 'function') this.#callOne(listeners, payload, context);
    else for (const listener of listeners) this.#callOne(listener, payload, context);
  }

  #callOne(listener: StoredListener, payload: unknown, context: GatewayEventContext): void {
    try {
      listener(payload as never, context);
    } catch (error) {
      this.#onError(toError(error));
    }
  }
}
