import { describe, expect, it } from 'vitest';
import { InMemoryReplayStore, ReplayBuffer, SerializedBroadcast } from '../src/index';

let serial = 0;
function broadcast(n: number, blob = '', createdAtMs?: number): SerializedBroadcast {
  serial += 1;
  return new SerializedBroadcast(serial, { event: 'app.note', payload: { n, blob }, scope: 'everyone', droppable: false }, createdAtMs);
}

function payloads(frames: string[] | string): number[] {
  if (typeof frames === 'string') throw new Error(frames);
  return frames.map((frame) => (JSON.parse(frame) as { payload: { n: number } }).payload.n);
}

const owner = { connId: 'c1', role: 'operator' as const, scopes: ['operator.read'], deviceId: undefined, authMethod: 'token' as const, user: undefined };

describe('ReplayBuffer', () => {
  it('numbers events from 1, replays after a seq in order and refuses a seq ahead of it', () => {
    const buffer = new ReplayBuffer({ maxEvents: 10, maxBytes: 1 << 20 });
    for (let n = 1; n <= 4; n += 1) expect(buffer.append(broadcast(n))).toBe(n);
    expect(payloads(buffer.after(1))).toEqual([2, 3, 4]);
    expect(buffer.after(4)).toEqual([]);
    expect(buffer.after(5)).toBe('invalid-seq');
    const frames = buffer.after(3) as string[];
    expect(JSON.parse(frames[0]!)).toEqual({ type: 'event', event: 'app.note', payload: { n: 4, blob: '' }, seq: 4 });
  });

  it('evicts the oldest events over maxEvents and answers overflow for a seq before them', () => {
    const buffer = new ReplayBuffer({ maxEvents: 3, maxBytes: 1 << 20 });
    for (let n = 1; n <= 5; n += 1) buffer.append(broadcast(n));
    expect(buffer.size).toBe(3);
    expect(buffer.evictedThroughSeq).toBe(2);
    expect(buffer.after(1)).toBe('overflow');
    expect(payloads(buffer.after(2))).toEqual([3, 4, 5]);
  });

  it('evicts over maxBytes, and an event larger than the bound is evicted at once', () => {
    const buffer = new ReplayBuffer({ maxEvents: 100, maxBytes: 1000 });
    for (let n = 1; n <= 10; n += 1) buffer.append(broadcast(n, 'x'.repeat(200)));
    expect(buffer.bytes).toBeLessThanOrEqual(1000);
    expect(buffer.size).toBeGreaterThan(0);
    expect(buffer.after(buffer.evictedThroughSeq - 1)).toBe('overflow');
    buffer.append(broadcast(11, 'y'.repeat(5000)));
    expect(buffer.size).toBe(0);
    expect(buffer.evictedThroughSeq).toBe(11);
    expect(buffer.after(10)).toBe('overflow');
    expect(buffer.after(11)).toEqual([]);
  });

  it('evicts events older than maxAgeMs (by broadcast time) even below the count bound, and answers overflow before them', () => {
    const buffer = new ReplayBuffer({ maxEvents: 10_000, maxBytes: 1 << 20, maxAgeMs: 1_000 });
    for (let n = 1; n <= 5; n += 1) buffer.append(broadcast(n, '', n * 400));
    // At 2,000 ms events from before 1,000 ms are gone: 400 and 800.
    expect(buffer.size).toBe(3);
    expect(buffer.after(1)).toBe('overflow');
    expect(payloads(buffer.after(2))).toEqual([3, 4, 5]);
  });

  it("keeps a replay store's open streams bounded by the retention window (one broadcast a second for an hour)", () => {
    const store = new InMemoryReplayStore({ retentionMs: 120_000, maxEvents: 10_000, maxBytes: 1 << 22 });
    const stream = store.open(owner, 0);
    for (let second = 1; second <= 3_600; second += 1) stream.record(broadcast(second, '', second * 1_000));
    expect(stream.buffer.size).toBeLessThanOrEqual(121);
  });

  it('stops a replay before a broadcast serial (the cut-off of the resuming connection)', () => {
    const buffer = new ReplayBuffer({ maxEvents: 10, maxBytes: 1 << 20 });
    const events = [broadcast(1), broadcast(2), broadcast(3)];
    for (const event of events) buffer.append(event);
    expect(payloads(buffer.after(0, events[2]!.serial))).toEqual([1, 2]);
  });

  it('keeps its order across many ring wrap-arounds', () => {
    const buffer = new ReplayBuffer({ maxEvents: 5, maxBytes: 1 << 20 });
    for (let n = 1; n <= 5000; n += 1) buffer.append(broadcast(n));
    expect(payloads(buffer.after(4995))).toEqual([4996, 4997, 4998, 4999, 5000]);
  });

  it('shares one serialized prefix between every recipient', () => {
    const event = broadcast(1);
    const first = new ReplayBuffer({ maxEvents: 10, maxBytes: 1 << 20 });
    const second = new ReplayBuffer({ maxEvents: 10, maxBytes: 1 << 20 });
    second.append(broadcast(0));
    first.append(event);
    second.append(event);
    expect(JSON.parse((first.after(0) as string[])[0]!).seq).toBe(1);
    expect(JSON.parse((second.after(1) as string[])[0]!).seq).toBe(2);
  });
});

describe('InMemoryReplayStore', () => {
  it('feeds detached streams through their scope guard, expires them after the window and remembers they expired', () => {
    const store = new InMemoryReplayStore({ retentionMs: 1000, maxEvents: 10, maxBytes: 1 << 20 });
    const stream = store.open(owner, 1);
    stream.record(broadcast(1));
    store.recordDetached(broadcast(99), 'everyone');
    expect(stream.buffer.lastSeq).toBe(1);
    const now = Date.now();
    store.detach(stream, now);
    store.recordDetached(broadcast(2), 'everyone');
    store.recordDetached(broadcast(3), 'operator.pairing');
    store.recordDetached(broadcast(4), 'operator.sessions.read');
    expect(payloads(stream.buffer.after(0))).toEqual([1, 2, 4]);
    expect(store.find('c1', now + 999)).toBe(stream);
    expect(store.find('c1', now + 1000)).toBe('expired');
    expect(store.size).toBe(0);
    store.sweep(now + 2000);
    expect(store.find('c1', now + 2000)).toBeUndefined();
  });

  it('stops collecting for a claimed stream, sweeps and clears', () => {
    const store = new InMemoryReplayStore({ retentionMs: 1000, maxEvents: 10, maxBytes: 1 << 20 });
    const claimed = store.open({ ...owner, connId: 'a' }, 1);
    const other = store.open({ ...owner, connId: 'b' }, 1);
    store.detach(claimed, Date.now());
    store.detach(other, Date.now() - 5000);
    store.claim(claimed, 10);
    store.recordDetached(broadcast(1), 'everyone');
    expect(claimed.buffer.lastSeq).toBe(0);
    expect(claimed.claimedBeforeSerial).toBe(10);
    store.sweep(Date.now());
    expect(store.find('b', Date.now())).toBe('expired');
    expect(store.size).toBe(1);
    store.clear();
    expect(store.find('a', Date.now())).toBeUndefined();
  });
});
