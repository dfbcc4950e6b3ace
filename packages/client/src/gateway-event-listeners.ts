import type { EventFrame, EventMap, EventName } from '@gatewire/protocol/lite';
import type { GatewayEventContext, GatewayEventListener } from './events';

type StoredListener = (payload: never, context: GatewayEventContext) => void;

/**
 * Listeners of gateway events by name (`client.onEvent`), dispatched through a `Map`. A throwing
 * listener does not stop the others; its error goes to `onError`.
 */
export class GatewayEventListeners<E extends EventMap> {
  readonly #byName = new Map<string, Set<StoredListener>>();
  readonly #onError: (error: Error) => void;

  constructor(onError: (error: Error) => void) {
    this.#onError = onError;
  }

  /** Add a listener; returns the function that removes it. */
  add<K extends EventName<E>>(event: K, listener: GatewayEventListener<E, K>): () => void {
    let listeners = this.#byName.get(event);
    if (listeners === undefined) this.#byName.set(event, (listeners = new Set()));
    const stored = listener as unknown as StoredListener;
    listeners.add(stored);
    return () => {
      listeners.delete(stored);
    };
  }

  /** Whether `event` has at least one listener. */
  has(event: string): boolean {
    const listeners = this.#byName.get(event);
    return listeners !== undefined && listeners.size > 0;
  }

  /** Call the listeners of `frame.event` with its payload and context. */
  dispatch(frame: EventFrame, context: GatewayEventContext): void {
    const listeners = this.#byName.get(frame.event);
    if (listeners === undefined) return;
    for (const listener of listeners) {
      try {
        listener(frame.payload as never, context);
      } catch (error) {
        this.#onError(error instanceof Error ? error : new Error(String(error)));
      }
    }
  }
}
