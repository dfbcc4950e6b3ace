/**
 * The steady traffic of a chaos run: a publisher broadcasting logged events at a fixed interval,
 * and keyed requests from the chosen clients. Both can be paused (around a gateway restart).
 */
import type { ChaosClient } from './chaos-client';
import type { ChaosGateway } from './chaos-gateway';

/** Traffic settings of a chaos run. */
export interface TrafficSettings {
  /** One event per interval; every `bulkEvery`-th is a droppable `chaos.bulk`. */
  readonly publishIntervalMs: number;
  readonly bulkEvery: number;
  /** Each requesting client sends one keyed request per interval. */
  readonly requestIntervalMs: number;
}

export class ChaosTraffic {
  readonly #gateway: ChaosGateway;
  readonly #requesters: readonly ChaosClient[];
  readonly #settings: TrafficSettings;
  readonly #listeners = new Set<() => void>();
  readonly #publishTimer: NodeJS.Timeout;
  readonly #requestTimer: NodeJS.Timeout;
  #published = 0;
  #requestsPaused = false;
  #sent = 0;

  constructor(gateway: ChaosGateway, requesters: readonly ChaosClient[], settings: TrafficSettings) {
    this.#gateway = gateway;
    this.#requesters = requesters;
    this.#settings = settings;
    this.#publishTimer = setInterval(() => this.#publish(), settings.publishIntervalMs);
    this.#requestTimer = setInterval(() => this.#request(), settings.requestIntervalMs);
  }

  /** Resolve once `count` more events were published. */
  advance(count: number): Promise<void> {
    const target = this.#published + count;
    return new Promise((resolve) => {
      const listener = () => {
        if (this.#published < target) return;
        this.#listeners.delete(listener);
        resolve();
      };
      this.#listeners.add(listener);
    });
  }

  /** Stop sending keyed requests and resolve once every one sent is settled. */
  async quiesceRequests(): Promise<void> {
    this.#requestsPaused = true;
    await Promise.all(this.#requesters.map((client) => client.settled()));
  }

  resumeRequests(): void {
    this.#requestsPaused = false;
  }

  stop(): void {
    clearInterval(this.#publishTimer);
    clearInterval(this.#requestTimer);
  }

  #publish(): void {
    this.#gateway.publish((this.#published + 1) % this.#settings.bulkEvery === 0);
    this.#published += 1;
    for (const listener of [...this.#listeners]) listener();
  }

  #request(): void {
    if (this.#requestsPaused) return;
    for (const client of this.#requesters) client.sendKeyed(`${client.name}-k${(this.#sent += 1)}`);
  }
}
