import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterKeys } from '../src/keys';
import { OrderedReader, type ReaderSink } from '../src/ordered-reader';
import { createRedisConnection, type RedisConnection } from '../src/redis-connection';
import { RedisLog } from '../src/redis-log';
import { ScriptRunner } from '../src/script-runner';
import { RedisServer } from '@gatewire/test-harness';

let redis: RedisServer;
let client: RedisConnection;
beforeAll(async () => {
  redis = await RedisServer.start();
  client = createRedisConnection({ url: redis.url, name: 'reader-test', connectTimeoutMs: 2_000 });
  await client.connect();
});
afterAll(async () => {
  client.destroy();
  await redis.kill();
});

/** The writer's publish ids: increasing and never reused in this file (Date.now()-based ids collided across calls). */
let lastPublishId = Date.now();

/** Writes `count` entries through the sequencer (as a gateway would) and returns their offsets and epoch. */
async function append(cluster: string, texts: string[]): Promise<{ epoch: string; offsets: number[] }> {
  const keys = clusterKeys('gatewire', cluster);
  const scripts = new ScriptRunner(client);
  await scripts.load();
  const offsets: number[] = [];
  let epoch = '';
  for (const text of texts) {
    const reply = await scripts.sequence([keys.meta, keys.log, keys.presence('w'), keys.gatewayNodes('w')], [
      'epoch-candidate',
      keys.bus,
      '1000',
      'writer',
      String(++lastPublishId), // never reused: the sequencer answers a reused publish id with its first offset
      text,
      'none',
      '',
      '',
    ]);
    offsets.push(reply.offset);
    epoch = reply.epoch;
  }
  return { epoch, offsets };
}

function recordingSink(): ReaderSink & { applied: string[]; lostCount: number; done: Promise<void>; expect(count: number): void } {
  let resolve = () => {};
  let expected = Number.POSITIVE_INFINITY;
  const sink = {
    applied: [] as string[],
    lostCount: 0,
    done: new Promise<void>((done) => (resolve = done)),
    expect(count: number) {
      expected = count;
    },
    apply(_offset: number, entry: string) {
      sink.applied.push(entry);
      if (sink.applied.length >= expected) resolve();
    },
    lost() {
      sink.lostCount += 1;
    },
    epochChanged() {},
    fetchFailed() {},
  };
  return sink;
}

describe('OrderedReader on a real Redis log', () => {
  it('fetches the entries missing before one that arrived early, and applies all in offset order', async () => {
    const { epoch, offsets } = await append('fill', ['a', 'b', 'c', 'd', 'e']);
    const sink = recordingSink();
    sink.expect(5);
    const reader = new OrderedReader(new RedisLog(client, clusterKeys('gatewire', 'fill')), sink, 10);
    reader.start(epoch, (offsets[0] as number) - 1);
    expect(reader.lagEntries).toBe(0);
    reader.receive(epoch, offsets[4] as number, 'e');
    reader.receive(epoch, offsets[2] as number, 'c');
    // The lag: from the last applied entry to the highest seen (the `gatewire_adapter_lag_entries` gauge).
    expect(reader.lagEntries).toBe(5);
    await sink.done;
    expect(sink.applied).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(reader.lagEntries).toBe(0);
    expect(sink.lostCount).toBe(0);
    reader.receive(epoch, offsets[1] as number, 'b');
    expect(sink.applied).toHaveLength(5);
    reader.stop();
  });

  it('reports entries the log no longer has as lost, once, and goes on after them', async () => {
    const { epoch, offsets } = await append('trimmed', ['a', 'b', 'c']);
    await client.xTrim(clusterKeys('gatewire', 'trimmed').log, 'MAXLEN', 0);
    const later = await append('trimmed', ['d']);
    const sink = recordingSink();
    sink.expect(1);
    const reader = new OrderedReader(new RedisLog(client, clusterKeys('gatewire', 'trimmed')), sink, 10);
    reader.start(epoch, (offsets[0] as number) - 1);
    reader.receive(later.epoch, later.offsets[0] as number, 'd');
    await sink.done;
    expect(sink.applied).toEqual(['d']);
    expect(sink.lostCount).toBe(1);
    reader.stop();
  });
});
