/**
 * A steady stream of numbered events from a real gateway, and a recorder of what the application's
 * listener sees, to check "every event exactly once, in order".
 */
import { defineEvent, defineEvents, type CoreMethods } from '@gatewire/protocol';
import type { StandaloneGateway } from '@gatewire/server';
import { Type } from '@sinclair/typebox';
import type { GatewayClientBase } from '../../src/index';
import { onCleanup } from './cleanup';

export const streamEvents = defineEvents(
  defineEvent('app.count', { payload: Type.Object({ n: Type.Integer(), blob: Type.Optional(Type.String()) }), scope: 'operator.read' }),
  defineEvent('app.bulk', { payload: Type.Object({ n: Type.Integer(), blob: Type.Optional(Type.String()) }), scope: 'operator.read', droppable: true }),
);
export type StreamEvents = typeof streamEvents;
type StreamEventName = keyof StreamEvents & string;

/** Broadcasts `{n: 1, 2, …}` every `intervalMs` until stopped. */
export class Ticker {
  readonly #gateway: StandaloneGateway<StreamEvents>;
  readonly #event: StreamEventName;
  readonly #blob: string | undefined;
  readonly #timer: ReturnType<typeof setInterval>;
  readonly #listeners = new Set<(n: number) => void>();
  last = 0;

  constructor(gateway: StandaloneGateway<StreamEvents>, options: { event?: StreamEventName; intervalMs?: number; blobBytes?: number } = {}) {
    this.#gateway = gateway;
    this.#event = options.event ?? 'app.count';
    this.#blob = options.blobBytes === undefined ? undefined : 'b'.repeat(options.blobBytes);
    this.#timer = setInterval(() => this.tick(), options.intervalMs ?? 2);
    onCleanup(async () => this.stop());
  }

  /** Broadcast the next number now. */
  tick(): void {
    this.last += 1;
    this.#gateway.gateway.broadcast(this.#event, this.#blob === undefined ? { n: this.last } : { n: this.last, blob: this.#blob });
    for (const listener of this.#listeners) listener(this.last);
  }

  /** Resolve once `count` more events were broadcast. */
  advance(count: number): Promise<void> {
    const target = this.last + count;
    return new Promise((resolve) => {
      const listener = (n: number): void => {
        if (n < target) return;
        this.#listeners.delete(listener);
        resolve();
      };
      this.#listeners.add(listener);
    });
  }

  /** Stop and return the last number broadcast. */
  stop(): number {
    clearInterval(this.#timer);
    return this.last;
  }
}

/** Records the numbers an `onEvent` listener sees. */
export class Recorder {
  readonly values: number[] = [];
  readonly #waiters: Array<{ n: number; resolve: () => void }> = [];

  constructor(client: GatewayClientBase<CoreMethods, StreamEvents> | GatewayClientBase, event: StreamEventName = 'app.count') {
    (client as GatewayClientBase<CoreMethods, StreamEvents>).onEvent(event, (payload) => {
      this.values.push(payload.n);
      for (const waiter of [...this.#waiters]) {
        if (payload.n >= waiter.n) {
          this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      }
    });
  }

  /** Resolve once a number `>= n` was seen. */
  reach(n: number): Promise<void> {
    if ((this.values.at(-1) ?? 0) >= n) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push({ n, resolve }));
  }

  /** The numbers that are missing, duplicated or out of order with respect to `1..last`. */
  problems(last: number): { lost: number; duplicated: number; outOfOrder: boolean } {
    const unique = new Set(this.values);
    let outOfOrder = false;
    for (let index = 1; index < this.values.length; index += 1) {
      if ((this.values[index] as number) <= (this.values[index - 1] as number)) outOfOrder = true;
    }
    let lost = 0;
    for (let n = 1; n <= last; n += 1) if (!unique.has(n)) lost += 1;
    return { lost, duplicated: this.values.length - unique.size, outOfOrder };
  }
}
