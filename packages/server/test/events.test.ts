import { defineEvent, defineEvents } from '@gatewire/protocol';
import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { connectParams, connectClient, startTestGateway } from './helpers/fixtures';

const appEvents = defineEvents(
  defineEvent('app.note', { payload: Type.Object({ n: Type.Integer() }), scope: 'operator.read' }),
  defineEvent('app.pairing', { payload: Type.Object({ n: Type.Integer() }), scope: 'operator.pairing' }),
  defineEvent('app.bulk', { payload: Type.Object({ blob: Type.String() }), scope: 'everyone', droppable: true }),
  defineEvent('app.critical', { payload: Type.Object({ blob: Type.String() }), scope: 'everyone' }),
);

describe('broadcast', () => {
  it('numbers events per connection from 1 and serializes the frame once', async () => {
    const target = await startTestGateway({ events: appEvents });
    const first = await connectClient(target);
    target.gateway.broadcast('app.note', { n: 1 });
    const second = await connectClient(target);
    target.gateway.broadcast('app.note', { n: 2 });
    // seq 1 of each connection is the health event after hello-ok (checked by connectClient).
    expect(await first.client.nextEvent('app.note')).toEqual({ type: 'event', event: 'app.note', payload: { n: 1 }, seq: 2 });
    expect(await first.client.nextEvent('app.note')).toEqual({ type: 'event', event: 'app.note', payload: { n: 2 }, seq: 3 });
    expect(await second.client.nextEvent('app.note')).toEqual({ type: 'event', event: 'app.note', payload: { n: 2 }, seq: 2 });
  });

  it('delivers only to connections whose scopes pass the event guard', async () => {
    const target = await startTestGateway({ events: appEvents });
    const reader = await connectClient(target, connectParams({ scopes: ['operator.read'] }));
    const pairer = await connectClient(target, connectParams({ scopes: ['operator.pairing'] }));
    const sentBefore = (await target.gateway.status()).events.sent;
    target.gateway.broadcast('app.pairing', { n: 1 });
    target.gateway.broadcast('app.note', { n: 2 });
    expect(await reader.client.nextEvent('app.note')).toMatchObject({ payload: { n: 2 }, seq: 2 });
    expect(reader.client.buffered.filter((frame) => frame.event === 'app.pairing')).toEqual([]);
    expect(await pairer.client.nextEvent('app.pairing')).toMatchObject({ payload: { n: 1 }, seq: 2 });
    expect((await target.gateway.status()).events.sent - sentBefore).toBe(2);
  });

  it('refuses to broadcast an undeclared event', async () => {
    const target = await startTestGateway();
    expect(() => target.gateway.broadcast('nope' as never, {} as never)).toThrow(TypeError);
  });

  it('sends targeted events without seq', async () => {
    const target = await startTestGateway({ events: appEvents });
    const { client } = await connectClient(target);
    const [info] = target.gateway.connections();
    expect(target.gateway.sendTo(info!.connId, 'app.note', { n: 7 })).toBe(true);
    expect(await client.nextEvent('app.note')).toEqual({ type: 'event', event: 'app.note', payload: { n: 7 } });
    expect(target.gateway.sendTo('missing', 'app.note', { n: 1 })).toBe(false);
  });

  it('attaches stateVersion to health events', async () => {
    const target = await startTestGateway();
    const { client, hello } = await connectClient(target);
    expect(hello['snapshot']).toMatchObject({ stateVersion: { presence: 1, health: 1 } });
    target.gateway.publishHealth();
    const health = await client.nextEvent('health');
    expect(health).toMatchObject({ seq: 2, stateVersion: { presence: 1, health: 2 }, payload: { ok: true } });
  });
});

describe('presence', () => {
  it('broadcasts presence with stateVersion when a tracked client connects and disconnects', async () => {
    const target = await startTestGateway();
    const observer = await connectClient(target);
    const tracked = await connectClient(target, connectParams({ client: { id: 'openclaw-macos', version: '3', platform: 'darwin', mode: 'ui' }, scopes: [] }));
    const joined = await observer.client.nextEvent('presence');
    expect(joined.seq).toBe(2);
    expect(joined['stateVersion']).toEqual({ presence: 2, health: 1 });
    const entries = (joined['payload'] as { presence: Array<{ mode?: string; reason?: string }> }).presence;
    expect(entries.map((entry) => entry.mode)).toEqual(['gateway', 'ui']);
    const listed = (await observer.client.request('system-presence'))['payload'] as unknown[];
    expect(listed).toHaveLength(2);
    tracked.client.close();
    const left = await observer.client.nextEvent('presence');
    expect(left).toMatchObject({ seq: 3, stateVersion: { presence: 3, health: 1 } });
    expect((left['payload'] as { presence: unknown[] }).presence).toHaveLength(1);
  });

  it('does not track cli, backend and probe clients', async () => {
    const target = await startTestGateway();
    const observer = await connectClient(target);
    await connectClient(target, connectParams({ client: { id: 'cli', version: '1', platform: 'linux', mode: 'cli' } }));
    expect((await observer.client.request('system-presence'))['payload']).toHaveLength(1);
    expect(observer.client.buffered.filter((frame) => frame.event === 'presence')).toEqual([]);
  });
});

