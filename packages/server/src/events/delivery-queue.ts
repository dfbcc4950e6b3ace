import type { BroadcastMessage } from '../cluster/adapter';
import type { Connection } from '../connection/connection';
import { deliverBroadcast } from './broadcaster';
import type { SerializedBroadcast } from './serialized-broadcast';

/**
 * Bytes of broadcast frames handed to sockets in one turn of the event loop, at most (one frame
 * may take it past). A broadcast that would write more, such as a large event to hundreds of
 * connections, is finished in later turns (`setImmediate`), so ticks, pings and requests keep
 * being served in between: 100 paused readers × 8 MiB stalled the loop for over 3 s in one turn.
 */
export const BROADCAST_BYTES_PER_TURN = 8 * 1024 * 1024;

/** A broadcast being finished in later turns, with the recipients it has not reached yet. */
interface DeliveryJob {
  readonly message: BroadcastMessage;
  readonly broadcast: SerializedBroadcast;
  readonly recipients: Iterator<Connection>;
  readonly done: () => void;
}

/**
 * Delivers broadcasts in order, each to the connections that were authenticated when it was
 * delivered, writing at most {@link BROADCAST_BYTES_PER_TURN} per turn, shared by every broadcast
 * of the turn (a `setImmediate` after a turn that wrote anything restores it). While a broadcast is being
 * finished in later turns, the broadcasts after it wait behind it (each with its recipients fixed),
 * so every connection still receives its events in order and with contiguous `seq`s.
 */
export class DeliveryQueue {
  readonly #backlog: DeliveryJob[] = [];
  /** Bytes this turn may still write (shared by every broadcast of the turn). */
  #budget = BROADCAST_BYTES_PER_TURN;
  /** Whether a `setImmediate` will start the next turn (drain the backlog, restore the budget). */
  #scheduled = false;

  /** Deliver `broadcast` to `connections` (now, or behind the backlog); `done` runs once every recipient had it. */
  deliver(message: BroadcastMessage, broadcast: SerializedBroadcast, connections: Iterable<Connection>, done: () => void): void {
    if (this.#backlog.length > 0 || this.#budget <= 0) {
      this.#backlog.push({ message, broadcast, recipients: [...connections][Symbol.iterator](), done });
      this.#schedule();
      return;
    }
    const recipients = connections[Symbol.iterator]();
    const before = this.#budget;
    this.#budget = deliverBroadcast(message, broadcast, recipients, before);
    if (this.#budget < before) this.#schedule();
    if (this.#budget > 0) {
      done();
      return;
    }
    // Out of budget: fix the remaining recipients now (a connection authenticated later must not get it).
    this.#backlog.push({ message, broadcast, recipients: [...iterable(recipients)][Symbol.iterator](), done });
  }

  /** The next turn: restore the budget and continue the backlog within it. */
  nextTurn(): void {
    this.#scheduled = false;
    this.#budget = BROADCAST_BYTES_PER_TURN;
    while (this.#backlog.length > 0) {
      const job = this.#backlog[0] as DeliveryJob;
      this.#budget = deliverBroadcast(job.message, job.broadcast, job.recipients, this.#budget);
      if (this.#budget <= 0) {
        this.#schedule();
        return;
      }
      this.#backlog.shift();
      job.done();
    }
    if (this.#budget < BROADCAST_BYTES_PER_TURN) this.#schedule();
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(startTurn, this);
  }
}

function startTurn(queue: DeliveryQueue): void {
  queue.nextTurn();
}

function iterable<T>(iterator: Iterator<T>): Iterable<T> {
  return { [Symbol.iterator]: () => iterator };
}
