import type { SerializedBroadcast } from '../events/serialized-broadcast';

/** Bounds of one {@link ReplayBuffer}. */
export interface ReplayBufferLimits {
  readonly maxEvents: number;
  readonly maxBytes: number;
}

/** Why {@link ReplayBuffer.after} cannot answer with events. */
export type ReplayGap = 'overflow' | 'invalid-seq';

/** Compact the backing array once this many evicted slots sit at its front (and they are half of it). */
const COMPACT_AFTER = 1024;

/**
 * The sequenced events of one stream, oldest first, bounded in count and bytes. Every recorded
 * event takes the next `seq` (1, 2, …), so an entry's `seq` is implied by its position and each entry
 * is just a reference to the broadcast it came from (shared by every recipient). Eviction remembers
 * the highest evicted `seq`, so a replay from before it is refused instead of answered partially.
 */
export class ReplayBuffer {
  readonly #limits: ReplayBufferLimits;
  #entries: Array<SerializedBroadcast | undefined> = [];
  #head = 0;
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
    return this.#entries.length - this.#head;
  }

  /** Bytes held now (approximate serialized size). */
  get bytes(): number {
    return this.#bytes;
  }

  /** Record a broadcast under the next `seq`, evicting the oldest events over the bounds; returns the `seq`. */
  append(broadcast: SerializedBroadcast): number {
    this.#lastSeq += 1;
    this.#entries.push(broadcast);
    this.#bytes += broadcast.byteLength;
    while (this.size > this.#limits.maxEvents || (this.#bytes > this.#limits.maxBytes && this.size > 0)) this.#evictOldest();
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
      const broadcast = this.#entries[this.#head + seq - firstSeq] as SerializedBroadcast;
      if (broadcast.serial >= beforeSerial) break;
      frames.push(broadcast.frame(seq));
    }
    return frames;
  }

  /** Drop every event (the `seq` counter stays). */
  clear(): void {
    this.#evictedThroughSeq = this.#lastSeq;
    this.#entries = [];
    this.#head = 0;
    this.#bytes = 0;
  }

  #evictOldest(): void {
    const oldest = this.#entries[this.#head] as SerializedBroadcast;
    this.#entries[this.#head] = undefined;
    this.#head += 1;
    this.#bytes -= oldest.byteLength;
    this.#evictedThroughSeq += 1;
    if (this.#head >= COMPACT_AFTER && this.#head * 2 >= this.#entries.length) {
      this.#entries = this.#entries.slice(this.#head);
      this.#head = 0;
    }
  }
}
