import type { GapContext } from './events';

/**
 * Tracks the per-connection event `seq` (reset on each new connection). Events without `seq`
 * (challenge, node-directed, targeted) are not counted. A jump forward is a gap: the gateway dropped
 * events for us. Used on connections without resume (`gatewire.resume.v1`), where nothing can be
 * replayed and the `gap` event lets the application refetch state.
 */
export class SequenceTracker {
  #lastSeq = 0;

  /** The last `seq` seen on this connection (0 before any). */
  get lastSeq(): number {
    return this.#lastSeq;
  }

  /** Forget everything (a new connection starts at 1). */
  reset(): void {
    this.#lastSeq = 0;
  }

  /** Record `seq`; returns the gap when numbers were skipped. */
  observe(seq: number): GapContext | undefined {
    const expected = this.#lastSeq + 1;
    this.#lastSeq = seq;
    return seq > expected ? { expected, received: seq } : undefined;
  }
}
