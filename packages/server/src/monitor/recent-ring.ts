/**
 * The last `capacity` items pushed, oldest first, and the items pushed since a mark, so an update
 * can carry what is new without copying the whole ring.
 */
export class RecentRing<T> {
  readonly #items: T[] = [];
  readonly #capacity: number;
  /** Items ever pushed (the mark of the newest). */
  pushed = 0;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  push(item: T): void {
    this.#items.push(item);
    if (this.#items.length > this.#capacity) this.#items.shift();
    this.pushed += 1;
  }

  /** Every kept item, oldest first. */
  items(): T[] {
    return [...this.#items];
  }

  /** The items pushed after `mark` that are still kept, oldest first. */
  since(mark: number): T[] {
    const count = Math.min(this.pushed - mark, this.#items.length);
    return count <= 0 ? [] : this.#items.slice(this.#items.length - count);
  }
}
