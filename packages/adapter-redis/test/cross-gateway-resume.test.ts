import { fileURLToPath } from 'node:url';
import { RESUME_CAPABILITY, defineEvent, defineEvents } from '@gatewire/protocol';
import { Type } from '@sinclair/typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayProcess } from './harness/gateway-process';
import { RedisServer, type Frame, type RawClient } from '@gatewire/test-harness';
import { connect, connectParams, connIdOf, onCleanup, startClusterGateway } from './helpers/cluster';

const appEvents = defineEvents(defineEvent('app.note', { payload: Type.Object({ n: Type.Integer() }), scope: 'everyone' }));
type AppEvents = typeof appEvents;
const script = fileURLToPath(new URL('./fixtures/redis-gateway.mjs', import.meta.url));
const resumable = connectParams({ caps: [RESUME_CAPABILITY] });

let redis: RedisServer;
beforeAll(async () => {
  redis = await RedisServer.start();
});
afterAll(async () => {
  await redis.kill();
});

function summary(frames: Frame[]): Array<[string | undefined, number | undefined, unknown]> {
  return frames.map((frame) => [frame.event, frame.seq, frame.event === 'app.note' ? (frame['payload'] as { n: number }).n : undefined]);
}

async function resume(client: RawClient, previousConnId: string, lastSeq: number): Promise<Record<string, unknown>> {
  const response = await client.request('gateway.resume', { previousConnId, lastSeq });
  expect(response.ok).toBe(true);
  return response['payload'] as Record<string, unknown>;
}

describe('gateway.resume on a different gateway', () => {
  it('replays what the connection missed, exactly once and in order, with the seq it would have had (old gateway alive)', async () => {
    const first = await startClusterGateway<AppEvents>(redis.url, { events: appEvents }, { cluster: 'resume-alive' });
    const second = await startClusterGateway<AppEvents>(redis.url, { events: appEvents }, { cluster: 'resume-alive' });
    const watcher = await connect(second.url);
    const original = await connect(first.url, resumable);
    first.gateway.broadcast('app.note', { n: 1 });
    expect(await original.client.nextEvent('app.note')).toMatchObject({ seq: 2 }); // seq 1: the health after hello-ok
    original.client.close();
    await original.client.closed;
    second.gateway.broadcast('app.note', { n: 2 });
    first.gateway.publishHealth();
    second.gateway.publishHealth();
    first.gateway.broadcast('app.note', { n: 3 });
    await watcher.client.nextMatching((frame) => frame.event === 'app.note' && (frame['payload'] as { n: number }).n === 3);
    const successor = await connect(second.url, resumable);
    const replay = await resume(successor.client, connIdOf(original.hello), 2);
    expect(replay).toMatchObject({ recovered: true, replayed: 3 });
    expect(summary(replay['events'] as Frame[])).toEqual([
      ['app.note', 3, 2],
      ['health', 4, undefined],
      ['app.note', 5, 3],
    ]);
    // From the start: the rebuilt stream begins with the health the old gateway sent after hello-ok.
    const whole = await resume(successor.client, connIdOf(original.hello), 0);
    expect(summary(whole['events'] as Frame[])).toEqual([['health', 1, undefined], ['app.note', 2, 1], ...summary(replay['events'] as Frame[])]);
    expect((whole['events'] as Frame[])[0]).toMatchObject({ payload: (original.hello['snapshot'] as { health: unknown }).health });
    second.gateway.broadcast('app.note', { n: 4 });
    expect(await successor.client.nextEvent('app.note')).toMatchObject({ seq: 2, payload: { n: 4 } });
    expect(await resume(successor.client, connIdOf(original.hello), 2)).toEqual(replay);
    expect(await resume(successor.client, connIdOf(original.hello), 9)).toEqual({ recovered: false, reason: 'invalid-seq' });
  });

  it('forgets, on every gateway, the stream of a client that closed normally (1000)', async () => {
    const first = await startClusterGateway<AppEvents>(redis.url, { events: appEvents }, { cluster: 'resume-normal-close' });
    const second = await startClusterGateway<AppEvents>(redis.url, { events: appEvents }, { cluster: 'resume-normal-close' });
    const leaving = await connect(first.url, resumable);
    const dropped = await connect(first.url, resumable);
    const closed = new Promise<void>((resolve) => {
      let count = 0;
      first.gateway.on('disconnect', () => {
        count += 1;
        if (count === 2) resolve();
      });
    });
    leaving.client.ws.close(1000, 'client closed');
    dropped.client.close(); // no close frame: a dropped connection, kept for the window
    await closed;
    const successor = await connect(second.url, resumable);
    expect(await resume(successor.client, connIdOf(leaving.hello), 1)).toEqual({ recovered: false, reason: 'unknown-connection' });
    expect(await resume(successor.client, connIdOf(dropped.hello), 1)).toMatchObject({ recovered: true, replayed: 0 });
  });

  it('still works when the old gateway was killed, and refuses a caller that is not the owner', async () => {
    const survivor = await startClusterGateway<AppEvents>(redis.url, { events: appEvents }, { cluster: 'resume-killed' });
    const victim = await GatewayProcess.start({ script, options: { redisUrl: redis.url, cluster: 'resume-killed', gateway: { events: {} } } });
    onCleanup(async () => {
      await victim.kill();
    });
    const watcher = await connect(survivor.url);
    const original = await connect(victim.url, resumable);
    survivor.gateway.broadcast('app.note', { n: 1 });
    expect(await original.client.nextEvent('app.note')).toMatchObject({ seq: 2 }); // seq 1: the health after hello-ok
    await victim.kill();
    survivor.gateway.broadcast('app.note', { n: 2 });
    survivor.gateway.broadcast('app.note', { n: 3 });
    await watcher.client.nextMatching((frame) => frame.event === 'app.note' && (frame['payload'] as { n: number }).n === 3);
    const stranger = await connect(survivor.url, connectParams({ caps: [RESUME_CAPABILITY], scopes: ['operator.read'] }));
    expect(await resume(stranger.client, connIdOf(original.hello), 2)).toEqual({ recovered: false, reason: 'not-owner' });
    const successor = await connect(survivor.url, resumable);
    const replay = await resume(successor.client, connIdOf(original.hello), 2);
    expect(summary(replay['events'] as Frame[])).toEqual([
      ['app.note', 3, 2],
      ['app.note', 4, 3],
    ]);
    const whole = await resume(successor.client, connIdOf(original.hello), 0);
    expect(summary(whole['events'] as Frame[])).toEqual([['health', 1, undefined], ['app.note', 2, 1], ['app.note', 3, 2], ['app.note', 4, 3]]);
    expect(await resume(successor.client, 'never-existed', 0)).toEqual({ recovered: false, reason: 'unknown-connection' });
  });
});
