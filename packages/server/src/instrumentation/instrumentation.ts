import { EventEmitter } from 'eventemitter3';
import type { InstrumentationEvents } from './instrumentation-events';
import type { InstrumentationSnapshot } from './instrumentation-snapshot';

type EventContext<K extends keyof InstrumentationEvents> = Parameters<InstrumentationEvents[K]>[0];

/**
 * The gateway's instrumentation seam, independent of any metrics or tracing back end: an emitter
 * of what happens ({@link InstrumentationEvents}) and a {@link snapshot} of the gauges and totals.
 * Prometheus metrics, the monitor page and the terminal dashboard are built on it.
 *
 * Cost: the core asks {@link wants} before it builds an event's context, so an event nobody
 * listens to costs one listener lookup. A listener that throws is reported as a gateway `error`
 * event; it never breaks the call, connection or broadcast it observes.
 */
export class Instrumentation extends EventEmitter<InstrumentationEvents> {
  readonly #snapshot: () => InstrumentationSnapshot;
  readonly #listenerFailed: (error: unknown) => void;

  /** @internal Created by the gateway. */
  constructor(snapshot: () => InstrumentationSnapshot, listenerFailed: (error: unknown) => void) {
    super();
    this.#snapshot = snapshot;
    this.#listenerFailed = listenerFailed;
  }

  /** Whether `event` has a listener (the core builds its context only then). */
  wants(event: keyof InstrumentationEvents): boolean {
    return this.listenerCount(event) > 0;
  }

  /** The gauges and running totals now. */
  snapshot(): InstrumentationSnapshot {
    return this.#snapshot();
  }

  /** @internal Emit `event`; a listener's failure goes to the gateway's `error` event. */
  publish<K extends keyof InstrumentationEvents>(event: K, context: EventContext<K>): void {
    try {
      (this.emit as (event: K, context: EventContext<K>) => boolean)(event, context);
    } catch (error) {
      this.#listenerFailed(error);
    }
  }
}
