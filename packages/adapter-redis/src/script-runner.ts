import { randomUUID } from 'node:crypto';
import type { ClusterKeys } from './keys';
import type { RedisConnection } from './redis-connection';
import type { ResolvedRedisAdapterOptions } from './redis-adapter-options';
import { EVICT_SCRIPT, RENEW_SCRIPT, SEQUENCE_SCRIPT, SNAPSHOT_SCRIPT } from './scripts';

/** The adapter's scripts, loaded once per connection and run with `EVALSHA` (reloaded after `NOSCRIPT`). */
type ScriptName = 'sequence' | 'renew' | 'evict' | 'snapshot';

const SOURCES: Readonly<Record<ScriptName, string>> = {
  sequence: SEQUENCE_SCRIPT,
  renew: RENEW_SCRIPT,
  evict: EVICT_SCRIPT,
  snapshot: SNAPSHOT_SCRIPT,
};

/** A raw script reply (RESP3 arrays of strings and integers). */
export type ScriptReply = ReadonlyArray<string | number | ScriptReply>;

/** Runs the adapter's Lua scripts on one connection. */
export class ScriptRunner {
  readonly #client: RedisConnection;
  readonly #shas = new Map<ScriptName, string>();

  constructor(client: RedisConnection) {
    this.#client = client;
  }

  /** Load every script (at start and after each reconnect: a restarted Redis has an empty script cache). */
  async load(): Promise<void> {
    for (const [name, source] of Object.entries(SOURCES) as Array<[ScriptName, string]>) this.#shas.set(name, await this.#client.scriptLoad(source));
  }

  /** Run the sequencer: `{offset, epoch}`, offset 0 when the write was already applied or not needed. */
  async sequence(keys: readonly string[], args: readonly string[]): Promise<{ offset: number; epoch: string }> {
    const reply = await this.#run('sequence', keys, args);
    return { offset: Number(reply[0]), epoch: String(reply[1]) };
  }

  /** Renew `gatewayId`'s lease; `false` when it had none (first start, evicted, or Redis lost its data). */
  async renew(keys: ClusterKeys, options: ResolvedRedisAdapterOptions, gatewayId: string, info: string): Promise<boolean> {
    const reply = await this.#run('renew', [keys.meta, keys.gateways, keys.gatewayInfo, keys.presence(gatewayId), keys.gatewayNodes(gatewayId)], [
      randomUUID(),
      gatewayId,
      String(options.leaseMs),
      info,
    ]);
    return Number(reply[0]) === 1;
  }

  /** Evict the gateways whose lease expired, or `leavingGatewayId` at once; returns how many. */
  async evict(keys: ClusterKeys, options: ResolvedRedisAdapterOptions, leavingGatewayId: string): Promise<number> {
    const reply = await this.#client.sendCommand(this.#command('evict', [keys.meta, keys.log, keys.gateways, keys.gatewayInfo, keys.nodes], [
      randomUUID(),
      keys.bus,
      String(options.maxLogEntries),
      keys.gatewayPrefix,
      leavingGatewayId,
    ]));
    return Number(reply);
  }

  /** The cluster state at one offset (see `SNAPSHOT_SCRIPT`). */
  snapshot(keys: ClusterKeys): Promise<ScriptReply> {
    return this.#run('snapshot', [keys.meta, keys.gateways, keys.nodes], [randomUUID(), keys.gatewayPrefix]);
  }

  async #run(name: ScriptName, keys: readonly string[], args: readonly string[]): Promise<ScriptReply> {
    const reply = await this.#client.sendCommand(this.#command(name, keys, args));
    if (!Array.isArray(reply)) throw new TypeError(`unexpected reply from the ${name} script`);
    return reply as unknown as ScriptReply;
  }

  #command(name: ScriptName, keys: readonly string[], args: readonly string[]): string[] {
    const sha = this.#shas.get(name);
    if (sha === undefined) throw new Error(`script ${name} not loaded`);
    return ['EVALSHA', sha, String(keys.length), ...keys, ...args];
  }
}
