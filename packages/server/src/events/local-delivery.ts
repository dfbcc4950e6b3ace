import type { BroadcastMessage } from '../cluster/adapter';
import type { Connection } from '../connection/connection';
import type { ReplayStore } from '../resume/replay-store';
import { DeliveryQueue } from './delivery-queue';
import { SerializedBroadcast } from './serialized-broadcast';

/**
 * Delivers the broadcasts the adapter hands to this process, to the live connections, then to the
 * detached replay streams still collecting. Each broadcast has a `serial`: its place in the cluster
 * order when the adapter gives one (a global offset), else this process's delivery order.
 */
export class BroadcastDelivery {
  readonly #gatewayId: string;
  readonly #connections: () => Iterable<Connection>;
  readonly #replayStore: ReplayStore | undefined;
  /** Bounds the bytes written per turn; later broadcasts wait behind one being finished. */
  readonly #queue = new DeliveryQueue();
  #lastSerial = 0;

  constructor(gatewayId: string, connections: () => Iterable<Connection>, replayStore: ReplayStore | undefined) {
    this.#gatewayId = gatewayId;
    this.#connections = connections;
    this.#replayStore = replayStore;
  }

  /** A serial no broadcast delivered so far reached: a connection authenticated now receives every broadcast from here on. */
  get nextSerial(): number {
    return this.#lastSerial + 1;
  }

  deliver(message: BroadcastMessage, serial = this.#lastSerial + 1): void {
    this.#lastSerial = serial;
    if (message.gatewayId !== undefined && message.gatewayId !== this.#gatewayId) return;
    const broadcast = new SerializedBroadcast(serial, message);
    this.#queue.deliver(message, broadcast, this.#connections(), () => {
      this.#replayStore?.recordDetached(broadcast, message.scope);
      broadcast.releaseFrame();
    });
  }

  /** Broadcasts were lost: every connection and detached stream skips a `seq` (see `LocalDelivery.skipLostBroadcasts`). */
  skipLost(): void {
    for (const connection of this.#connections()) connection.skipLostSeq();
    this.#replayStore?.skipLost?.();
  }

  /** Send `message` without a `seq` to this process's eligible connections. */
  deliverUnsequenced(message: BroadcastMessage): void {
    if (message.gatewayId !== undefined && message.gatewayId !== this.#gatewayId) return;
    for (const connection of this.#connections()) {
      if (connection.canReceive(message.scope)) connection.sendEvent(message.event, message.payload);
    }
  }
}
