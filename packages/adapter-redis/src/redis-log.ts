import type { ClusterKeys } from './keys';
import { offsetOfStreamId } from './log-entry';
import type { LogSource } from './ordered-reader';
import type { RedisConnection } from './redis-connection';

/** The cluster log in Redis, as the {@link LogSource} of the ordered reader. */
export class RedisLog implements LogSource {
  readonly #client: RedisConnection;
  readonly #keys: ClusterKeys;

  constructor(client: RedisConnection, keys: ClusterKeys) {
    this.#client = client;
    this.#keys = keys;
  }

  async head(): Promise<{ epoch: string; offset: number }> {
    const [epoch, offset] = await this.#client.hmGet(this.#keys.meta, ['e', 's']);
    return { epoch: epoch ?? '', offset: Number(offset ?? 0) };
  }

  async range(from: number | undefined, to: number, count: number): Promise<Array<{ offset: number; entry: string }>> {
    const entries = await this.#client.xRange(this.#keys.log, from === undefined ? '-' : `${from}-0`, `${to}-0`, { COUNT: count });
    return (entries ?? []).map((entry) => ({ offset: offsetOfStreamId(entry.id), entry: String(entry.message['m'] ?? '') }));
  }
}
