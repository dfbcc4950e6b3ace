import { RESUME_CAPABILITY } from '@gatewire/protocol';
import { describe, expect, it } from 'vitest';
import { connectClient, connectParams, startTestGateway } from './helpers/fixtures';
import { TestHub } from './helpers/hub-adapter';

function connIdOf(hello: Record<string, unknown>): string {
  return (hello['server'] as { connId: string }).connId;
}

describe('cluster seam: several gateways on one adapter', () => {
  it('keeps health, tick and shutdown on the gateway that sent them, without spending seq elsewhere', async () => {
    const hub = new TestHub();
    const first = await startTestGateway({ adapter: hub.adapter() });
    const second = await startTestGateway({ adapter: hub.adapter() });
    const onFirst = await connectClient(first);
    const onSecond = await connectClient(second);
    // seq 1 of each connection is its own gateway's health after hello-ok (checked by connectClient).
    first.gateway.publishHealth();
    expect(await onFirst.client.nextEvent('health')).toMatchObject({ seq: 2 });
    second.gateway.broadcast('presence', { presence: [] });
    expect(await onSecond.client.nextEvent('presence')).toMatchObject({ seq: 2 });
    expect(await onFirst.client.nextEvent('presence')).toMatchObject({ seq: 3 });
    expect(onSecond.client.buffered.some((frame) => frame['event'] === 'health')).toBe(false);
    await first.gateway.close();
    second.gateway.broadcast('presence', { presence: [] });
    expect(await onSecond.client.nextEvent('presence')).toMatchObject({ seq: 3 });
    expect(onSecond.client.buffered.some((frame) => frame['event'] === 'shutdown')).toBe(false);
  });

  it('gives every gateway its own self presence entry and takes the presence version from the adapter', async () => {
    const hub = new TestHub(500);
    const first = await startTestGateway({ adapter: hub.adapter() });
    await startTestGateway({ adapter: hub.adapter() });
    const { hello } = await connectClient(first);
    const snapshot = hello['snapshot'] as { presence: Array<{ reason: string }>; stateVersion: { presence: number } };
    expect(snapshot.presence.filter((entry) => entry.reason === 'self')).toHaveLength(2);
    expect([...hub.presence.keys()].every((key) => key.startsWith('self:'))).toBe(true);
    expect(snapshot.stateVersion.presence).toBe(hub.offset);
  });

  it('numbers broadcasts by the adapter offset, so a resume cut-off is an offset', async () => {
    const hub = new TestHub(1_000);
    const target = await startTestGateway({ adapter: hub.adapter() });
    const resumable = connectParams({ caps: [RESUME_CAPABILITY] });
    const first = await connectClient(target, resumable);
    target.gateway.broadcast('presence', { presence: [] });
    await first.client.nextEvent('presence');
    first.client.close();
    await new Promise((resolve) => target.gateway.once('disconnect', resolve));
    target.gateway.broadcast('presence', { presence: [] });
    const second = await connectClient(target, resumable);
    target.gateway.broadcast('presence', { presence: [] });
    const replay = await second.client.request('gateway.resume', { previousConnId: connIdOf(first.hello), lastSeq: 2 });
    expect(replay['payload']).toMatchObject({ recovered: true, replayed: 1, events: [{ event: 'presence', seq: 3 }] });
    expect(await second.client.nextEvent('presence')).toMatchObject({ seq: 2 });
  });

  it('makes lost broadcasts visible: the next event skips a seq and a resume across the hole answers overflow', async () => {
    const hub = new TestHub();
    const adapter = hub.adapter();
    const target = await startTestGateway({ adapter });
    const plain = await connectClient(target);
    const resumable = await connectClient(target, connectParams({ caps: [RESUME_CAPABILITY] }));
    target.gateway.broadcast('presence', { presence: [] });
    expect(await plain.client.nextEvent('presence')).toMatchObject({ seq: 2 });
    expect(await resumable.client.nextEvent('presence')).toMatchObject({ seq: 2 });
    adapter.local?.skipLostBroadcasts();
    target.gateway.broadcast('presence', { presence: [] });
    expect(await plain.client.nextEvent('presence')).toMatchObject({ seq: 4 });
    expect(await resumable.client.nextEvent('presence')).toMatchObject({ seq: 4 });
    const repair = await resumable.client.request('gateway.resume', { previousConnId: connIdOf(resumable.hello), lastSeq: 2 });
    expect(repair['payload']).toEqual({ recovered: false, reason: 'overflow' });
  });

  it('reports a degraded adapter in health and /ready, still ready', async () => {
    const hub = new TestHub();
    const adapter = hub.adapter();
    const target = await startTestGateway({ adapter });
    adapter.healthState = { ok: false, reason: 'redis unreachable' };
    const { client } = await connectClient(target);
    expect((await client.request('health'))['payload']).toMatchObject({ ok: false });
    const ready = await fetch(`http://127.0.0.1:${target.port}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ok: true, status: 'degraded', reason: 'redis unreachable' });
  });

  it('sends an unsequenced event to the eligible connections of this gateway only', async () => {
    const hub = new TestHub();
    const adapter = hub.adapter();
    const target = await startTestGateway({ adapter });
    const { client } = await connectClient(target);
    adapter.local?.deliverUnsequenced({ event: 'tick', payload: { ts: 1 }, scope: 'everyone', droppable: true, gatewayId: 'another-gateway' });
    adapter.local?.deliverUnsequenced({ event: 'tick', payload: { ts: 2 }, scope: 'everyone', droppable: true, gatewayId: target.gateway.bootId });
    expect(await client.nextEvent('tick')).toEqual({ type: 'event', event: 'tick', payload: { ts: 2 } });
  });
});
