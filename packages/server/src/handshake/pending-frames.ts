/**
 * What each queued frame costs on top of its own bytes (the string and the queue slot), so that a
 * flood of tiny frames meets the bound as surely as a few large ones.
 */
export const PENDING_FRAME_OVERHEAD_BYTES = 64;

/**
 * Frames that arrived behind `connect` while it was processed, bounded by bytes rather than by a
 * count: an eager client that pipelines dozens of small requests behind its `connect` is served,
 * while the memory one unauthenticated socket can hold stays bounded.
 */
export class PendingFrames {
  #frames: string[] = [];
  #bytes = 0;

  /** Bytes held, counting {@link PENDING_FRAME_OVERHEAD_BYTES} per frame. */
  get bytes(): number {
    return this.#bytes;
  }

  get length(): number {
    return this.#frames.length;
  }

  /** Queue a frame; `false` (nothing queued) when it would take the queue over `maxBytes`. */
  push(text: string, byteLength: number, maxBytes: number): boolean {
    const cost = byteLength + PENDING_FRAME_OVERHEAD_BYTES;
    if (this.#bytes + cost > maxBytes) return false;
    this.#frames.push(text);
    this.#bytes += cost;
    return true;
  }

  /** Take every queued frame, in arrival order, and empty the queue. */
  drain(): string[] {
    const frames = this.#frames;
    this.#frames = [];
    this.#bytes = 0;
    return frames;
  }
}
