import type { HarnessToLoad } from '../harness/messages';

/** Messages from the harness to a long-running load generator, awaited one at a time. */
export class Inbox {
  readonly #queue: HarnessToLoad[] = [];
  #waiter: (() => void) | undefined;

  /** Listen on this process's IPC channel. */
  static listen(): Inbox {
    const inbox = new Inbox();
    process.on('message', (message: HarnessToLoad) => inbox.push(message));
    return inbox;
  }

  push(message: HarnessToLoad): void {
    this.#queue.push(message);
    this.#waiter?.();
  }

  /** The next message (of `kind`, when given; earlier messages of other kinds stay queued). */
  async next(kind?: HarnessToLoad['kind']): Promise<HarnessToLoad> {
    for (;;) {
      const index = kind === undefined ? 0 : this.#queue.findIndex((message) => message.kind === kind);
      if (index >= 0 && index < this.#queue.length) return this.#queue.splice(index, 1)[0] as HarnessToLoad;
      await new Promise<void>((resolve) => (this.#waiter = resolve));
      this.#waiter = undefined;
    }
  }
}
