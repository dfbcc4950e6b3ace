import { performance } from 'node:perf_hooks';

/** One item waiting for its deadline: a link of the queue, in deadline order. */
export interface HandshakeDeadline<T> {
  readonly item: T;
  /** On the monotonic clock (`performance.now()`), ms. */
  readonly deadlineMs: number;
  previous: HandshakeDeadline<T> | undefined;
  next: HandshakeDeadline<T> | undefined;
  queued: boolean;
}

/**
 * The handshake deadlines of a gateway's sockets behind one timer, instead of a `setTimeout` and a
 * `clearTimeout` per connection. The deadlines are linked in deadline order (arrival order, as every
 * socket of a gateway gets the same timeout), so adding one and removing one (the handshake ended in
 * time, the usual case) are a few field writes. The timer is armed for the earliest deadline and
 * left running when that one is removed: when it fires it expires what is due and is armed again for
 * the new earliest, if any. It is unreferenced (a pending socket keeps the process alive on its
 * own) and cleared by {@link stop}.
 */
export class HandshakeDeadlines<T> {
  readonly #expire: (item: T) => void;
  #head: HandshakeDeadline<T> | undefined;
  #tail: HandshakeDeadline<T> | undefined;
  #timer: NodeJS.Timeout | undefined;
  /** When the armed timer fires (monotonic clock, ms). */
  #timerAtMs = Number.POSITIVE_INFINITY;
  readonly #onTimer = (): void => this.#fire();

  /** `expire` is called with each item whose deadline passed before it was removed. */
  constructor(expire: (item: T) => void) {
    this.#expire = expire;
  }

  /** Expire `item` in `timeoutMs` unless it is {@link remove}d first. */
  add(item: T, timeoutMs: number): HandshakeDeadline<T> {
    const entry: HandshakeDeadline<T> = { item, deadlineMs: performance.now() + timeoutMs, previous: undefined, next: undefined, queued: true };
    let before = this.#tail;
    while (before !== undefined && before.deadlineMs > entry.deadlineMs) before = before.previous;
    entry.previous = before;
    entry.next = before === undefined ? this.#head : before.next;
    if (entry.next === undefined) this.#tail = entry;
    else entry.next.previous = entry;
    if (before === undefined) this.#head = entry;
    else before.next = entry;
    if (this.#head === entry) this.#arm(entry.deadlineMs);
    return entry;
  }

  /** Forget a deadline (no effect once it expired or was removed). */
  remove(entry: HandshakeDeadline<T>): void {
    if (!entry.queued) return;
    entry.queued = false;
    if (entry.previous === undefined) this.#head = entry.next;
    else entry.previous.next = entry.next;
    if (entry.next === undefined) this.#tail = entry.previous;
    else entry.next.previous = entry.previous;
    entry.previous = undefined;
    entry.next = undefined;
  }

  /** Stop the timer; the deadlines still queued never expire. */
  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#timerAtMs = Number.POSITIVE_INFINITY;
    while (this.#head !== undefined) this.remove(this.#head);
  }

  /** Arm the timer for `deadlineMs` unless it fires by then anyway. */
  #arm(deadlineMs: number): void {
    if (this.#timer !== undefined && this.#timerAtMs <= deadlineMs) return;
    clearTimeout(this.#timer);
    this.#timerAtMs = deadlineMs;
    this.#timer = setTimeout(this.#onTimer, Math.max(1, Math.ceil(deadlineMs - performance.now())));
    this.#timer.unref();
  }

  #fire(): void {
    this.#timer = undefined;
    this.#timerAtMs = Number.POSITIVE_INFINITY;
    const now = performance.now();
    try {
      for (let head = this.#head; head !== undefined && head.deadlineMs <= now; head = this.#head) {
        this.remove(head);
        this.#expire(head.item);
      }
    } finally {
      if (this.#head !== undefined) this.#arm(this.#head.deadlineMs);
    }
  }
}
