import type { RedisConnection } from './redis-connection';

/**
 * What is wrong with a parsed hash value, as the end of a sentence (`"is not a paired node"`,
 * `"holds node n2"`), or `undefined` when it is a valid record stored under `field`.
 */
export type RecordProblem = (field: string, value: unknown) => string | undefined;

/**
 * One Redis hash of JSON records, field = the record's id, as the shared stores keep them. Each call
 * is one Redis command (`take` one `MULTI`), so concurrent `put`s of one record are last-writer-wins
 * and of two concurrent `take`s of one record only one gets it. A value that is not JSON, or that
 * `problemOf` refuses, makes `get`/`take`/`list` reject with a `TypeError` naming the store, the key
 * and the field.
 */
export class JsonHash<T> {
  readonly #redis: RedisConnection;
  readonly #owner: string;
  readonly #problemOf: RecordProblem;

  /** The Redis key of the hash. */
  readonly key: string;

  /** `owner` names the store in error messages. */
  constructor(redis: RedisConnection, owner: string, key: string, problemOf: RecordProblem) {
    this.#redis = redis;
    this.#owner = owner;
    this.key = key;
    this.#problemOf = problemOf;
  }

  async get(field: string): Promise<T | undefined> {
    const value = await this.#redis.hGet(this.key, field);
    return typeof value === 'string' ? this.#parse(field, value) : undefined;
  }

  async put(field: string, record: T): Promise<void> {
    await this.#redis.hSet(this.key, field, JSON.stringify(record));
  }

  async delete(field: string): Promise<void> {
    await this.#redis.hDel(this.key, field);
  }

  /** Read and delete a record in one `MULTI`; `undefined` when it was not there (or another take got it). */
  async take(field: string): Promise<T | undefined> {
    const [value, deleted] = (await this.#redis.multi().hGet(this.key, field).hDel(this.key, field).exec()) as unknown as [string | null, number];
    return deleted === 1 && typeof value === 'string' ? this.#parse(field, value) : undefined;
  }

  async list(): Promise<T[]> {
    const all = await this.#redis.hGetAll(this.key);
    return Object.entries(all).map(([field, value]) => this.#parse(field, value));
  }

  #parse(field: string, text: string): T {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (cause) {
      throw new TypeError(`${this.#owner}: ${this.key} field ${field} is not JSON`, { cause });
    }
    const problem = this.#problemOf(field, value);
    if (problem !== undefined) throw new TypeError(`${this.#owner}: ${this.key} field ${field} ${problem}`);
    return value as T;
  }
}
