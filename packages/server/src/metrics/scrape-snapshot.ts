import type { InstrumentationSnapshot } from '../instrumentation/instrumentation-snapshot';

/**
 * The instrumentation snapshot of the scrape under way: taken by the first metric collected, reused
 * by the others of the same scrape (prom-client collects every metric in one turn), dropped at the
 * next turn of the event loop. One pass over the sockets per scrape, not one per metric.
 */
export class ScrapeSnapshot {
  readonly #take: () => InstrumentationSnapshot;
  #current: InstrumentationSnapshot | undefined;

  constructor(take: () => InstrumentationSnapshot) {
    this.#take = take;
  }

  read(): InstrumentationSnapshot {
    if (this.#current === undefined) {
      this.#current = this.#take();
      setImmediate(() => {
        this.#current = undefined;
      }).unref();
    }
    return this.#current;
  }
}