describe('heartbeat', () => {
  it('sends tick {ts} every tickIntervalMs with seq', async () => {
    const target = await startTestGateway({ tickIntervalMs: 40 });
    const { client, hello } = await connectClient(target);
    expect((hello['policy'] as { tickIntervalMs: number }).tickIntervalMs).toBe(40);
    const first = await client.nextEvent('tick');
    const second = await client.nextEvent('tick');
    expect(first.seq).toBe(2);
    expect(second.seq).toBe(3);
    expect((second['payload'] as { ts: number }).ts).toBeGreaterThanOrEqual((first['payload'] as { ts: number }).ts);
  });

  it('broadcasts health every healthIntervalMs with a growing health state version', async () => {
    const target = await startTestGateway({ healthIntervalMs: 40 });
    const { client } = await connectClient(target);
    const first = await client.nextEvent('health');
    const second = await client.nextEvent('health');
    // The timer may fire before this client is connected: versions grow by one per broadcast.
    const firstHealth = (first['stateVersion'] as { health: number }).health;
    expect(first).toMatchObject({ seq: 2, stateVersion: { presence: 1 } });
    expect(firstHealth).toBeGreaterThanOrEqual(2);
    expect(second).toMatchObject({ seq: 3, stateVersion: { presence: 1, health: firstHealth + 1 } });
  });

  it('terminates a peer that does not answer pings', async () => {
    // A pong window long enough that the live client's pong is never late under load; the listener
    // is in place before the silent client connects, so its disconnect cannot be missed.
    const target = await startTestGateway({ pingIntervalMs: 30, pongTimeoutMs: 1_000 });
    const gone = new Promise((resolve) => target.gateway.once('disconnect', resolve));
    const silent = await connectClient(target, connectParams(), { autoPong: false });
    const alive = await connectClient(target);
    expect((await silent.client.closed).code).toBe(1006);
    await gone;
    expect(target.gateway.connections().map((info) => info.connId)).toHaveLength(1);
    expect(await alive.client.request('health')).toMatchObject({ ok: true });
  });
});

describe('backpressure', () => {
  interface PausableSocket {
    pause(): void;
    resume(): void;
  }

  /** Pause the client's reads and broadcast `app.bulk` until the gateway has dropped `drops` of them for it. */
  async function fallBehind(target: Awaited<ReturnType<typeof startTestGateway<typeof appEvents>>>, client: { ws: unknown }, drops: number): Promise<PausableSocket> {
    const socket = (client.ws as { _socket: PausableSocket })._socket;
    socket.pause();
    const blob = 'z'.repeat(256 * 1024);
    for (let round = 0; round < 400 && (await target.gateway.status()).events.dropped < drops; round += 1) {
      target.gateway.broadcast('app.bulk', { blob });
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect((await target.gateway.status()).events.dropped).toBeGreaterThanOrEqual(drops);
    return socket;
  }

  it('spends a seq on every event dropped for a slow consumer, so the client sees the gap', async () => {
    const target = await startTestGateway({ events: appEvents, maxBufferedBytes: 64 * 1024 });
    const slow = await connectClient(target);
    const sentBefore = (await target.gateway.status()).events.sent;
    const socket = await fallBehind(target, slow.client, 3);
    const { dropped } = (await target.gateway.status()).events;
    const sent = (await target.gateway.status()).events.sent - sentBefore;
    socket.resume();
    const seqs: number[] = [];
    for (let index = 0; index < sent; index += 1) seqs.push((await slow.client.nextEvent('app.bulk')).seq as number);
    target.gateway.broadcast('app.note', { n: 1 });
    const marker = await slow.client.nextEvent('app.note');
    // + 1 for the health event after hello-ok (seq 1).
    expect(marker.seq).toBe(sent + dropped + 2);
    expect(seqs.at(-1)).toBeLessThan(sent + dropped + 2);
    expect(seqs.every((seq, index) => index === 0 || seq > (seqs[index - 1] as number))).toBe(true);
  });

  it('closes a slow consumer 1008 on a non-droppable event', async () => {
    const target = await startTestGateway({ events: appEvents, maxBufferedBytes: 64 * 1024 });
    const slow = await connectClient(target);
    const socket = await fallBehind(target, slow.client, 1);
    target.gateway.broadcast('app.critical', { blob: 'last' });
    socket.resume();
    expect(await slow.client.closed).toEqual({ code: 1008, reason: 'slow consumer' });
  });

  it('closes 1008 a consumer that stays behind longer than slowConsumerTimeoutMs', async () => {
    const target = await startTestGateway({ events: appEvents, maxBufferedBytes: 64 * 1024, slowConsumerTimeoutMs: 50 });
    const slow = await connectClient(target);
    const socket = await fallBehind(target, slow.client, 1);
    // Droppable events only, over at least 200 ms of real time (20 timer turns of 10 ms), four
    // times the bound: the bound is a duration, so the test paces itself, with no race on it.
    for (let round = 0; round < 20; round += 1) {
      target.gateway.broadcast('app.bulk', { blob: 'b' });
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    target.gateway.broadcast('app.bulk', { blob: 'b' });
    socket.resume();
    expect(await slow.client.closed).toEqual({ code: 1008, reason: 'slow consumer' });
  });
});
