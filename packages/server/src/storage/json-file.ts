import { readFile } from 'node:fs/promises';
import { writePrivateFile } from '@gatewire/protocol/node';

/**
 * State kept in one JSON file: read once (lazily), changed under a queue so changes never
 * interleave, and rewritten atomically after each change with mode 0600 ({@link writePrivateFile}:
 * a synced temporary file renamed over the old one), so a crash never leaves half a file and a
 * failed write keeps the old contents.
 */
export class JsonFileState<State> {
  readonly #path: string;
  readonly #parse: (contents: unknown) => State;
  readonly #serialize: (state: State) => unknown;
  #state: State | undefined;
  #queue: Promise<unknown> = Promise.resolve();

  /**
   * @param parse turns the file's JSON (or `undefined` when there is no file yet) into the state.
   * @param serialize turns the state into what is written.
   */
  constructor(path: string, parse: (contents: unknown) => State, serialize: (state: State) => unknown) {
    if (typeof path !== 'string' || path.length === 0) throw new TypeError('a JSON file store needs a file path');
    this.#path = path;
    this.#parse = parse;
    this.#serialize = serialize;
  }

  get path(): string {
    return this.#path;
  }

  /** The current state (loaded on first use). */
  async read(): Promise<State> {
    if (this.#state !== undefined) return this.#state;
    let contents: unknown;
    try {
      contents = JSON.parse(await readFile(this.#path, 'utf8')) as unknown;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    this.#state ??= this.#parse(contents);
    return this.#state;
  }

  /** Change the state and write it; changes run one at a time, in call order. */
  change<T>(mutate: (state: State) => T): Promise<T> {
    const run = this.#queue.then(async () => {
      const state = await this.read();
      const result = mutate(state);
      await this.#write(this.#serialize(state));
      return result;
    });
    this.#queue = run.catch(() => {});
    return run;
  }

  async #write(contents: unknown): Promise<void> {
    await writePrivateFile(this.#path, `${JSON.stringify(contents, null, 2)}\n`);
  }
}
