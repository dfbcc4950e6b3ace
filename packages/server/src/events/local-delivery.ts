import type { BroadcastMessage } from '../cluster/adapter';
import type { Connection } from '../connection/connection';
import type { ReplayStore } from '../resume/replay-store';
import { deliverBroadcast } from './broadcaster';
import { SerializedBroadcast } from './serialized-broadcast';

/**
 * Delivers the broadcasts the adapter hands to this process, numbering them (`serial`) in delivery
 * order: to the live connections, then to the detached replay streams still collecting.
 */
export class BroadcastDelivery {
  readonly #connections: () => Iterable<Connection>;
  readonly #replayStore: ReplayStore | undefined;
  #lastSerial = 0;

  constructor(connections: () => Iterable<Connection>, replayStore: ReplayStore | undefined) {
    this.#connections = connections;
    this.#replayStore = replayStore;
  }

  /** The serial the next broadcast will get: a connection authenticated now receives it first. */
  get nextSerial(): number {
    return this.#lastSerial + 1;
  }

  deliver(message: BroadcastMessage): void {
    this.#lastSerial += 1;
    const broadcast = new SerializedBroadcast(this.#lastSerial, message);
    deliverBroadcast(message, broadcast, this.#connections());
    this.#replayStore?.recordDetached(broadcast, message.scope);
    broadcast.releaseFrame();
  }
}
