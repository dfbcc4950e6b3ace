/** Where the reader fetches what it missed: the cluster log. */
export interface LogSource {
  /** The current epoch and last offset; epoch `""` when the log has none yet (Redis empty: the next write creates it). */
  head(): Promise<{ epoch: string; offset: number }>;
  /** Entries with `from ≤ offset ≤ to`, oldest first, at most `count`; `from` undefined = the log's start. */
  range(from: number | undefined, to: number, count: number): Promise<Array<{ offset: number; entry: string }>>;
}

/** What the reader does with entries, in order. */
export interface ReaderSink {
  apply(offset: number, entry: string): void;
  /** Entries were lost that the log no longer has (trimmed, or Redis lost its data). */
  lost(): void;
  /** The epoch changed (Redis came back without the old log); `lost()` was called just before. */
  epochChanged(epoch: string): void;
  /** Fetching failed (Redis unreachable); the next `catchUp()` retries. */
  fetchFailed(error: unknown): void;
}

/** Entries fetched per XRANGE call. */
const RANGE_BATCH = 500;
/** `last` before the first entry of a new epoch has been applied. */
const EPOCH_START = -1;

/**
 * Applies log entries strictly in offset order, each exactly once, whichever way they arrive (bus
 * message, reply to this gateway's own publish, catch-up). An entry ahead of the next expected
 * offset waits `gapWaitMs` for the missing ones, then the reader fetches them from the log; what the
 * log no longer has is reported as lost, never skipped silently.
 */
export class OrderedReader {
  readonly #source: LogSource;
  readonly #sink: ReaderSink;
  readonly #gapWaitMs: number;
  readonly #oldEpochs = new Set<string>();
  #epoch: string | undefined;
  #last = 0;
  /** The highest offset of the current epoch seen so far (entries received, or the log's head). */
  #highest = 0;
  readonly #pending = new Map<number, string>();
  #fetching = false;
  #fetchAgain = false;
  #gapTimer: NodeJS.Timeout | undefined;

  constructor(source: LogSource, sink: ReaderSink, gapWaitMs: number) {
    this.#source = source;
    this.#sink = sink;
    this.#gapWaitMs = gapWaitMs;
  }

  /** The current epoch, once known. */
  get epoch(): string | undefined {
    return this.#epoch;
  }

  /** The last offset applied (from {@link start} on). */
  get lastOffset(): number {
    return this.#last;
  }

  /** Entries of the current epoch known to exist (received or in the log) but not applied yet. */
  get lagEntries(): number {
    return Math.max(0, this.#highest - Math.max(this.#last, 0));
  }

  /** Entries waiting for a missing one. */
  get pendingCount(): number {
    return this.#pending.size;
  }

  /** Begin after `offset` of `epoch` (a snapshot's position). */
  start(epoch: string, offset: number): void {
    this.#epoch = epoch;
    this.#last = offset;
    this.#highest = offset;
  }

  /** An entry arrived (bus or publish reply). */
  receive(epoch: string, offset: number, entry: string): void {
    if (this.#oldEpochs.has(epoch)) return;
    if (epoch !== this.#epoch) this.#changeEpoch(epoch);
    if (this.#last !== EPOCH_START && offset <= this.#last) return;
    if (offset > this.#highest) this.#highest = offset;
    if (offset === this.#last + 1 && !this.#fetching) {
      this.#apply(offset, entry);
      this.#drain();
      return;
    }
    this.#pending.set(offset, entry);
    if (!this.#fetching && this.#gapTimer === undefined) this.#gapTimer = setTimeout(() => this.catchUp(), this.#gapWaitMs);
  }

  /** Fetch everything up to the log's head (after a reconnect, and periodically as a probe). */
  catchUp(): void {
    this.#clearGapTimer();
    if (this.#fetching) {
      this.#fetchAgain = true;
      return;
    }
    this.#fetching = true;
    this.#fetch().then(
      () => this.#fetchDone(),
      (error: unknown) => {
        this.#fetching = false;
        this.#fetchAgain = false;
        this.#sink.fetchFailed(error);
      },
    );
  }

  /** Stop timers. */
  stop(): void {
    this.#clearGapTimer();
    this.#pending.clear();
  }

  #fetchDone(): void {
    this.#fetching = false;
    this.#drain();
    if (this.#fetchAgain || this.#pending.size > 0) {
      this.#fetchAgain = false;
      this.catchUp();
    }
  }

  async #fetch(): Promise<void> {
    const head = await this.#source.head();
    if (head.epoch === '' || this.#oldEpochs.has(head.epoch)) return;
    if (head.epoch !== this.#epoch) this.#changeEpoch(head.epoch);
    if (head.offset > this.#highest) this.#highest = head.offset;
    while (this.#last === EPOCH_START || this.#last < head.offset) {
      if (this.#last !== EPOCH_START && this.#pending.has(this.#last + 1)) {
        this.#drain();
        continue;
      }
      const from = this.#last === EPOCH_START ? undefined : this.#last + 1;
      const batch = await this.#source.range(from, head.offset, RANGE_BATCH);
      if (batch.length === 0) {
        if (this.#last !== EPOCH_START) this.#sink.lost();
        this.#last = head.offset;
        break;
      }
      for (const { offset, entry } of batch) {
        if (this.#last !== EPOCH_START && offset <= this.#last) continue;
        if (this.#last !== EPOCH_START && offset > this.#last + 1) this.#sink.lost();
        this.#apply(offset, entry);
      }
    }
  }

  #changeEpoch(epoch: string): void {
    if (this.#epoch !== undefined) {
      this.#oldEpochs.add(this.#epoch);
      this.#sink.lost();
    }
    this.#epoch = epoch;
    this.#last = EPOCH_START;
    this.#highest = 0;
    this.#pending.clear();
    this.#sink.epochChanged(epoch);
  }

  #apply(offset: number, entry: string): void {
    this.#last = offset;
    this.#sink.apply(offset, entry);
  }

  /** Apply waiting entries that are next in line; drop those already applied. */
  #drain(): void {
    if (this.#last === EPOCH_START) return;
    for (const offset of this.#pending.keys()) if (offset <= this.#last) this.#pending.delete(offset);
    let next = this.#pending.get(this.#last + 1);
    while (next !== undefined) {
      this.#pending.delete(this.#last + 1);
      this.#apply(this.#last + 1, next);
      next = this.#pending.get(this.#last + 1);
    }
    if (this.#pending.size === 0) this.#clearGapTimer();
  }

  #clearGapTimer(): void {
    if (this.#gapTimer === undefined) return;
    clearTimeout(this.#gapTimer);
    this.#gapTimer = undefined;
  }
}
