import type { Connection } from '../connection/connection';
import type { MonitorFeed } from './monitor-feed';

/**
 * The connections that follow the monitor feed. While there is one, a timer takes an update from
 * the feed every `updateIntervalMs`, serializes it once and hands the same frame to each
 * subscriber as a droppable event (skipped for a subscriber whose send buffer is full: the gap in
 * `updateSeq` tells it to take a new snapshot).
 */
export class MonitorSubscribers {
  readonly #feed: MonitorFeed;
  readonly #intervalMs: number;
  readonly #connections = new Map<string, Connection>();
  /** Told when the first connection starts following and when the last one stops. */
  readonly #followingChanged: (following: boolean) => void;
  #timer: NodeJS.Timeout | undefined;

  constructor(feed: MonitorFeed, intervalMs: number, followingChanged: (following: boolean) => void = () => {}) {
    this.#feed = feed;
    this.#intervalMs = intervalMs;
    this.#followingChanged = followingChanged;
  }

  get size(): number {
    return this.#connections.size;
  }

  add(connection: Connection): void {
    this.#connections.set(connection.connId, connection);
    this.#feed.setFollowing(true);
    if (this.#timer === undefined) {
      this.#timer = setInterval(() => this.#publish(), this.#intervalMs);
      this.#timer.unref();
      this.#followingChanged(true);
    }
  }

  /** `true` when the connection was subscribed. */
  remove(connId: string): boolean {
    const removed = this.#connections.delete(connId);
    if (this.#connections.size === 0) this.stop();
    return removed;
  }

  stop(): void {
    this.#connections.clear();
    this.#feed.setFollowing(false);
    if (this.#timer === undefined) return;
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#followingChanged(false);
  }

  #publish(): void {
    const update = this.#feed.takeUpdate();
    if (update === undefined) return;
    const frame = JSON.stringify({ type: 'event', event: 'monitor.update', payload: update });
    for (const connection of this.#connections.values()) {
      if (connection.sendDroppableFrame(frame) === 'closed') this.remove(connection.connId);
    }
  }
}
