import type { SerializedBroadcast } from '../events/serialized-broadcast';

/** Bounds of one {@link ReplayBuffer}. */
export interface ReplayBufferLimits {
  readonly maxEvents: number;
  readonly maxBytes: number;
  /**
   * Events older than this (by their broadcast time, against the newest one recorded) are evicted,
   * ms. Without it an open stream keeps up to `maxEvents` whatever their age. @default no age bound
   */
  readonly maxAgeMs?: number;
}

/** Why {@link ReplayBuffer.after} cannot answer with events. */
export type ReplayGap = 'overflow' | 'invalid-seq';

/** Initial ring capacity (an idle connection holds one event, the `health` after `hello-ok`); it doubles as needed up to `maxEvents`. */
const INITIAL_CAPACITY = 4;

/**
 * The sequenced events of one stream, oldest first, bounded in count, bytes and age. Every recorded
 * event takes the next `seq` (1, 2, …), so an entry's `seq` is implied by its position and each entry
 * is just a reference to the broadcast it came from (shared by every recipient), in a ring that grows
 * up to `maxEvents`. Eviction remembers the highest evicted `seq`, so a replay from before it is
 * refused instead of answered partially.
 */
export class ReplayBuffer {
  readonly #limits: ReplayBufferLimits;
  #ring: Array<SerializedBroadcast | undefined> = [];
  /** Ring index of the oldest event. */
  #start = 0;
  #count = 0;
  #bytes = 0;
  #lastSeq = 0;
  #evictedThroughSeq = 0;

  constructor(limits: ReplayBufferLimits) {
    this.#limits = limits;
  }

  /** The highest `seq` given out (0 before the first event). */
  get lastSeq(): number {
    return this.#lastSeq;
  }

  /** The highest `seq` evicted (0 when nothing was). */
  get evictedThroughSeq(): number {
    return this.#evictedThroughSeq;
  }

  /** Events held now. */
  get size(): number {
    return this.#count;
  }

  /** Bytes held now (approximate serialized size). */
  get bytes(): number {
    return this.#bytes;
  }

  /** Record a broadcast under the next `seq`, evicting the oldest events over the bounds; returns the `seq`. */
  append(broadcast: SerializedBroadcast): number {
    this.#lastSeq += 1;
    this.#evictOlderThan(broadcast.createdAtMs);
    if (this.#count === this.#limits.maxEvents) this.#evictOldest();
    if (this.#count === this.#ring.length) this.#grow();
    this.#ring[(this.#start + this.#count) % this.#ring.length] = broadcast;
    this.#count += 1;
    this.#bytes += broadcast.byteLength;
    while (this.#bytes > this.#limits.maxBytes && this.#count > 0) this.#evictOldest();
    return this.#lastSeq;
  }

  /**
   * The frames with `seq > afterSeq` whose broadcast was delivered before `beforeSerial`, ascending;
   * or why that cannot be answered in full.
   */
  after(afterSeq: number, beforeSerial = Number.POSITIVE_INFINITY): string[] | ReplayGap {
    if (afterSeq > this.#lastSeq) return 'invalid-seq';
    if (afterSeq < this.#evictedThroughSeq) return 'overflow';
    const frames: string[] = [];
    const firstSeq = this.#evictedThroughSeq + 1;
    for (let seq = afterSeq + 1; seq <= this.#lastSeq; seq += 1) {
      const broadcast = this.#ring[(this.#start + seq - firstSeq) % this.#ring.length] as SerializedBroadcast;
      if (broadcast.serial >= beforeSerial) break;
      frames.push(broadcast.frame(seq));
    }
    return frames;
  }

  /**
   * Events were lost that this stream may have been eligible for: spend a `seq` on them and forget
   * what is held, so no replay crosses the hole (it answers `overflow`).
   */
  skipLost(): void {
    this.#lastSeq += 1;
    this.clear();
  }

  /** Drop every event (the `seq` counter stays). */
  clear(): void {
    this.#evictedThroughSeq = this.#lastSeq;
    this.#ring = [];
    this.#start = 0;
    this.#count = 0;
    this.#bytes = 0;
  }

  /** Evict the events broadcast more than `maxAgeMs` before `nowMs` (no clock read per recipient). */
  #evictOlderThan(nowMs: number): void {
    const maxAgeMs = this.#limits.maxAgeMs;
    if (maxAgeMs === undefined) return;
    const oldestKeptMs = nowMs - maxAgeMs;
    while (this.#count > 0 && (this.#ring[this.#start] as SerializedBroadcast).createdAtMs < oldestKeptMs) this.#evictOldest();
  }

  #evictOldest(): void {
    const oldest = this.#ring[this.#start] as SerializedBroadcast;
    this.#ring[this.#start] = undefined;
    this.#start = (this.#start + 1) % this.#ring.length;
    this.#count -= 1;
    this.#bytes -= oldest.byteLength;
    this.#evictedThroughSeq += 1;
  }

  #grow(): void {
    const capacity = Math.min(this.#limits.maxEvents, Math.max(INITIAL_CAPACITY, this.#ring.length * 2));
    const ring = new Array<SerializedBroadcast | undefined>(capacity);
    for (let index = 0; index < this.#count; index += 1) ring[index] = this.#ring[(this.#start + index) % this.#ring.length];
    this.#ring = ring;
    this.#start = 0;
  }
}
