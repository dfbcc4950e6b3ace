import type { EventMap, EventName } from '@gatewire/protocol/lite';
import type { GatewayEventContext, GatewayEventListener } from './events';
import { toError } from './to-error';

/** A listener as stored (its payload type erased). */
export type StoredListener = (payload: never, context: GatewayEventContext) => void;

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
   * computed anew for every frame.
   */
  #lastName: string | undefined;
  #lastListeners: Set<StoredListener> | undefined;

  constructor(onError: (error: Error) => void) {
    this.#onError = onError;
  }

  /** Add a listener; returns the function that removes it. */
  add<K extends EventName<E>>(event: K, listener: GatewayEventListener<E, K>): () => void {
    const byName = (this.#byName ??= new Map());
    let listeners = byName.get(event);
    if (listeners === undefined) {
      byName.set(event, (listeners = new Set()));
      this.#lastName = undefined; // the look-up it remembers may have found nothing for this name
    }
    const stored = listener as unknown as StoredListener;
    listeners.add(stored);
    return () => {
      listeners.delete(stored);
    };
  }

  /** The listeners of `event`, or `undefined` when it has none (one look-up per event). */
  of(event: string): ReadonlySet<StoredListener> | undefined {
    let listeners: Set<StoredListener> | undefined;
    if (event === this.#lastName) {
      listeners = this.#lastListeners;
    } else {
      listeners = this.#byName?.get(event);
      this.#lastName = event;
      this.#lastListeners = listeners;
    }
    return listeners === undefined || listeners.size === 0 ? undefined : listeners;
  }

  /** Call `listeners` (from {@link of}) with a payload and context. */
  call(listeners: ReadonlySet<StoredListener>, payload: unknown, context: GatewayEventContext): void {
    for (const listener of listeners) {
      try {
        listener(payload as never, context);
      } catch (error) {
        this.#onError(toError(error));
      }
    }
  }
}
