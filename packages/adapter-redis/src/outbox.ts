/** One write waiting to be sequenced by Redis, with its publish number (unique per gateway, increasing). */
export interface OutboxItem {
  readonly number: number;
  readonly keys: readonly string[];
  readonly args: readonly string[];
  /** The entry text (for applying the reply). */
  readonly entry: string;
  sent: boolean;
}

/**
 * Writes in order, from enqueue until Redis acknowledged them. Replies come back in the order the
 * writes were sent (one connection), so the oldest unacknowledged item is always the first. After a
 * failure every item is sent again: the publish number makes a repeat a no-op in Redis.
 */
export class Outbox {
  #items: OutboxItem[] = [];
  #head = 0;
  #nextNumber = 1;

  get size(): number {
    return this.#items.length - this.#head;
  }

  /** Queue a write; returns it. */
  push(keys: readonly string[], args: (publishNumber: number) => readonly string[], entry: string): OutboxItem {
    const number = this.#nextNumber;
    this.#nextNumber += 1;
    const item: OutboxItem = { number, keys, args: args(number), entry, sent: false };
    this.#items.push(item);
    return item;
  }

  /** Items not sent yet, oldest first (marked sent). */
  takeUnsent(): OutboxItem[] {
    const taken: OutboxItem[] = [];
    for (let index = this.#head; index < this.#items.length; index += 1) {
      const item = this.#items[index] as OutboxItem;
      if (item.sent) continue;
      item.sent = true;
      taken.push(item);
    }
    return taken;
  }

  /** Redis acknowledged `item` (and so every older one). */
  acknowledge(item: OutboxItem): void {
    while (this.#head < this.#items.length) {
      const first = this.#items[this.#head] as OutboxItem;
      this.#head += 1;
      if (first === item) break;
    }
    if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
  }

  /** A write failed: send every unacknowledged item again. */
  resendAll(): void {
    for (let index = this.#head; index < this.#items.length; index += 1) (this.#items[index] as OutboxItem).sent = false;
  }
}
